using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.GraphQL.Sites;

public sealed class AdresseInputType : InputObjectGraphType<Adresse>
{
    public AdresseInputType()
    {
        Name = "AdresseInput";
        Description = "Une adresse, entière : la voie ne va jamais sans son code postal et sa commune.";
        Field<NonNullGraphType<StringGraphType>>("voie");
        Field<StringGraphType>("complement");
        Field<NonNullGraphType<StringGraphType>>("codePostal");
        Field<StringGraphType>("codeInsee");
        Field<NonNullGraphType<StringGraphType>>("commune");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new Adresse
    {
        Voie = ((string)value["voie"]!).Trim(),
        Complement = value.TryGetValue("complement", out var c) && c is string complement && complement.Trim().Length > 0 ? complement.Trim() : null,
        CodePostal = ((string)value["codePostal"]!).Trim(),
        CodeInsee = value.TryGetValue("codeInsee", out var i) && i is string insee && insee.Trim().Length > 0 ? insee.Trim() : null,
        Commune = ((string)value["commune"]!).Trim(),
    };
}

/// <summary>
/// The editable fields of a place, all optional: only the fields given change (null clears a field). id and
/// dateMaj are not editable (dateMaj becomes the day of the edit).
/// </summary>
public sealed class SiteInputType : InputObjectGraphType
{
    /// <summary>GraphQL input name → (standard field or group, how to apply the value).</summary>
    internal static readonly IReadOnlyDictionary<string, (string Field, Func<Site, object?, Site> Apply)> Editable =
        new Dictionary<string, (string, Func<Site, object?, Site>)>(StringComparer.Ordinal)
        {
            ["nom"] = (SiteFields.Nom, (s, v) => s with { Nom = (v as string)?.Trim() ?? "" }),
            ["pivot"] = (SiteFields.Pivot, (s, v) => s with { Pivot = (v as string)?.Trim() is { Length: > 0 } p ? p : Pivot.Unknown }),
            ["adresse"] = (SiteFields.Adresse, (s, v) => v is Adresse a ? s with { Adresse = a } : s),
            ["location"] = (SiteFields.Latitude, (s, v) => v is GeoPoint point ? s with { Location = point } : s),
            ["typologie"] = (SiteFields.Typologie, (s, v) => s with { Typologie = List<Typologie>(v) }),
            ["telephone"] = (SiteFields.Telephone, (s, v) => s with { Telephone = NormalizeTelephone(v as string) }),
            ["courriels"] = (SiteFields.Courriels, (s, v) => s with { Courriels = Texts(v) }),
            ["siteWeb"] = (SiteFields.SiteWeb, (s, v) => s with { SiteWeb = Texts(v) }),
            ["horaires"] = (SiteFields.Horaires, (s, v) => s with { Horaires = Text(v) }),
            ["presentationResume"] = (SiteFields.PresentationResume, (s, v) => s with { PresentationResume = Text(v) }),
            ["presentationDetail"] = (SiteFields.PresentationDetail, (s, v) => s with { PresentationDetail = Text(v) }),
            ["source"] = (SiteFields.Source, (s, v) => s with { Source = Text(v) }),
            ["itinerance"] = (SiteFields.Itinerance, (s, v) => s with { Itinerance = List<Itinerance>(v) }),
            ["structureParente"] = (SiteFields.StructureParente, (s, v) => s with { StructureParente = Text(v) }),
            ["services"] = (SiteFields.Services, (s, v) => s with { Services = List<Service>(v) }),
            ["publicsSpecifiquementAdresses"] = (SiteFields.PublicsSpecifiquementAdresses, (s, v) => s with { PublicsSpecifiquementAdresses = List<PublicSpecifiquementAdresse>(v) }),
            ["priseEnChargeSpecifique"] = (SiteFields.PriseEnChargeSpecifique, (s, v) => s with { PriseEnChargeSpecifique = List<PriseEnChargeSpecifique>(v) }),
            ["fraisACharge"] = (SiteFields.FraisACharge, (s, v) => s with { FraisACharge = List<FraisACharge>(v) }),
            ["dispositifProgrammesNationaux"] = (SiteFields.DispositifProgrammesNationaux, (s, v) => s with { DispositifProgrammesNationaux = List<DispositifProgrammeNational>(v) }),
            ["formationsLabels"] = (SiteFields.FormationsLabels, (s, v) => s with { FormationsLabels = List<FormationLabel>(v) }),
            ["autresFormationsLabels"] = (SiteFields.AutresFormationsLabels, (s, v) => s with { AutresFormationsLabels = Texts(v) }),
            ["modalitesAcces"] = (SiteFields.ModalitesAcces, (s, v) => s with { ModalitesAcces = List<ModaliteAcces>(v) }),
            ["modalitesAccompagnement"] = (SiteFields.ModalitesAccompagnement, (s, v) => s with { ModalitesAccompagnement = List<ModaliteAccompagnement>(v) }),
            ["ficheAccesLibre"] = (SiteFields.FicheAccesLibre, (s, v) => s with { FicheAccesLibre = Text(v) }),
            ["priseRdv"] = (SiteFields.PriseRdv, (s, v) => s with { PriseRdv = Text(v) }),
            [TemporaryNoticeFields.Editable[0].Input] = (TemporaryNoticeFields.Editable[0].Field, TemporaryNoticeFields.Editable[0].Apply),
            [TemporaryNoticeFields.Editable[1].Input] = (TemporaryNoticeFields.Editable[1].Field, TemporaryNoticeFields.Editable[1].Apply),
            ["languesParlees"] = (SpokenLanguages.Field, (s, v) => s with { LanguesParlees = SpokenLanguages.Normalize(Texts(v)) }),
        };

