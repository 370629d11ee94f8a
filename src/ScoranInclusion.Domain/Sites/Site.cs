namespace ScoranInclusion.Domain.Sites;

/// <summary>
/// A "lieu de médiation numérique" with the 32 fields of the national standard v1.0.2,
/// multi-valued fields as typed lists. Property names follow the standard's (French) names.
/// </summary>
public sealed record Site
{
    /// <summary><c>id</c>: the producer's local identifier (unique within its source).</summary>
    public required string Id { get; init; }

    /// <summary><c>pivot</c>: SIRET (14 digits) or RNA (W + 9); <c>00000000000000</c> means unknown.</summary>
    public required string Pivot { get; init; }

    public required string Nom { get; init; }

    public required Adresse Adresse { get; init; }

    /// <summary><c>latitude</c> / <c>longitude</c>, WGS84.</summary>
    public GeoPoint? Location { get; init; }

    /// <summary><c>typologie</c>: codes of the data.inclusion v0 list of structure types.</summary>
    public IReadOnlyList<Typologie> Typologie { get; init; } = [];

    /// <summary><c>telephone</c>: one number in international format (+33XXXXXXXXX).</summary>
    public string? Telephone { get; init; }

    public IReadOnlyList<string> Courriels { get; init; } = [];

    public IReadOnlyList<string> SiteWeb { get; init; } = [];

    /// <summary><c>horaires</c>: an OSM opening_hours expression.</summary>
    public string? Horaires { get; init; }

    /// <summary><c>presentation_resume</c>: at most 280 characters.</summary>
    public string? PresentationResume { get; init; }

    public string? PresentationDetail { get; init; }

    /// <summary><c>source</c>: the organisation that collected the data.</summary>
    public string? Source { get; init; }

    public IReadOnlyList<Itinerance> Itinerance { get; init; } = [];

    public string? StructureParente { get; init; }

    public required DateOnly DateMaj { get; init; }

    public IReadOnlyList<Service> Services { get; init; } = [];

    public IReadOnlyList<PublicSpecifiquementAdresse> PublicsSpecifiquementAdresses { get; init; } = [];

    public IReadOnlyList<PriseEnChargeSpecifique> PriseEnChargeSpecifique { get; init; } = [];

    public IReadOnlyList<FraisACharge> FraisACharge { get; init; } = [];

    public IReadOnlyList<DispositifProgrammeNational> DispositifProgrammesNationaux { get; init; } = [];

    public IReadOnlyList<FormationLabel> FormationsLabels { get; init; } = [];

    public IReadOnlyList<string> AutresFormationsLabels { get; init; } = [];

    public IReadOnlyList<ModaliteAcces> ModalitesAcces { get; init; } = [];

    public IReadOnlyList<ModaliteAccompagnement> ModalitesAccompagnement { get; init; } = [];

    /// <summary><c>fiche_acces_libre</c>: URL of the place's acceslibre page.</summary>
    public string? FicheAccesLibre { get; init; }

    /// <summary><c>prise_rdv</c>: URL for online booking.</summary>
    public string? PriseRdv { get; init; }

    /// <summary>Temporary closures (not a field of the standard: given by people, see <see cref="TemporaryNotices"/>).</summary>
    public IReadOnlyList<SiteClosure> Closures { get; init; } = [];

    /// <summary>Dated notices (not a field of the standard: given by people, see <see cref="TemporaryNotices"/>).</summary>
    public IReadOnlyList<SiteNotice> Notices { get; init; } = [];

    /// <summary>Languages spoken at the place, ISO 639-1 codes (not a field of the standard: given by people, see <see cref="SpokenLanguages"/>).</summary>
    public IReadOnlyList<string> LanguesParlees { get; init; } = [];
}

/// <summary>The address fields of the standard: <c>adresse</c>, <c>complement_adresse</c>, <c>code_postal</c>, <c>code_insee</c>, <c>commune</c>.</summary>
public sealed record Adresse
{
    public required string Voie { get; init; }

    public string? Complement { get; init; }

    public required string CodePostal { get; init; }

    public string? CodeInsee { get; init; }

    public required string Commune { get; init; }
}
