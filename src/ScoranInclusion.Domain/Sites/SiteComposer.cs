using ScoranInclusion.Domain;

namespace ScoranInclusion.Domain.Sites;

/// <summary>One source record as the composer sees it: the values received and the point it gives.</summary>
/// <param name="Edits">
/// For a person's edits (provenance <c>SiteEdits.Provenance</c> in Storage): the fields edited, each with the date of
/// its edit. Such an input gives only these fields, and gives them even empty (an edit may clear a value).
/// </param>
public sealed record ComposerInput(Site Site, GeoPoint? Location, LocationPrecision Precision, IReadOnlyDictionary<string, DateOnly>? Edits = null)
{
    public DateOnly DateMaj => Site.DateMaj;

    public bool IsEdit => Edits is not null;

    /// <summary>Whether this input speaks for <paramref name="field"/> at all (an edit only for what it edited).</summary>
    public bool Covers(string field) => Edits is null || Edits.ContainsKey(field);

    /// <summary>The date that competes for <paramref name="field"/>: the edit's, or the record's <c>date_maj</c>.</summary>
    public DateOnly DateFor(string field) => Edits is not null && Edits.TryGetValue(field, out var date) ? date : DateMaj;
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
/// place's first source, for compatibility);</item>
/// <item>a person's edit (<see cref="ComposerInput.Edits"/>) is a source dated the day of the edit, field by
/// field: an edited field keeps the edited value (even empty, and for a list the edited list replaces the
/// union) until a source sends that field with a strictly later <c>date_maj</c>; on the same day the edit
/// wins. The address fields are edited together (key <c>adresse</c>), and so are latitude and longitude
/// (key <c>latitude</c>).</item>
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

        // The most recent input for which hasValue holds; the earliest one on a tie, except that an edit wins
        // a tie (it was made knowing the source of that day). Edits compete only for the fields they edited
        // (editKey), with an explicit value even when empty.
        int Latest(Func<ComposerInput, bool> hasValue, string? editKey = null)
        {
            var best = -1;
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                if (input.IsEdit && (editKey is null || !input.Covers(editKey)))
                {
                    continue;
                }

                if (!input.IsEdit && !hasValue(input))
                {
                    continue;
                }

                var date = editKey is null ? input.DateMaj : input.DateFor(editKey);
                if (best < 0)
                {
                    best = i;
                    continue;
                }

                var bestDate = editKey is null ? inputs[best].DateMaj : inputs[best].DateFor(editKey);
                if (date > bestDate || (date == bestDate && input.IsEdit && !inputs[best].IsEdit))
                {
                    best = i;
                }
            }

            return best;
        }

        T? Scalar<T>(string field, Func<Site, T?> get) where T : class
        {
            var winner = Latest(i => get(i.Site) is { } value && (value is not string text || !string.IsNullOrWhiteSpace(text)), field);
            if (winner < 0)
            {
                return null;
            }

            var value = get(inputs[winner].Site);
            if (value is not null && (value is not string text || !string.IsNullOrWhiteSpace(text)))
            {
                provenance.Add((field, winner));
                return value;
            }

            // An edit that cleared the field: no value, and no provenance row.
            return null;
        }

        IReadOnlyList<T> Union<T>(string field, Func<Site, IReadOnlyList<T>> get, IEqualityComparer<T>? comparer = null)
        {
            var edit = Latest(i => get(i.Site).Count > 0, field);
            if (edit >= 0 && inputs[edit].IsEdit)
            {
                // The edited list replaces the union until a source sends that field later.
                var edited = get(inputs[edit].Site);
                if (edited.Count > 0)
                {
                    provenance.Add((field, edit));
                }

                return [.. edited.Distinct(comparer)];
            }

            var seen = new HashSet<T>(comparer);
            var union = new List<T>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var values = inputs[i].IsEdit ? [] : get(inputs[i].Site);
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

        var pivotWinner = Latest(i => !Pivot.IsUnknown(i.Site.Pivot), SiteFields.Pivot);
        var pivot = pivotWinner >= 0 ? inputs[pivotWinner].Site.Pivot : Pivot.Unknown;
        provenance.Add((SiteFields.Pivot, pivotWinner >= 0 ? pivotWinner : Latest(_ => true)));

        var addressWinner = Latest(i => !string.IsNullOrWhiteSpace(i.Site.Adresse.Voie), SiteFields.Adresse);
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

        var pointWinner = Latest(i => i.Location is not null && i.Precision == LocationPrecision.Address, SiteFields.Latitude);
        if (pointWinner >= 0 && inputs[pointWinner].Location is null)
        {
            pointWinner = -1;
        }

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
        for (var i = 0; i < inputs.Count; i++)
        {
            // An edit is an update of the place: its day counts for date_maj too.
            if (inputs[i].IsEdit && inputs[i].DateMaj > inputs[dateWinner].DateMaj)
            {
                dateWinner = i;
            }
        }

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
