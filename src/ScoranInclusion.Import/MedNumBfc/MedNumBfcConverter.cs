using System.Globalization;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.MedNumBfc;

/// <summary>Settings of <see cref="MedNumBfcConverter"/>; the defaults are those of the 2022-12-30 file.</summary>
public sealed record MedNumBfcOptions
{
    /// <summary>The standard's <c>source</c>: who collected the data.</summary>
    public string Source { get; init; } = "MedNum BFC";

    /// <summary>
    /// <c>date_maj</c> (required by the standard) for rows whose <c>mise_a_jour</c> is empty:
    /// the day the source file last changed (multi-coop/data-bfc-ternum commit 55b70165,
    /// 2022-12-30), the latest date the data can be said to be from.
    /// </summary>
    public DateOnly DefaultDateMaj { get; init; } = new(2022, 12, 30);

    /// <summary>
    /// A point outside the commune of its address by at most this distance is taken as a
    /// geocoding or boundary imprecision (the commune polygons are simplified) and kept;
    /// farther, it belongs to another place and is replaced by the commune's representative point.
    /// </summary>
    public double BorderToleranceMetres { get; init; } = 1000;
}

/// <summary>How the commune of a row was settled from its point and its address.</summary>
public enum CommuneCheckOutcome
{
    /// <summary>The point lies in the commune its postal code and town name designate.</summary>
    Consistent,

    /// <summary>The town name matches no commune, but the point's commune has the row's postal code.</summary>
    PostalCodeOnly,

    /// <summary>The point lies just outside the address's commune (within the tolerance): commune from the address, point kept.</summary>
    NearBorder,

    /// <summary>The point lies in another commune, beyond the tolerance: commune from the address, point moved to its representative point.</summary>
    Flagged,

    /// <summary>The address designates no commune: commune from the point alone.</summary>
    PointOnly,

    /// <summary>No usable point: commune from the address, point set to its representative point.</summary>
    AddressOnly,

    /// <summary>Neither the point nor the address gives a commune: the town name is kept as written, without INSEE code.</summary>
    Unresolved,
}

/// <summary>The commune evidence of one row, for the report.</summary>
/// <param name="SourcePoint">The source's coordinates, if readable.</param>
/// <param name="PointCommune">The commune containing <paramref name="SourcePoint"/>.</param>
/// <param name="AddressCommune">The commune of the postal code and town name, when one is designated.</param>
/// <param name="DistanceMetres">Distance from the point to <paramref name="AddressCommune"/> when they disagree.</param>
public sealed record CommuneCheck(
    CommuneCheckOutcome Outcome,
    GeoPoint? SourcePoint,
    Commune? PointCommune,
    CommuneMatch? AddressCommune,
    double? DistanceMetres);

/// <summary>One converted row: the standard row and issues, plus what the MedNum BFC report needs.</summary>
/// <param name="DateMajDefaulted">True when <c>mise_a_jour</c> was empty and <see cref="MedNumBfcOptions.DefaultDateMaj"/> was used.</param>
public sealed record MedNumBfcConversion(ImportRow Row, CommuneCheck Commune, bool DateMajDefaulted);

/// <summary>
/// Converts the MedNum BFC export to sites of the national standard. Every choice is in
/// <see cref="MedNumBfcCodes"/> and geodata/README.md; row-specific corrections and dropped
/// values become issues of the row. Rules applied to every row alike (phone numbers put in
/// international form, dates turned to ISO, spaces collapsed, the unknown pivot) are not
/// repeated as issues. The result is not run through <see cref="SiteValidator"/>: callers
/// validate (the geodata builder re-reads its output with <see cref="LmnCsvReader"/>).
/// </summary>
public sealed class MedNumBfcConverter
{
    // Messages are French: distances are written the French way (1,8 km), whatever the machine's culture.
    private static readonly CultureInfo _french = CultureInfo.GetCultureInfo("fr-FR");

    private readonly ICommuneLocator _communes;
    private readonly MedNumBfcOptions _options;

