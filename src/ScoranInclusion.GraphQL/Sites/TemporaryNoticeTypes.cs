using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.GraphQL.Sites;

/// <summary>A closure as the public sees it: with the Paris day of the request, to say whether it is in force.</summary>
public sealed record ClosureView(SiteClosure Closure, DateOnly Today);

/// <summary>A notice as the public sees it: with the Paris day of the request.</summary>
public sealed record NoticeView(SiteNotice Notice, DateOnly Today);

public sealed class ClosureType : ObjectGraphType<ClosureView>
{
    public ClosureType()
    {
        Name = "Closure";
        Description = "Fermeture temporaire d'un lieu, jours entiers (heure de Paris), premier et dernier jour compris : le lieu est fermé ces jours-là, quels que soient ses horaires.";
        Field<NonNullGraphType<DateScalar>>("startDate").Description("Premier jour fermé.").Resolve(c => c.Source.Closure.Start);
        Field<NonNullGraphType<DateScalar>>("endDate").Description("Dernier jour fermé (compris).").Resolve(c => c.Source.Closure.End);
        Field<StringGraphType>("reason").Description("Motif, s'il est donné (« congés de fin d'année »).").Resolve(c => c.Source.Closure.Reason);
        Field<NonNullGraphType<StringGraphType>>("label").Description("En français : « Fermé du 22 décembre au 2 janvier (congés) ».")
            .Resolve(c => TemporaryNotices.Label(c.Source.Closure));
        Field<NonNullGraphType<BooleanGraphType>>("current").Description("En cours aujourd'hui (heure de Paris) : les pages l'affichent en bandeau.")
            .Resolve(c => TemporaryNotices.Covers(c.Source.Closure.Start, c.Source.Closure.End, c.Source.Today));
    }
}

public sealed class NoticeType : ObjectGraphType<NoticeView>
{
    public NoticeType()
    {
        Name = "Notice";
        Description = "Avis daté d'un lieu (« Horaires d'été : … », « Permanence déplacée en mairie »), affiché du premier au dernier jour compris (heure de Paris).";
        Field<NonNullGraphType<DateScalar>>("startDate").Description("Premier jour d'affichage.").Resolve(c => c.Source.Notice.Start);
        Field<NonNullGraphType<DateScalar>>("endDate").Description("Dernier jour d'affichage (compris).").Resolve(c => c.Source.Notice.End);
        Field<NonNullGraphType<StringGraphType>>("text").Description("Le texte de l'avis.").Resolve(c => c.Source.Notice.Text);
        Field<NonNullGraphType<BooleanGraphType>>("current").Description("En cours aujourd'hui (heure de Paris) : les pages l'affichent en bandeau.")
            .Resolve(c => TemporaryNotices.Covers(c.Source.Notice.Start, c.Source.Notice.End, c.Source.Today));
    }
}

public sealed class ClosureInputType : InputObjectGraphType<SiteClosure>
{
    public ClosureInputType()
    {
        Name = "ClosureInput";
        Description = "Une fermeture temporaire : premier et dernier jour fermés (compris, heure de Paris), motif facultatif (200 caractères au plus).";
        Field<NonNullGraphType<DateScalar>>("startDate");
        Field<NonNullGraphType<DateScalar>>("endDate");
        Field<StringGraphType>("reason");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) =>
        TemporaryNotices.Closure((DateOnly)value["startDate"]!, (DateOnly)value["endDate"]!, value.TryGetValue("reason", out var r) ? r as string : null);
}

public sealed class NoticeInputType : InputObjectGraphType<SiteNotice>
{
    public NoticeInputType()
    {
        Name = "NoticeInput";
        Description = "Un avis daté : premier et dernier jour d'affichage (compris, heure de Paris), texte de 1 à 500 caractères.";
        Field<NonNullGraphType<DateScalar>>("startDate");
        Field<NonNullGraphType<DateScalar>>("endDate");
        Field<NonNullGraphType<StringGraphType>>("text");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) =>
        TemporaryNotices.Notice((DateOnly)value["startDate"]!, (DateOnly)value["endDate"]!, value["text"] as string);
}

/// <summary>Site.closures, Site.notices and their SiteInput fields.</summary>
internal static class TemporaryNoticeFields
{
    /// <summary>SiteInput entries: GraphQL input name → (history pseudo-field, how to apply). A list replaces the place's; null or [] clears it.</summary>
    internal static readonly (string Input, string Field, Func<Site, object?, Site> Apply)[] Editable =
    [
        ("closures", TemporaryNotices.ClosuresField, (s, v) => s with { Closures = v is IEnumerable<object?> items ? [.. items.OfType<SiteClosure>()] : [] }),
        ("notices", TemporaryNotices.NoticesField, (s, v) => s with { Notices = v is IEnumerable<object?> items ? [.. items.OfType<SiteNotice>()] : [] }),
    ];

    public static void AddInputFields(InputObjectGraphType input)
    {
        input.Field<ListGraphType<NonNullGraphType<ClosureInputType>>>("closures")
            .Description("Les fermetures temporaires du lieu (10 au plus, chacune d'un an au plus, pas encore terminées) : la liste remplace celle du lieu ; null ou [] les efface.");
        input.Field<ListGraphType<NonNullGraphType<NoticeInputType>>>("notices")
            .Description("Les avis datés du lieu (10 au plus, chacun d'un an au plus, pas encore terminés) : la liste remplace celle du lieu ; null ou [] les efface.");
    }

    public static void AddSiteFields(ObjectGraphType<StoredSite> site)
    {
        site.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClosureType>>>>("closures")
            .Description("Fermetures temporaires en cours ou à venir (les passées ne sont pas montrées), par date de début. Le lieu est fermé ces jours-là : openingHours et les filtres openNow, openAt, openOn en tiennent compte.")
            .Resolve(c =>
            {
                var today = TemporaryNotices.ParisDay(c.RequestNow());
                return TemporaryNotices.Upcoming(c.Source.Site.Closures, today).Select(x => new ClosureView(x, today)).ToList();
            });
        site.Field<NonNullGraphType<ListGraphType<NonNullGraphType<NoticeType>>>>("notices")
            .Description("Avis datés en cours ou à venir (les passés ne sont pas montrés), par date de début.")
            .Resolve(c =>
            {
                var today = TemporaryNotices.ParisDay(c.RequestNow());
                return TemporaryNotices.Upcoming(c.Source.Site.Notices, today).Select(x => new NoticeView(x, today)).ToList();
            });
    }
}
