using System.Globalization;
using GraphQL.Types;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL.Offers;

// The input types below keep the arguments as dictionaries: ids and times are converted by From() inside the
// resolvers, where a bad value becomes a coded error (INVALID_ID, INVALID_SERIES) rather than a parse failure.

public sealed class RegistrationInputType : InputObjectGraphType<Registration>
{
    public RegistrationInputType()
    {
        Name = "RegistrationInput";
        Description = "Comment s'inscrire : au moins un moyen.";
        Field<StringGraphType>("url");
        Field<StringGraphType>("telephone").Description("Numéro français, dans n'importe quelle écriture courante (03 80 00 00 00).");
        Field<StringGraphType>("courriel");
        Field<BooleanGraphType>("onSite").Description("Inscription sur place, ou venue sans inscription.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new Registration(
        value.TryGetValue("url", out var u) ? u as string : null,
        value.TryGetValue("telephone", out var t) ? t as string : null,
        value.TryGetValue("courriel", out var c) ? c as string : null,
        value.TryGetValue("onSite", out var o) && o is true);
}

public sealed class OfferInputType : InputObjectGraphType
{
    public OfferInputType()
    {
        Name = "OfferInput";
        Description = "Une offre, entière (création ou remplacement).";
        Field<NonNullGraphType<StringGraphType>>("title").Description("Titre, 120 caractères au plus.");
        Field<NonNullGraphType<StringGraphType>>("summary").Description("Résumé en langage simple, 280 caractères au plus.");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceEnumType>>>>("themes").Description("Au moins un thème.");
        Field<ListGraphType<NonNullGraphType<PublicSpecifiquementAdresseEnumType>>>("publics").Description("Vide ou absent : tout public.");
        Field<OfferLevelEnumType>("level").Description("Par défaut ALL_LEVELS.");
        Field<NonNullGraphType<OfferFormatEnumType>>("format");
        Field<NonNullGraphType<OfferFeeEnumType>>("fee");
        Field<StringGraphType>("feeCondition").Description("Obligatoire pour FREE_UNDER_CONDITION (par exemple « avec un Pass numérique »).");
        Field<NonNullGraphType<RegistrationInputType>>("registration");
        Field<IdGraphType>("siteId").Description("Le lieu qui propose l'offre (obligatoire sauf format REMOTE).");
        Field<StringGraphType>("accessibilityNotes");
    }

    public static Offer From(IDictionary<string, object?> value) => new Offer(
        (string)value["title"]!,
        (string)value["summary"]!,
        Text(value, "description"),
        [.. ((IEnumerable<object?>)value["themes"]!).OfType<Service>()],
        value.TryGetValue("publics", out var p) && p is IEnumerable<object?> publics ? [.. publics.OfType<PublicSpecifiquementAdresse>()] : [],
        value.TryGetValue("level", out var l) && l is OfferLevel level ? level : OfferLevel.AllLevels,
        (OfferFormat)value["format"]!,
        (OfferFee)value["fee"]!,
        Text(value, "feeCondition"),
        (Registration)value["registration"]!,
        Key(value, "siteId", SiteType.TypeName),
        Text(value, "accessibilityNotes"));

    internal static string? Text(IDictionary<string, object?> value, string key) => value.TryGetValue(key, out var v) ? v as string : null;

    internal static long? Key(IDictionary<string, object?> value, string key, string type) =>
        value.TryGetValue(key, out var v) && v is not null ? GlobalId.DecodeKey(Convert.ToString(v, CultureInfo.InvariantCulture)!, type) : null;
}

public sealed class SessionInputType : InputObjectGraphType
{
    public SessionInputType()
    {
        Name = "SessionInput";
        Description = "Une nouvelle séance. Sans siteId ni stopId : au lieu de l'offre (ou à distance avec remoteUrl).";
        Field<NonNullGraphType<IdGraphType>>("offerId");
        Field<NonNullGraphType<DateTimeScalar>>("startsAt").Description("Dans le futur ; sans décalage : heure de Paris.");
        Field<NonNullGraphType<DateTimeScalar>>("endsAt").Description("Après startsAt, 12 heures au plus.");
        Field<IdGraphType>("siteId").Description("Un autre lieu que celui de l'offre.");
        Field<IdGraphType>("stopId").Description("Un arrêt itinérant.");
        Field<StringGraphType>("remoteUrl");
        Field<IntGraphType>("capacity").Description("Nombre de places (1 à 10 000) ; absent : sans limite.");
        Field<IntGraphType>("seatsTaken").Description("Places déjà prises (par défaut 0).");
    }

    public static SessionDraft From(IDictionary<string, object?> value) => new SessionDraft(
        OfferInputType.Key(value, "offerId", OfferType.TypeName)!.Value,
        (DateTimeOffset)value["startsAt"]!,
        (DateTimeOffset)value["endsAt"]!,
        OfferInputType.Key(value, "siteId", SiteType.TypeName),
        OfferInputType.Key(value, "stopId", ItinerantStopType.TypeName),
        OfferInputType.Text(value, "remoteUrl"),
        value.TryGetValue("capacity", out var c) ? c as int? : null,
        value.TryGetValue("seatsTaken", out var s) && s is int taken ? taken : 0);
}

public sealed class SessionUpdateInputType : InputObjectGraphType
{
    public SessionUpdateInputType()
    {
        Name = "SessionUpdateInput";
        Description = "Changements d'une séance ; un champ absent reste tel quel. Déplacer une séance suit les règles d'une nouvelle.";
        Field<DateTimeScalar>("startsAt");
        Field<DateTimeScalar>("endsAt");
        Field<IntGraphType>("capacity");
        Field<IdGraphType>("siteId");
        Field<IdGraphType>("stopId");
        Field<StringGraphType>("remoteUrl");
    }