    public MedNumBfcConverter(ICommuneLocator communes, MedNumBfcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(communes);
        _communes = communes;
        _options = options ?? new MedNumBfcOptions();
    }

    /// <summary>Reads and converts a whole export, row by row.</summary>
    public IEnumerable<MedNumBfcConversion> Convert(TextReader csv) => MedNumBfcReader.Read(csv).Select(Convert);

    public MedNumBfcConversion Convert(MedNumBfcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var issues = new List<ValidationIssue>();
        void Add(string field, string? value, string message, ValidationSeverity severity) =>
            issues.Add(new ValidationIssue(field, value, message, severity));

        var id = record["bfc_id"];
        if (id.Length == 0)
        {
            Add(SiteFields.Id, null, "La ligne n'a pas d'identifiant bfc_id : elle est écartée.", ValidationSeverity.Error);
        }

        var nom = Collapse(record["nom_structure"]);
        if (nom.Length == 0)
        {
            Add(SiteFields.Nom, null, "La ligne n'a pas de nom (nom_structure) : elle est écartée.", ValidationSeverity.Error);
        }

        var codePostal = record["code_postal"];
        if (codePostal.Length == 0)
        {
            Add(SiteFields.CodePostal, null, "La ligne n'a pas de code postal : elle est écartée.", ValidationSeverity.Error);
        }

        var voie = Collapse(record["adresse"]);
        if (voie.Length == 0 && nom.Length > 0)
        {
            // The standard requires an address; 60 other rows of the source already give the
            // place's name in this column, which is how a letter would reach it in a small town.
            voie = nom;
            Add(SiteFields.Adresse, null,
                "Adresse absente (champ obligatoire) : le nom du lieu est utilisé à sa place, comme le fait déjà la source pour d'autres lieux ; à compléter.",
                ValidationSeverity.Correction);
        }

        var (check, commune, codeInsee, location) = ResolveCommune(record, codePostal, Add);
        var (dateMaj, dateDefaulted) = DateMaj(record["mise_a_jour"], Add);
        var codes = ReadCodes(record, Add);

        var hours = HalfDayHours.Convert(HalfDayHours.Columns.Select(c => record.Cells.GetValueOrDefault(c)).ToList());
        foreach (var (column, text) in hours.InvalidCells)
        {
            Add(SiteFields.Horaires, text,
                $"Horaire illisible dans la colonne « {column} » : les horaires de ce lieu ne sont pas repris (mieux vaut pas d'horaires que des horaires faux).",
                ValidationSeverity.Error);
        }

        var site = new Site
        {
            Id = id,
            Pivot = Pivot.Unknown,
            Nom = nom,
            Adresse = new Adresse
            {
                Voie = voie,
                CodePostal = codePostal,
                CodeInsee = codeInsee,
                Commune = commune,
            },
            Location = location,
            Typologie = codes.Typologie,
            Telephone = Telephone(record["contact_tel"], Add),
            Courriels = Courriels(record["contact_email"], Add),
            SiteWeb = SitesWeb(record["url_lieu"], Add),
            Horaires = hours.OpeningHours,
            Source = _options.Source,
            DateMaj = dateMaj,
            Services = codes.Services,
            DispositifProgrammesNationaux = codes.Dispositifs,
            FormationsLabels = codes.FormationsLabels,
            AutresFormationsLabels = codes.AutresFormationsLabels,
            ModalitesAcces = codes.ModalitesAcces,
            ModalitesAccompagnement = codes.ModalitesAccompagnement,
        };

        var rejected = issues.Exists(i => i.Severity == ValidationSeverity.Error && LmnRecordParser.RequiredFields.Contains(i.Field));
        var row = new ImportRow(record.RowNumber, record.LineNumber, id.Length == 0 ? null : id, rejected ? null : site, issues);
        return new MedNumBfcConversion(row, check, dateDefaulted);
    }