    public SiteInputType()
    {
        Name = "SiteInput";
        Description = "Les champs à modifier d'un lieu, tous facultatifs : seuls ceux donnés changent (null efface). dateMaj devient le jour de la modification.";
        Field<StringGraphType>("nom");
        Field<StringGraphType>("pivot").Description("SIRET (14 chiffres) ou RNA ; null : inconnu.");
        Field<AdresseInputType>("adresse");
        Field<GeoPointInputType>("location");
        Field<ListGraphType<NonNullGraphType<TypologieEnumType>>>("typologie");
        Field<StringGraphType>("telephone").Description("Numéro français, dans n'importe quelle écriture courante ; enregistré au format +33.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("courriels");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("siteWeb");
        Field<StringGraphType>("horaires").Description("Horaires OpenStreetMap opening_hours (vérifiés comme validateOpeningHours).");
        Field<StringGraphType>("presentationResume");
        Field<StringGraphType>("presentationDetail");
        Field<StringGraphType>("source");
        Field<ListGraphType<NonNullGraphType<ItineranceEnumType>>>("itinerance");
        Field<StringGraphType>("structureParente");
        Field<ListGraphType<NonNullGraphType<ServiceEnumType>>>("services");
        Field<ListGraphType<NonNullGraphType<PublicSpecifiquementAdresseEnumType>>>("publicsSpecifiquementAdresses");
        Field<ListGraphType<NonNullGraphType<PriseEnChargeSpecifiqueEnumType>>>("priseEnChargeSpecifique");
        Field<ListGraphType<NonNullGraphType<FraisAChargeEnumType>>>("fraisACharge");
        Field<ListGraphType<NonNullGraphType<DispositifProgrammeNationalEnumType>>>("dispositifProgrammesNationaux");
        Field<ListGraphType<NonNullGraphType<FormationLabelEnumType>>>("formationsLabels");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("autresFormationsLabels");
        Field<ListGraphType<NonNullGraphType<ModaliteAccesEnumType>>>("modalitesAcces");
        Field<ListGraphType<NonNullGraphType<ModaliteAccompagnementEnumType>>>("modalitesAccompagnement");
        Field<StringGraphType>("ficheAccesLibre");
        Field<StringGraphType>("priseRdv");
        TemporaryNoticeFields.AddInputFields(this);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("languesParlees")
            .Description("Les langues parlées au lieu, codes ISO 639-1 (« uk », « ar »…, 20 au plus) : la liste remplace celle du lieu ; null ou [] l'efface. Un code inconnu : INVALID_SITE, champ languesParlees.");
    }

    public static SitePatch From(IDictionary<string, object?> value)
    {
        var given = value.Where(p => Editable.ContainsKey(p.Key)).ToList();
        if (given.Count == 0)
        {
            throw new ScoranError(ErrorCodes.InvalidSite, "Aucun champ à modifier : donnez au moins un champ dans input.");
        }

        if (value.TryGetValue("adresse", out var adresse) && adresse is null)
        {
            throw Invalid("adresse", "L'adresse ne s'efface pas : donnez la nouvelle adresse entière.");
        }

        if (value.TryGetValue("location", out var location) && location is null)
        {
            throw Invalid("location", "La position ne s'efface pas : donnez la nouvelle position.");
        }

        return new SitePatch(
            given.Select(p => Editable[p.Key].Field).ToHashSet(StringComparer.Ordinal),
            site => given.Aggregate(site, (s, p) => Editable[p.Key].Apply(s, p.Value)));
    }

    /// <summary>The input name of a standard field, for errors and conflicts (address parts inside <c>adresse</c>).</summary>
    public static string InputName(string field) => field switch
    {
        SiteFields.Adresse => "adresse.voie",
        SiteFields.ComplementAdresse => "adresse.complement",
        SiteFields.CodePostal => "adresse.codePostal",
        SiteFields.CodeInsee => "adresse.codeInsee",
        SiteFields.Commune => "adresse.commune",
        SiteFields.Latitude or SiteFields.Longitude => "location",
        SiteFields.DateMaj => "dateMaj",
        SiteHistory.LastConfirmedAtField => "lastConfirmedAt",
        SiteRecorder.LocationPrecisionField => "location",
        _ => Editable.FirstOrDefault(p => p.Value.Field == field).Key ?? field,
    };

    internal static ScoranError Invalid(string field, string message)
    {
        var error = new ScoranError(ErrorCodes.InvalidSite, message);
        error.Data["field"] = field;
        return error;
    }

    private static string? Text(object? value) => value is string text && text.Trim().Length > 0 ? text.Trim() : null;

    private static IReadOnlyList<string> Texts(object? value) =>
        value is IEnumerable<object?> items ? [.. items.OfType<string>().Select(t => t.Trim()).Where(t => t.Length > 0)] : [];

    private static IReadOnlyList<T> List<T>(object? value) => value is IEnumerable<object?> items ? [.. items.OfType<T>().Distinct()] : [];

    private static string? NormalizeTelephone(string? value) =>
        Text(value) is not { } text ? null : Telephone.TryNormalize(text, out var normalized) ? normalized : text;
}

/// <summary>updateSite, confirmSite, Site.history, Site.lastConfirmedAt, staleSites.</summary>
internal static class SiteEditingFields
{
    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SiteType>>("updateSite")
            .Description("Modifie des champs d'un lieu (médiateurs du lieu, modérateurs du territoire, administrateurs). expectedVersion : le champ version lu ; si le lieu a changé depuis, VERSION_CONFLICT avec les champs changés entre-temps (rien n'est écrit).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IntGraphType>>("expectedVersion")
            .Argument<NonNullGraphType<SiteInputType>>("input")
            .ResolveAsync(async c =>
            {
                var key = GlobalId.DecodeKey(c.GetArgument<string>("id"), SiteType.TypeName);
                var patch = SiteInputType.From(c.Arguments!["input"].Value as IDictionary<string, object?> ?? new Dictionary<string, object?>());
                var actor = await Authorize(c, new EditTarget(EditAction.UpdateSite, SiteKey: key));
                try
                {
                    var (site, _) = await Editor(c).EditAsync(key, c.GetArgument<int>("expectedVersion"), patch, actor, c.CancellationToken);
                    return site;
                }
                catch (SiteVersionConflictException e)
                {
                    var error = new ScoranError(ErrorCodes.VersionConflict, e.Message);
                    error.Data["currentVersion"] = e.CurrentVersion;
                    error.Data["changes"] = e.Changed
                        .Select(f => new Dictionary<string, object?> { ["field"] = SiteInputType.InputName(f.Field), ["oldValue"] = f.OldValue, ["newValue"] = f.NewValue })
                        .ToList();
                    throw error;
                }
                catch (SiteEditInvalidException e)
                {
                    throw InvalidSiteError(e);
                }
                catch (SiteNotFoundException e)
                {
                    throw new ScoranError(ErrorCodes.NotFound, e.Message);
                }
            });

        mutation.Field<NonNullGraphType<SiteType>>("confirmSite")
            .Description("« Toujours vrai » : la fiche est juste ; met lastConfirmedAt à maintenant (le contenu et la version ne changent pas).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var key = GlobalId.DecodeKey(c.GetArgument<string>("id"), SiteType.TypeName);
                var actor = await Authorize(c, new EditTarget(EditAction.ConfirmSite, SiteKey: key));
                try
                {
                    return await Editor(c).ConfirmAsync(key, actor, c.CancellationToken);
                }
                catch (SiteNotFoundException e)
                {
                    throw new ScoranError(ErrorCodes.NotFound, e.Message);
                }
            });
    }

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SiteType>>>>("staleSites")
            .Description("Modérateurs : les lieux « Informations à vérifier » (la règle de Site.freshness : ni confirmés, ni modifiés, ni mis à jour par leur source depuis Freshness:StaleAfter, 12 mois par défaut), les plus anciens d'abord, dans leur territoire (departement : un département du territoire).")
            .Argument<StringGraphType>("departement")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .ResolveAsync(async c =>
            {
                var principal = await c.RequestServices!.GetRequiredService<RequestIdentity>().RequireAsync(c.CancellationToken);
                var wanted = c.GetArgument<string?>("departement");
                if (principal.Role == AccountRole.Mediator)
                {
                    throw new ScoranError(ErrorCodes.Forbidden, "Réservé aux modérateurs et aux administrateurs.");
                }

                if (principal.Role == AccountRole.Moderator && principal.Departement is { } own)
                {
                    if (wanted is not null && wanted != own)
                    {
                        throw new ScoranError(ErrorCodes.Forbidden, $"Votre territoire est le département {own}.");
                    }

                    wanted = own;
                }

                var first = c.GetArgument("first", 50);
                if (first is < 0 or > 500)
                {
                    throw new ScoranError(ErrorCodes.InvalidPagination, "first doit être compris entre 0 et 500.");
                }

                return (await Editor(c).StaleAsync(wanted, c.CancellationToken)).Take(first).ToList();
            });
    }

