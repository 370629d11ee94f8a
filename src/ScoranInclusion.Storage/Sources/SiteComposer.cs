using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Sources;

/// <summary>One source record as the composer sees it: the values received and the point it gives.</summary>
public sealed record ComposerInput(Site Site, GeoPoint? Location, LocationPrecision Precision)
{
    public DateOnly DateMaj => Site.DateMaj;
}

/// <summary>A place's values, and for each of the standard's fields the inputs (by index) that gave them.</summary>
public sealed record ComposedSite(Site Site, LocationPrecision Precision, IReadOnlyList<(string Field, int Input)> FieldSources);

/// <summary>
/// Computes a place from all the source records that describe it. The result depends on the
/// records only, so a place can be recomputed at any time (after an update, a merge, the undo
/// of a merge) and always gives the same values for the same records.
/// </summary>
/// <remarks>
/// Rules, field by field:
/// <list type="bullet">
/// <item>lists (services, typologie, courriels…) are the union of every record's values, in
/// record order, without duplicates;</item>
/// <item>scalars (nom, telephone, horaires…) come from the record with the most recent
/// <c>date_maj</c> that has a value; on a tie the earlier record (the one the place had first)
/// keeps it. A record without a value never erases another's: sources carry different columns;</item>
/// <item>the address (adresse, complement_adresse, code_postal, code_insee, commune) is taken
/// whole from one record, by the same rule, so that a street is never paired with another
/// source's postcode;</item>
/// <item>the point (latitude, longitude) is the most recent precise one; a commune's point
/// (a record without coordinates) is used only when no record has its own;</item>
/// <item>the pivot placeholder <c>00000000000000</c> counts as no value: it never wins over a
/// real SIRET or RNA;</item>
/// <item><c>date_maj</c> is the most recent of all; <c>id</c> is the primary record's (the
/// place's first source, for compatibility).</item>
/// </list>
/// </remarks>
public static class SiteComposer
{
    public static ComposedSite Compose(IReadOnlyList<ComposerInput> inputs, int primary)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("Un lieu a au moins un enregistrement source.", nameof(inputs));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(primary);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(primary, inputs.Count);

        var provenance = new List<(string Field, int Input)>();

        // The most recent input for which hasValue holds; the earliest one on a tie.
        int Latest(Func<ComposerInput, bool> hasValue)
        {
            var best = -1;
            for (var i = 0; i < inputs.Count; i++)
            {
                if (hasValue(inputs[i]) && (best < 0 || inputs[i].DateMaj > inputs[best].DateMaj))
                {
                    best = i;
                }
            }

            return best;
        }

        T? Scalar<T>(string field, Func<Site, T?> get) where T : class
        {
            var winner = Latest(i => get(i.Site) is { } value && (value is not string text || !string.IsNullOrWhiteSpace(text)));
            if (winner < 0)
            {
                return null;
            }

            provenance.Add((field, winner));
            return get(inputs[winner].Site);
        }

        IReadOnlyList<T> Union<T>(string field, Func<Site, IReadOnlyList<T>> get, IEqualityComparer<T>? comparer = null)
        {
            var seen = new HashSet<T>(comparer);
            var union = new List<T>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var values = get(inputs[i].Site);
                if (values.Count == 0)
                {
                    continue;
                }

                provenance.Add((field, i));
                union.AddRange(values.Where(seen.Add));
            }