    private (CommuneCheck Check, string Commune, string? CodeInsee, GeoPoint? Location) ResolveCommune(
        MedNumBfcRecord record, string codePostal, Action<string, string?, string, ValidationSeverity> add)
    {
        var ville = Collapse(record["ville"]);
        var point = Point(record["lat"], record["lon"], add);
        var inPoint = point is { } p ? _communes.FindContaining(p) : null;
        var matches = codePostal.Length > 0 && ville.Length > 0 ? _communes.FindByAddress(codePostal, ville) : [];

        // An ambiguous name ("CHATEAU CHINON": Ville or Campagne) is settled by the point when it can be.
        var byAddress = matches.FirstOrDefault(m => m.Commune.CodeInsee == inPoint?.CodeInsee)
            ?? (matches.Count == 1 ? matches[0] : null);

        CommuneCheck check;
        Commune? chosen;
        var location = point;
        var pointText = point is { } sp ? Coordinates(sp) : null;
        var addressText = $"{codePostal} {ville}";

        if (inPoint is not null && byAddress is not null && byAddress.Commune.CodeInsee == inPoint.CodeInsee)
        {
            check = new CommuneCheck(CommuneCheckOutcome.Consistent, point, inPoint, byAddress, null);
            chosen = inPoint;
        }
        else if (inPoint is not null && byAddress is null)
        {
            chosen = inPoint;
            var servesPostalCode = inPoint.CodesPostaux.Contains(codePostal, StringComparer.Ordinal);
            check = new CommuneCheck(servesPostalCode ? CommuneCheckOutcome.PostalCodeOnly : CommuneCheckOutcome.PointOnly, point, inPoint, null, null);
            var why = matches.Count > 1
                ? $"désigne plusieurs communes ({string.Join(", ", matches.Select(m => m.Commune.Nom))})"
                : "ne correspond à aucune commune";
            add(SiteFields.Commune, ville,
                servesPostalCode
                    ? $"La ville « {ville} » {why} pour le code postal {codePostal} : la commune est celle du point, {inPoint.Nom} ({inPoint.CodeInsee}), qui a bien ce code postal."
                    : $"La ville « {ville} » {why} pour le code postal {codePostal} : la commune est celle du point, {inPoint.Nom} ({inPoint.CodeInsee}), à vérifier.",
                servesPostalCode ? ValidationSeverity.Correction : ValidationSeverity.Warning);
        }
        else if (inPoint is not null && byAddress is not null)
        {
            chosen = byAddress.Commune;
            var distance = _communes.DistanceMetres(point!.Value, byAddress.Commune);
            if (distance <= _options.BorderToleranceMetres)
            {
                check = new CommuneCheck(CommuneCheckOutcome.NearBorder, point, inPoint, byAddress, distance);
                add(SiteFields.CodeInsee, pointText,
                    string.Create(_french, $"Le point ({pointText}) est dans la commune voisine {inPoint.Nom} ({inPoint.CodeInsee}), à {distance:0} m de {chosen.Nom} indiquée par l'adresse ({addressText}) : la commune de l'adresse est retenue, la position est conservée."),
                    ValidationSeverity.Warning);
            }
            else
            {
                check = new CommuneCheck(CommuneCheckOutcome.Flagged, point, inPoint, byAddress, distance);
                location = chosen.Location;
                add(SiteFields.Latitude, pointText,
                    string.Create(_french, $"Le point ({pointText}) est dans la commune de {inPoint.Nom} ({inPoint.CodeInsee}), à {distance / 1000:0.0} km de {chosen.Nom} indiquée par l'adresse ({addressText}) : la commune de l'adresse est retenue et la position remplacée par le point représentatif de {chosen.Nom} ({Coordinates(location.Value)})."),
                    ValidationSeverity.Correction);
            }
        }
        else if (byAddress is not null)
        {
            chosen = byAddress.Commune;
            location = chosen.Location;
            check = new CommuneCheck(CommuneCheckOutcome.AddressOnly, point, null, byAddress, null);
            add(SiteFields.Latitude, pointText,
                $"Position absente ou hors du territoire : remplacée par le point représentatif de {chosen.Nom} ({Coordinates(location.Value)}), la commune de l'adresse.",
                ValidationSeverity.Correction);
        }
        else
        {
            chosen = null;
            check = new CommuneCheck(CommuneCheckOutcome.Unresolved, point, null, null, null);
            add(SiteFields.Commune, ville,
                ville.Length == 0
                    ? "Ni la position ni l'adresse ne désignent une commune, et la ville est absente : la ligne est écartée."
                    : $"Ni la position ni l'adresse ne désignent une commune connue : la ville « {ville} » est reprise telle quelle, sans code INSEE.",
                ville.Length == 0 ? ValidationSeverity.Error : ValidationSeverity.Warning);
        }

        if (chosen is null)
        {
            return (check, ville, null, location);
        }

        if (!CommuneNames.SameName(ville, chosen.Nom) && check.Outcome is CommuneCheckOutcome.Consistent or CommuneCheckOutcome.NearBorder or CommuneCheckOutcome.Flagged)
        {
            var how = byAddress!.Kind switch
            {
                CommuneMatchKind.AncienNom => "ancienne commune (fusion)",
                CommuneMatchKind.NomApproche => "nom approché",
                _ => "même nom",
            };
            add(SiteFields.Commune, ville, $"Ville « {ville} » lue comme la commune {chosen.Nom} ({chosen.CodeInsee}) : {how}.", ValidationSeverity.Correction);
        }

        if (codePostal.Length > 0 && !chosen.CodesPostaux.Contains(codePostal, StringComparer.Ordinal))
        {
            add(SiteFields.CodePostal, codePostal,
                $"Le code postal {codePostal} n'est pas l'un de ceux de {chosen.Nom} ({string.Join(", ", chosen.CodesPostaux)}) : il est conservé (code CEDEX ou erreur de la source).",
                ValidationSeverity.Warning);
        }

        return (check, chosen.Nom, chosen.CodeInsee, location);
    }