    public static SessionChanges From(IDictionary<string, object?> value) => new SessionChanges(
        value.TryGetValue("startsAt", out var s) ? s as DateTimeOffset? : null,
        value.TryGetValue("endsAt", out var e) ? e as DateTimeOffset? : null,
        value.TryGetValue("capacity", out var c) ? c as int? : null,
        OfferInputType.Key(value, "siteId", SiteType.TypeName),
        OfferInputType.Key(value, "stopId", ItinerantStopType.TypeName),
        OfferInputType.Text(value, "remoteUrl"));
}

public sealed class DayOfWeekEnumType : EnumerationGraphType
{
    public DayOfWeekEnumType()
    {
        Name = "DayOfWeek";
        Description = "Jour de la semaine.";
        Add("MONDAY", DayOfWeek.Monday, "Lundi.");
        Add("TUESDAY", DayOfWeek.Tuesday, "Mardi.");
        Add("WEDNESDAY", DayOfWeek.Wednesday, "Mercredi.");
        Add("THURSDAY", DayOfWeek.Thursday, "Jeudi.");
        Add("FRIDAY", DayOfWeek.Friday, "Vendredi.");
        Add("SATURDAY", DayOfWeek.Saturday, "Samedi.");
        Add("SUNDAY", DayOfWeek.Sunday, "Dimanche.");
    }
}

public sealed class SeriesChangeInputType : InputObjectGraphType
{
    public SeriesChangeInputType()
    {
        Name = "SeriesChangeInput";
        Description = "Changement ponctuel : ce jour-là, d'autres horaires.";
        Field<NonNullGraphType<DateScalar>>("date");
        Field<NonNullGraphType<StringGraphType>>("startTime").Description("HH:mm, heure de Paris.");
        Field<NonNullGraphType<StringGraphType>>("endTime").Description("HH:mm, heure de Paris.");
    }

    public static SeriesChange From(IDictionary<string, object?> value) =>
        new SeriesChange((DateOnly)value["date"]!, SessionSeriesInputType.Time(value, "startTime"), SessionSeriesInputType.Time(value, "endTime"));
}

public sealed class SessionSeriesInputType : InputObjectGraphType
{
    public SessionSeriesInputType()
    {
        Name = "SessionSeriesInput";
        Description = "Une série hebdomadaire (par exemple tous les mardis de 14:00 à 16:00), en heure de Paris : 14:00 reste 14:00 aux changements d'heure. Avec until : 366 jours au plus ; sans until : série reconduite, dont les séances sont créées 8 semaines à l'avance.";
        Field<NonNullGraphType<IdGraphType>>("offerId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DayOfWeekEnumType>>>>("days");
        Field<NonNullGraphType<StringGraphType>>("startTime").Description("HH:mm, heure de Paris.");
        Field<NonNullGraphType<StringGraphType>>("endTime").Description("HH:mm, heure de Paris, après startTime le même jour.");
        Field<NonNullGraphType<DateScalar>>("from").Description("Premier jour (aujourd'hui ou plus tard).");
        Field<DateScalar>("until").Description("Dernier jour (compris) ; absent : jusqu'à nouvel ordre.");
        Field<ListGraphType<NonNullGraphType<DateScalar>>>("skipped").Description("Jours sans séance (vacances, jours fériés…).");
        Field<ListGraphType<NonNullGraphType<SeriesChangeInputType>>>("changes").Description("Changements ponctuels d'horaires.");
        Field<IdGraphType>("siteId");
        Field<IdGraphType>("stopId");
        Field<StringGraphType>("remoteUrl");
        Field<IntGraphType>("capacity");
    }

    public static SeriesDraft From(IDictionary<string, object?> value) => new SeriesDraft(
        OfferInputType.Key(value, "offerId", OfferType.TypeName)!.Value,
        new WeeklySeries(
            [.. ((IEnumerable<object?>)value["days"]!).OfType<DayOfWeek>().Distinct()],
            Time(value, "startTime"),
            Time(value, "endTime"),
            (DateOnly)value["from"]!,
            value.TryGetValue("until", out var u) ? u as DateOnly? : null,
            value.TryGetValue("skipped", out var s) && s is IEnumerable<object?> skipped ? [.. skipped.OfType<DateOnly>()] : [],
            value.TryGetValue("changes", out var c) && c is IEnumerable<object?> changes ? [.. changes.OfType<IDictionary<string, object?>>().Select(SeriesChangeInputType.From)] : []),
        OfferInputType.Key(value, "siteId", SiteType.TypeName),
        OfferInputType.Key(value, "stopId", ItinerantStopType.TypeName),
        OfferInputType.Text(value, "remoteUrl"),
        value.TryGetValue("capacity", out var cap) ? cap as int? : null);

    internal static TimeOnly Time(IDictionary<string, object?> value, string key)
    {
        var text = (string)value[key]!;
        return TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new ScoranError(ErrorCodes.InvalidSeries, $"« {GlobalId.Truncate(text)} » n'est pas une heure HH:mm (par exemple 14:00) dans {key}.");
    }
}