    public static void AddSiteFields(ObjectGraphType<StoredSite> site)
    {
        site.Field<NonNullGraphType<IntGraphType>>("version").Description("Version de la fiche : à renvoyer dans updateSite(expectedVersion).").Resolve(c => c.Source.Version);
        site.Field<DateTimeScalar>("lastConfirmedAt")
            .Description("Dernière fois qu'une personne du lieu ou de la modération a confirmé (ou modifié) la fiche ; null : jamais.")
            .Resolve(c => c.Source.LastConfirmedAt);
        site.Field<NonNullGraphType<BooleanGraphType>>("stale")
            .Description("Égal à freshness.stale : ni confirmée, ni modifiée, ni mise à jour par sa source depuis Freshness:StaleAfter (12 mois par défaut) ; les pages montrent alors « Informations à vérifier ».")
            .Resolve(c => Editor(c).IsStale(c.Source));
        site.Field<ListGraphType<NonNullGraphType<SiteChangeType>>>("history")
            .Description("L'historique des modifications (qui, quand, quels champs, valeurs avant et après), du plus ancien au plus récent. Visible des médiateurs du lieu, des modérateurs de son territoire et des administrateurs.")
            .ResolveAsync(async c =>
            {
                // The place is the field's parent: its scope is known without a query, and the histories of a page of places are read at once.
                var site = c.Source.Site;
                var place = new PlaceScope(c.Source.Key, site.Pivot, PlaceScope.DepartementOf(site.Adresse.CodeInsee, site.Adresse.CodePostal));
                await c.RequestServices!.GetRequiredService<IEditAuthorization>().AuthorizePlaceAsync(EditAction.ViewHistory, place, c.CancellationToken);
                return c.Loaders().History.Load(c.Source.Key);
            });
    }