    private static GeoPoint? Point(string latitude, string longitude, Action<string, string?, string, ValidationSeverity> add)
    {
        if (latitude.Length == 0 && longitude.Length == 0)
        {
            return null;
        }

        if (double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && new GeoPoint(lat, lon) is { IsValid: true } point)
        {
            return point;
        }

        add(SiteFields.Latitude, $"{latitude},{longitude}", $"Coordonnées illisibles (lat « {latitude} », lon « {longitude} ») : ignorées.", ValidationSeverity.Error);
        return null;
    }

    private (DateOnly Date, bool Defaulted) DateMaj(string text, Action<string, string?, string, ValidationSeverity> add)
    {
        if (text.Length == 0)
        {
            return (_options.DefaultDateMaj, true);
        }

        if (DateOnly.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date, false);
        }

        var fallback = _options.DefaultDateMaj.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        add(SiteFields.DateMaj, text, $"Date de mise à jour illisible (jj/mm/aaaa attendu) : remplacée par {fallback}, date du fichier source.", ValidationSeverity.Correction);
        return (_options.DefaultDateMaj, true);
    }

    private static string? Telephone(string text, Action<string, string?, string, ValidationSeverity> add)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (Domain.Sites.Telephone.TryNormalize(text, out var normalized))
        {
            return normalized;
        }

        add(SiteFields.Telephone, text, $"Le numéro « {text} » n'est pas un numéro français complet : il n'est pas repris.", ValidationSeverity.Error);
        return null;
    }

    private static IReadOnlyList<string> Courriels(string text, Action<string, string?, string, ValidationSeverity> add)
    {
        var valid = new List<string>();
        var invalid = new List<string>();
        foreach (var part in text.Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = part.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? part[7..] : part;
            if (!StandardPatterns.IsEmail(address))
            {
                invalid.Add(address);
            }
            else if (!valid.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                valid.Add(address);
            }
        }

        // One message per cell: "epn@blanzy71 fr" is one broken address, not two.
        if (invalid.Count > 0)
        {
            add(SiteFields.Courriels, text,
                $"« {string.Join(" ", invalid)} » n'est pas une adresse e-mail valide : elle n'est pas reprise.",
                ValidationSeverity.Error);
        }

        return valid;
    }

    private static IReadOnlyList<string> SitesWeb(string text, Action<string, string?, string, ValidationSeverity> add)
    {
        var parts = text.Split([' ', '\t', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1)
        {
            add(SiteFields.SiteWeb, text, $"Plusieurs adresses dans une cellule : séparées en {parts.Length} valeurs.", ValidationSeverity.Correction);
        }

        var valid = new List<string>();
        foreach (var part in parts)
        {
            if (StandardPatterns.IsHttpUrl(part))
            {
                valid.Add(part);
            }
            else if (!part.Contains("://", StringComparison.Ordinal) && StandardPatterns.IsHttpUrl("https://" + part))
            {
                valid.Add("https://" + part);
                add(SiteFields.SiteWeb, part, $"« {part} » n'a pas de protocole : « https://{part} » est retenu.", ValidationSeverity.Correction);
            }
            else
            {
                add(SiteFields.SiteWeb, part, $"« {part} » n'est pas une adresse web valide : elle n'est pas reprise.", ValidationSeverity.Error);
            }
        }

        return valid.Distinct(StringComparer.Ordinal).ToList();
    }

    private sealed record Codes(
        IReadOnlyList<Typologie> Typologie,
        IReadOnlyList<Service> Services,
        IReadOnlyList<ModaliteAccompagnement> ModalitesAccompagnement,
        IReadOnlyList<ModaliteAcces> ModalitesAcces,
        IReadOnlyList<DispositifProgrammeNational> Dispositifs,
        IReadOnlyList<FormationLabel> FormationsLabels,
        IReadOnlyList<string> AutresFormationsLabels);

    private static Codes ReadCodes(MedNumBfcRecord record, Action<string, string?, string, ValidationSeverity> add)
    {
        var entries = new List<MedNumBfcCode>();
        foreach (var (column, field) in new[]
        {
            (MedNumBfcCodes.CodeTypo, SiteFields.Typologie),
            (MedNumBfcCodes.CodeLabel, SiteFields.AutresFormationsLabels),
            (MedNumBfcCodes.CodeAccomp, SiteFields.ModalitesAccompagnement),
        })
        {
            foreach (var code in record[column].Split('-', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var entry = MedNumBfcCodes.Find(column, code, out var caseCorrected);
                if (entry is null)
                {
                    add(field, code, $"Code « {code} » inconnu dans la colonne {column} : ignoré.", ValidationSeverity.Warning);
                    continue;
                }

                if (caseCorrected && entry.HasEffect)
                {
                    add(field, code, $"Code « {code} » de la colonne {column} lu comme « {entry.Code} ».", ValidationSeverity.Correction);
                }

                entries.Add(entry);
            }
        }

        // Enumerations in the standard's order, free labels in the code table's order: the
        // output does not depend on how the source happened to order its codes.
        return new Codes(
            Ordered(entries.SelectMany(e => e.Typologie)),
            Ordered(entries.SelectMany(e => e.Services)),
            Ordered(entries.SelectMany(e => e.ModalitesAccompagnement)),
            Ordered(entries.SelectMany(e => e.ModalitesAcces)),
            Ordered(entries.SelectMany(e => e.Dispositifs)),
            Ordered(entries.SelectMany(e => e.FormationsLabels)),
            MedNumBfcCodes.All.Where(entries.Contains).SelectMany(e => e.AutresFormationsLabels).Distinct(StringComparer.Ordinal).ToList());
    }

    private static List<T> Ordered<T>(IEnumerable<T> values) where T : struct, Enum => values.Distinct().Order().ToList();

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Coordinates(GeoPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"{point.Latitude:0.######}, {point.Longitude:0.######}");
}
