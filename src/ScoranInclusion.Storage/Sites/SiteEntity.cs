using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Storage.Sites;

/// <summary>
/// The stored form of a site: the standard's fields as columns, multi-valued fields as the
/// standard's own pipe-joined labels (so that exports are a straight copy), plus an internal
/// key and the provenance of the record.
/// </summary>
public sealed class SiteEntity
{
    public long Id { get; set; }

    /// <summary>
    /// The dataset of the place's first source record (e.g. <c>mednum-bfc</c>); with
    /// <see cref="SourceId"/>, unique. Every source that contributed to the place, this one
    /// included, is in <c>site_sources</c> (<see cref="Sources.SourceRecordEntity"/>), which
    /// is what imports look records up by.
    /// </summary>
    public string Provenance { get; set; } = "";

    /// <summary>The standard's <c>id</c> as given by the source.</summary>
    public string SourceId { get; set; } = "";

    public string Pivot { get; set; } = "";
    public string Nom { get; set; } = "";
    public string Commune { get; set; } = "";
    public string CodePostal { get; set; } = "";
    public string? CodeInsee { get; set; }
    public string Adresse { get; set; } = "";
    public string? ComplementAdresse { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Typologie { get; set; }
    public string? Telephone { get; set; }
    public string? Courriels { get; set; }
    public string? SiteWeb { get; set; }
    public string? Horaires { get; set; }
    public string? PresentationResume { get; set; }
    public string? PresentationDetail { get; set; }
    public string? Source { get; set; }
    public string? Itinerance { get; set; }
    public string? StructureParente { get; set; }
    public DateOnly DateMaj { get; set; }
    public string? Services { get; set; }
    public string? PublicsSpecifiquementAdresses { get; set; }
    public string? PriseEnChargeSpecifique { get; set; }
    public string? FraisACharge { get; set; }
    public string? DispositifProgrammesNationaux { get; set; }
    public string? FormationsLabels { get; set; }
    public string? AutresFormationsLabels { get; set; }
    public string? ModalitesAcces { get; set; }
    public string? ModalitesAccompagnement { get; set; }
    public string? FicheAccesLibre { get; set; }
    public string? PriseRdv { get; set; }

    /// <summary>
    /// Whether <see cref="Latitude"/>/<see cref="Longitude"/> are the source's own point or the
    /// commune's (a row without coordinates); not a field of the standard.
    /// </summary>
    public LocationPrecision LocationPrecision { get; set; } = LocationPrecision.Address;

    /// <summary>When a person last said the place is still true (confirmSite, or an edit); null: never.</summary>
    public DateTimeOffset? LastConfirmedAt { get; set; }

    /// <summary>
    /// When the place was withdrawn: no source lists it any more and nothing else holds it (no other
    /// source, no person's edit or decision). A withdrawn place is hidden from search, pages, exports
    /// and coverage, kept with its history, listed for moderators and restorable; never deleted.
    /// Null: the place is live.
    /// </summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>Why, in French (« n'est plus dans la source france-services depuis le 7 décembre 2026 »).</summary>
    public string? WithdrawnReason { get; set; }

    /// <summary>
    /// The most recent sign of the place's records (<see cref="Domain.Sites.SiteFreshness"/>: a source's
    /// <c>date_maj</c> for the fields it gives, people's edits by day), kept when the place is composed so that
    /// a list shows each place's freshness from its row alone; with <see cref="LastConfirmedAt"/>, the
    /// place's freshness. Null on rows composed before it was kept: <see cref="DateMaj"/> and
    /// <see cref="Provenance"/> stand for it.
    /// </summary>
    public DateTimeOffset? FreshnessAt { get; set; }

    /// <summary>The provenance of <see cref="FreshnessAt"/>'s record (<c>edition</c> for people's edits).</summary>
    public string? FreshnessProvenance { get; set; }

    /// <summary>The place's temporary closures as JSON (<see cref="TemporaryNoticesJson"/>); not a field of the standard, never given by a source. Null: none.</summary>
    public string? Closures { get; set; }

    /// <summary>The place's dated notices as JSON (<see cref="TemporaryNoticesJson"/>); not a field of the standard. Null: none.</summary>
    public string? Notices { get; set; }

    /// <summary>Languages spoken at the place, ISO 639-1 codes joined with <c>|</c> (<see cref="Domain.Sites.SpokenLanguages"/>); not a field of the standard, never given by a source. Null: none given.</summary>
    public string? LanguesParlees { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}