    /// <summary>INVALID_SITE with the first field at fault in <c>field</c> and all of them in <c>fields</c> (input names).</summary>
    internal static ScoranError InvalidSiteError(SiteEditInvalidException e)
    {
        var error = SiteInputType.Invalid(SiteInputType.InputName(e.Issues[0].Field), e.Issues[0].Message);
        error.Data["fields"] = e.Issues
            .Select(i => new Dictionary<string, object?> { ["field"] = SiteInputType.InputName(i.Field), ["message"] = i.Message })
            .ToList();
        return error;
    }

    private static SiteEditor Editor(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<SiteEditor>();

    private static Task<string> Authorize(IResolveFieldContext c, EditTarget target) =>
        c.RequestServices!.GetRequiredService<IEditAuthorization>().AuthorizeAsync(target, c.CancellationToken);
}

public sealed class SiteChangeKindEnumType : EnumerationGraphType<SiteChangeKind>
{
    public SiteChangeKindEnumType()
    {
        Name = "SiteChangeKind";
        Description = "Nature d'un changement dans l'historique d'un lieu.";
    }
}

public sealed class FieldChangeType : ObjectGraphType<FieldChange>
{
    public FieldChangeType()
    {
        Name = "FieldChange";
        Field<NonNullGraphType<StringGraphType>>("field").Description("Nom du champ dans le standard (code_postal, horaires…).").Resolve(c => c.Source.Field);
        Field<StringGraphType>("oldValue").Description("Valeur avant, telle que le standard l'écrit (listes jointes par |).").Resolve(c => c.Source.OldValue);
        Field<StringGraphType>("newValue").Resolve(c => c.Source.NewValue);
    }
}

public sealed class SiteChangeType : ObjectGraphType<SiteChangeEvent>
{
    public SiteChangeType()
    {
        Name = "SiteChange";
        Description = "Un changement d'un lieu : qui, quand, quels champs.";
        Field<NonNullGraphType<DateTimeScalar>>("at").Resolve(c => c.Source.ChangedAt);
        Field<NonNullGraphType<StringGraphType>>("actor")
            .Description("Qui : account:<id> (un compte), admin-token (un script), import:<jeu> (un import), merge-review:<nom>.")
            .Resolve(c => c.Source.Actor);
        Field<NonNullGraphType<SiteChangeKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeType>>>>("fields").Resolve(c => c.Source.Fields);
    }
}