            return union;
        }

        provenance.Add((SiteFields.Id, primary));

        var pivotWinner = Latest(i => !Pivot.IsUnknown(i.Site.Pivot));
        var pivot = pivotWinner >= 0 ? inputs[pivotWinner].Site.Pivot : Pivot.Unknown;
        provenance.Add((SiteFields.Pivot, pivotWinner >= 0 ? pivotWinner : Latest(_ => true)));

        var addressWinner = Latest(i => !string.IsNullOrWhiteSpace(i.Site.Adresse.Voie));
        if (addressWinner < 0)
        {
            addressWinner = Latest(_ => true);
        }

        var adresse = inputs[addressWinner].Site.Adresse;
        provenance.Add((SiteFields.Adresse, addressWinner));
        if (adresse.Complement is not null)
        {
            provenance.Add((SiteFields.ComplementAdresse, addressWinner));
        }

        provenance.Add((SiteFields.CodePostal, addressWinner));
        if (adresse.CodeInsee is not null)
        {
            provenance.Add((SiteFields.CodeInsee, addressWinner));
        }

        provenance.Add((SiteFields.Commune, addressWinner));

        var pointWinner = Latest(i => i.Location is not null && i.Precision == LocationPrecision.Address);
        if (pointWinner < 0)
        {
            pointWinner = Latest(i => i.Location is not null && i.Precision == LocationPrecision.Commune);
        }

        if (pointWinner >= 0)
        {
            provenance.Add((SiteFields.Latitude, pointWinner));
            provenance.Add((SiteFields.Longitude, pointWinner));
        }

        var dateWinner = Latest(_ => true);
        provenance.Add((SiteFields.DateMaj, dateWinner));

        var site = new Site
        {
            Id = inputs[primary].Site.Id,
            Pivot = pivot,
            Nom = Scalar(SiteFields.Nom, s => s.Nom) ?? inputs[primary].Site.Nom,
            Adresse = adresse,
            Location = pointWinner >= 0 ? inputs[pointWinner].Location : null,
            Typologie = Union(SiteFields.Typologie, s => s.Typologie),
            Telephone = Scalar(SiteFields.Telephone, s => s.Telephone),
            Courriels = Union(SiteFields.Courriels, s => s.Courriels, StringComparer.OrdinalIgnoreCase),
            SiteWeb = Union(SiteFields.SiteWeb, s => s.SiteWeb, StringComparer.Ordinal),
            Horaires = Scalar(SiteFields.Horaires, s => s.Horaires),
            PresentationResume = Scalar(SiteFields.PresentationResume, s => s.PresentationResume),
            PresentationDetail = Scalar(SiteFields.PresentationDetail, s => s.PresentationDetail),
            Source = Scalar(SiteFields.Source, s => s.Source),
            Itinerance = Union(SiteFields.Itinerance, s => s.Itinerance),
            StructureParente = Scalar(SiteFields.StructureParente, s => s.StructureParente),
            DateMaj = inputs[dateWinner].DateMaj,
            Services = Union(SiteFields.Services, s => s.Services),
            PublicsSpecifiquementAdresses = Union(SiteFields.PublicsSpecifiquementAdresses, s => s.PublicsSpecifiquementAdresses),
            PriseEnChargeSpecifique = Union(SiteFields.PriseEnChargeSpecifique, s => s.PriseEnChargeSpecifique),
            FraisACharge = Union(SiteFields.FraisACharge, s => s.FraisACharge),
            DispositifProgrammesNationaux = Union(SiteFields.DispositifProgrammesNationaux, s => s.DispositifProgrammesNationaux),
            FormationsLabels = Union(SiteFields.FormationsLabels, s => s.FormationsLabels),
            AutresFormationsLabels = Union(SiteFields.AutresFormationsLabels, s => s.AutresFormationsLabels, StringComparer.Ordinal),
            ModalitesAcces = Union(SiteFields.ModalitesAcces, s => s.ModalitesAcces),
            ModalitesAccompagnement = Union(SiteFields.ModalitesAccompagnement, s => s.ModalitesAccompagnement),
            FicheAccesLibre = Scalar(SiteFields.FicheAccesLibre, s => s.FicheAccesLibre),
            PriseRdv = Scalar(SiteFields.PriseRdv, s => s.PriseRdv),
        };

        var precision = pointWinner >= 0 ? inputs[pointWinner].Precision : LocationPrecision.None;
        return new ComposedSite(site, precision, provenance);
    }
}
