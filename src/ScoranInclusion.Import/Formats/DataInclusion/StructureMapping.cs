using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Formats.DataInclusion;

/// <summary>Values of the standard gathered from data.inclusion lists, and what had no equivalent.</summary>
internal sealed class MappedValues
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedSet<string>> _lost = new(StringComparer.Ordinal);

    /// <summary>Labels by field of the standard, in the order met, without repeats.</summary>
    public IReadOnlyDictionary<string, List<string>> Values => _values;

    /// <summary>data.inclusion values without equivalent, by data.inclusion field.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Lost => _lost;

    public void Map(string sourceField, IEnumerable<string> values, Func<string, LmnValue[]?> lookup)
    {
        foreach (var value in values)
        {
            if (DataInclusionMapping.Silent.Contains(value))
            {
                continue;
            }

            if (lookup(value) is { } targets)
            {
                foreach (var target in targets)
                {
                    Add(target);
                }
            }
            else
            {
                Lose(sourceField, value);
            }
        }
    }

    public void Add(LmnValue value)
    {
        if (!_values.TryGetValue(value.Field, out var list))
        {
            _values[value.Field] = list = [];
        }

        if (!list.Contains(value.Label, StringComparer.Ordinal))
        {
            list.Add(value.Label);
        }
    }

    public void Lose(string sourceField, string value)
    {
        if (!_lost.TryGetValue(sourceField, out var set))
        {
            _lost[sourceField] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }

    public void AddTo(MappedValues other)
    {
        foreach (var (field, labels) in _values)
        {
            foreach (var label in labels)
            {
                other.Add(new LmnValue(field, label));
            }
        }
    }
}

/// <summary>
/// What the services of one structure give it: kept instead of the services themselves, so
/// that a services file of any size costs a few labels per structure.
/// </summary>
internal sealed class ServiceGroup(int firstRow, int firstLine)
{
    public int FirstRow { get; } = firstRow;

    public int FirstLine { get; } = firstLine;

    public int Count { get; private set; }

    /// <summary>Set when a structure claimed the group; the others are reported as orphans.</summary>
    public bool Used { get; set; }

    public MappedValues Values { get; } = new();

    public string? Horaires { get; private set; }

    public string? Telephone { get; private set; }

    public string? Courriel { get; private set; }

    public string? LienMobilisation { get; private set; }

    /// <summary>The first service's place fields, for a site made of services alone.</summary>
    public LmnFields First { get; } = new();

    public string? FirstNom { get; private set; }

    /// <summary>The latest <c>date_maj</c> of the services (ISO dates compare as text).</summary>
    public string? LatestDateMaj { get; private set; }

    public void Add(JsonElement service)
    {
        Count++;
        var values = Values;
        values.Map("type", DataInclusionReader.Strings(service, "type").Concat(DataInclusionReader.Strings(service, "types")),
            v => DataInclusionMapping.Lookup(DataInclusionMapping.Types, v));
        values.Map("modes_accueil", DataInclusionReader.Strings(service, "modes_accueil"),
            v => DataInclusionMapping.Lookup(DataInclusionMapping.ModesAccueil, v));
        values.Map("publics", DataInclusionReader.Strings(service, "publics").Concat(DataInclusionReader.Strings(service, "profils")),
            v => DataInclusionMapping.Lookup(DataInclusionMapping.Publics, v));
        values.Map("modes_mobilisation",
            DataInclusionReader.Strings(service, "modes_mobilisation")
                .Concat(DataInclusionReader.Strings(service, "modes_orientation_beneficiaire"))
                .Concat(DataInclusionReader.Strings(service, "modes_orientation_accompagnateur")),
            v => DataInclusionMapping.Lookup(DataInclusionMapping.ModesMobilisation, v));
        values.Map("frais", DataInclusionReader.Strings(service, "frais"), v => DataInclusionMapping.Lookup(DataInclusionMapping.Frais, v));

        var thematiques = DataInclusionReader.Strings(service, "thematiques").ToList();
        var digital = thematiques.Exists(t => t.StartsWith("numerique", StringComparison.Ordinal));
        foreach (var thematique in thematiques)
        {
            if (thematique.StartsWith("numerique--", StringComparison.Ordinal))
            {
                values.Map("thematiques", [thematique], DataInclusionMapping.Thematique);
            }
            else if (digital && DataInclusionMapping.Lookup(DataInclusionMapping.PairedThematiques, thematique) is { } paired)
            {
                foreach (var value in paired)
                {
                    values.Add(value);
                }
            }

            // Other families (mobilite--, logement--…) are outside the standard's scope: not a loss to report.
        }

        Horaires ??= DataInclusionReader.Text(service, "horaires_accueil");
        Telephone ??= DataInclusionReader.Text(service, "telephone");
        Courriel ??= DataInclusionReader.Text(service, "courriel");
        LienMobilisation ??= DataInclusionReader.Text(service, "lien_mobilisation") ?? DataInclusionReader.Text(service, "prise_rdv");

        if (DataInclusionReader.Text(service, "date_maj") is { } date && string.CompareOrdinal(date, LatestDateMaj) > 0)
        {
            LatestDateMaj = date;
        }

        if (Count == 1)
        {
            FirstNom = DataInclusionReader.Text(service, "nom");
            foreach (var field in new[]
            {
                SiteFields.Adresse, SiteFields.ComplementAdresse, SiteFields.CodePostal, SiteFields.CodeInsee,
                SiteFields.Commune, SiteFields.Latitude, SiteFields.Longitude, SiteFields.Source,
            })
            {
                First[field] = DataInclusionReader.Text(service, field);
            }
        }
    }
}

/// <summary>One structure (and its services) as fields of the standard, with the mapping's own issues.</summary>
internal sealed class StructureMapping
{
    private readonly MappedValues _values = new();

