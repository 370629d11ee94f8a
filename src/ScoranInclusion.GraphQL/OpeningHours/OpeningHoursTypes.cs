using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.GraphQL.Scalars;

namespace ScoranInclusion.GraphQL.OpeningHours;

public sealed class OpeningStatusEnumType : EnumerationGraphType<OpeningStatus>
{
    public OpeningStatusEnumType()
    {
        Name = "OpeningStatus";
        Description = "État d'ouverture : ouvert, fermé, ou inconnu (horaires « sur rendez-vous », non renseignés…).";
    }
}

public sealed class OpeningHoursErrorType : ObjectGraphType<OpeningHoursError>
{
    public OpeningHoursErrorType()
    {
        Name = "OpeningHoursError";
        Description = "Erreur dans une expression d'horaires, avec sa position et, si possible, une correction.";
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
        Field<NonNullGraphType<IntGraphType>>("position").Description("Position du premier caractère fautif (à partir de 0).").Resolve(c => c.Source.Position);
        Field<NonNullGraphType<IntGraphType>>("length").Description("Nombre de caractères fautifs.").Resolve(c => c.Source.Length);
        Field<StringGraphType>("suggestion").Description("Expression corrigée proposée, valide.").Resolve(c => c.Source.Suggestion);
    }
}

public sealed class LocalOpeningType : ObjectGraphType<LocalOpening>
{
    public LocalOpeningType()
    {
        Name = "LocalOpening";
        Description = "Une plage d'un jour, à l'heure locale de Paris.";
        Field<NonNullGraphType<StringGraphType>>("start").Description("Début HH:MM.").Resolve(c => c.Source.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("end").Description("Fin HH:MM (24:00 pour minuit en fin de journée).")
            .Resolve(c => c.Source.End == TimeOnly.MinValue && !c.Source.EndsNextDay ? "24:00" : c.Source.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<BooleanGraphType>>("endsNextDay").Description("La plage se termine le lendemain (après minuit).").Resolve(c => c.Source.EndsNextDay);
        Field<NonNullGraphType<OpeningStatusEnumType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("comment").Resolve(c => c.Source.Comment);
    }
}

public sealed class DayOpeningType : ObjectGraphType<DayOpening>
{
    public DayOpeningType()
    {
        Name = "DayOpening";
        Description = "Les horaires d'un jour de la semaine.";
        Field<NonNullGraphType<DateScalar>>("date").Resolve(c => c.Source.Date);
        Field<NonNullGraphType<StringGraphType>>("jourSemaine").Description("lundi, mardi…").Resolve(c => c.Source.JourSemaine);
        Field<StringGraphType>("jourFerie").Description("Nom du jour férié, s'il y en a un.").Resolve(c => c.Source.JourFerie);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LocalOpeningType>>>>("intervals").Description("Plages ouvertes ou incertaines ; vide : fermé.")
            .Resolve(c => c.Source.Intervals);
        Field<StringGraphType>("fermeture").Description("Fermeture temporaire du lieu ce jour-là (« Fermé du 22 décembre au 2 janvier ») ; null : aucune.")
            .Resolve(c => c.Source.Closure);
    }
}

/// <summary>A site's parsed hours; the GraphQL source is the compiled schedule with the place's temporary closures over it.</summary>
public sealed class OpeningHoursType : ObjectGraphType<SiteHours>
{
    public OpeningHoursType()
    {
        Name = "OpeningHours";
        Description = "Horaires évalués à l'heure de Paris, jours fériés français et fermetures temporaires du lieu compris. Sans argument at : maintenant.";
        Field<NonNullGraphType<StringGraphType>>("normalized").Description("L'expression sous forme normalisée.").Resolve(c => c.Source.Normalized);
        Field<NonNullGraphType<OpeningStatusEnumType>>("state").Argument<DateTimeScalar>("at")
            .Resolve(c => c.Source.StateAt(At(c)).Status);
        Field<NonNullGraphType<BooleanGraphType>>("isOpen").Argument<DateTimeScalar>("at")
            .Resolve(c => c.Source.IsOpen(At(c)));
        Field<StringGraphType>("comment").Description("Commentaire des horaires à cet instant (par exemple « sur rendez-vous »).").Argument<DateTimeScalar>("at")
            .Resolve(c => c.Source.StateAt(At(c)).Comment);
        Field<DateTimeScalar>("nextChange").Description("Prochain changement d'état ; null si aucun dans l'année.").Argument<DateTimeScalar>("at")
            .Resolve(c => c.Source.NextChange(At(c)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DayOpeningType>>>>("week")
            .Description("Les sept jours (lundi à dimanche) de la semaine contenant la date of (par défaut : aujourd'hui).")
            .Argument<DateScalar>("of")
            .Resolve(c => c.Source.Week(c.GetArgument<DateOnly?>("of") ?? DateOnly.FromDateTime(ParisTime.ToParis(Now(c)).DateTime)));
    }

    internal static DateTimeOffset Now(IResolveFieldContext context) => context.RequestNow();

    internal static DateTimeOffset At(IResolveFieldContext context) =>
        context.GetArgument<DateTimeOffset?>("at") ?? Now(context);
}

/// <summary>The answer of validateOpeningHours.</summary>
public sealed record OpeningHoursCheck(string Expression, OpeningHoursParseResult Result, DateTimeOffset At);

public sealed class OpeningHoursCheckType : ObjectGraphType<OpeningHoursCheck>
{
    public OpeningHoursCheckType()
    {
        Name = "OpeningHoursCheck";
        Description = "Vérification d'une expression d'horaires OpenStreetMap (opening_hours), évaluée à l'instant at.";
        Field<NonNullGraphType<BooleanGraphType>>("valid").Resolve(c => c.Source.Result.IsValid);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OpeningHoursErrorType>>>>("errors").Resolve(c => c.Source.Result.Errors);
        Field<StringGraphType>("normalized").Resolve(c => c.Source.Result.Schedule?.Normalized);
        Field<BooleanGraphType>("isOpen").Resolve(c => c.Source.Result.Schedule?.IsOpen(c.Source.At));
        Field<OpeningStatusEnumType>("state").Resolve(c => c.Source.Result.Schedule?.StateAt(c.Source.At).Status);
        Field<StringGraphType>("comment").Resolve(c => c.Source.Result.Schedule?.StateAt(c.Source.At).Comment);
        Field<DateTimeScalar>("nextChange").Resolve(c => c.Source.Result.Schedule?.NextChange(c.Source.At));
        Field<ListGraphType<NonNullGraphType<DayOpeningType>>>("week").Description("Aperçu de la semaine contenant at.")
            .Resolve(c => c.Source.Result.Schedule?.Week(DateOnly.FromDateTime(ParisTime.ToParis(c.Source.At).DateTime)));
    }
}