    /// <summary>Maps a structure of the structures file.</summary>
    public StructureMapping(JsonElement structure, ServiceGroup? group)
    {
        foreach (var field in new[]
        {
            SiteFields.Id, SiteFields.Nom, SiteFields.Commune, SiteFields.CodePostal, SiteFields.CodeInsee,
            SiteFields.Adresse, SiteFields.ComplementAdresse, SiteFields.Latitude, SiteFields.Longitude,
            SiteFields.Telephone, SiteFields.Source, SiteFields.DateMaj,
            SiteFields.PresentationResume, SiteFields.PresentationDetail,
        })
        {
            Fields[field] = DataInclusionReader.Text(structure, field);
        }

        Pivot(DataInclusionReader.Text(structure, "siret"));
        Fields.SetValues(SiteFields.SiteWeb, [.. DataInclusionReader.Strings(structure, "site_web")]);
        Fields.SetValues(SiteFields.Courriels, [.. DataInclusionReader.Strings(structure, "courriel")]);
        Fields[SiteFields.Horaires] = DataInclusionReader.Text(structure, "horaires_accueil") ?? DataInclusionReader.Text(structure, "horaires_ouverture");
        Fields[SiteFields.FicheAccesLibre] = DataInclusionReader.Text(structure, "accessibilite_lieu") ?? DataInclusionReader.Text(structure, "accessibilite");
        Description(DataInclusionReader.Text(structure, "description"));

        // v0 structures still have the standard's typologie codes and free labels.
        foreach (var code in DataInclusionReader.Strings(structure, SiteFields.Typologie))
        {
            _values.Add(new LmnValue(SiteFields.Typologie, code));
        }

        foreach (var label in DataInclusionReader.Strings(structure, "labels_autres"))
        {
            _values.Add(new LmnValue(SiteFields.AutresFormationsLabels, label));
        }

        _values.Map("reseaux_porteurs", DataInclusionReader.Strings(structure, "reseaux_porteurs"), DataInclusionMapping.Reseau);
        _values.Map("labels_nationaux", DataInclusionReader.Strings(structure, "labels_nationaux"), DataInclusionMapping.Reseau);
        Lost(_values, "");

        if (group is not null)
        {
            FoldIn(group);
        }

        SetValues();
    }

    /// <summary>Maps a group of services without their structure: the first service stands for the place.</summary>
    public StructureMapping(string structureId, ServiceGroup group)
    {
        Fields[SiteFields.Id] = structureId;
        foreach (var field in group.First.Names.ToList())
        {
            Fields[field] = group.First.Text(field);
        }

        Fields[SiteFields.Nom] = group.FirstNom;
        Fields[SiteFields.DateMaj] = group.LatestDateMaj;
        Pivot(null);
        if (group.FirstNom is not null)
        {
            Issues.Add(new ValidationIssue(SiteFields.Nom, group.FirstNom,
                $"Sans fichier des structures, le lieu prend le nom et l'adresse de son premier service (« {group.FirstNom} ») : à vérifier.",
                ValidationSeverity.Warning));
        }

        FoldIn(group);
        SetValues();
    }

    public LmnFields Fields { get; } = new();

    public List<ValidationIssue> Issues { get; } = [];

    private void FoldIn(ServiceGroup group)
    {
        group.Values.AddTo(_values);
        Lost(group.Values, "Services de la structure : ");
        Fields.SetIfAbsent(SiteFields.Horaires, group.Horaires);
        Fields.SetIfAbsent(SiteFields.Telephone, group.Telephone);
        if (Fields.Values(SiteFields.Courriels) is not { Count: > 0 } && group.Courriel is not null)
        {
            Fields.SetValues(SiteFields.Courriels, [group.Courriel]);
        }

        Fields.SetIfAbsent(SiteFields.PriseRdv, group.LienMobilisation);
    }

    private void SetValues()
    {
        foreach (var (field, labels) in _values.Values)
        {
            Fields.SetValues(field, labels);
        }
    }

    private void Lost(MappedValues values, string prefix)
    {
        foreach (var (field, lost) in values.Lost)
        {
            Issues.Add(new ValidationIssue(field, string.Join(", ", lost),
                $"{prefix}{(lost.Count == 1 ? "valeur" : "valeurs")} de {field} sans équivalent dans le standard des lieux de médiation numérique, non reprise{(lost.Count == 1 ? "" : "s")} : {string.Join(", ", lost)}.",
                ValidationSeverity.Warning));
        }
    }

    /// <summary>The standard requires a pivot: the SIRET when it is one, else the standard's "unknown" placeholder.</summary>
    private void Pivot(string? siret)
    {
        var compact = siret is null ? null : string.Concat(siret.Where(c => !char.IsWhiteSpace(c)));
        if (compact is { Length: 14 } && compact.All(char.IsAsciiDigit))
        {
            Fields[SiteFields.Pivot] = compact;
            return;
        }

        Fields[SiteFields.Pivot] = Domain.Sites.Pivot.Unknown;
        if (siret is not null)
        {
            Issues.Add(new ValidationIssue("siret", siret,
                $"« {siret} » n'est pas un SIRET (14 chiffres) : le pivot est mis à {Domain.Sites.Pivot.Unknown}, la valeur « inconnu » du standard.",
                ValidationSeverity.Warning));
        }
    }

    /// <summary>v1's single description: the standard's summary when it fits its 280 characters, its detailed text otherwise.</summary>
    private void Description(string? description)
    {
        if (description is null)
        {
            return;
        }

        var field = StandardPatterns.IsPresentationResume(description.Trim()) ? SiteFields.PresentationResume : SiteFields.PresentationDetail;
        Fields.SetIfAbsent(field, description);
    }
}
