using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL.Offers;

/// <summary>
/// Mutations of offers and sessions. Each one first asks <see cref="IEditAuthorization"/>, then writes in one
/// transaction; a broken rule is a coded error and nothing is stored. POST only (the endpoint refuses GET).
/// </summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Modifications (jeton Authorization: Bearer obligatoire, sauf login, acceptInvitation, reportSiteError).";

        Accounts.AccountFields.AddMutations(this);
        Sites.SiteEditingFields.AddMutations(this);
        Moderation.ModerationFields.AddMutations(this);
        Accounts.AccountAdministrationFields.AddMutations(this);
        Accounts.AccountAdministrationFields.AddResend(this);
        Withdrawals.WithdrawalFields.AddMutations(this);
        Sources.SourceFields.AddMutations(this);

        Field<NonNullGraphType<OfferType>>("createOffer")
            .Description("Crée une offre.")
            .Argument<NonNullGraphType<OfferInputType>>("input")
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var offer = OfferInputType.From(Input(c));
                await Authorize(c, new EditTarget(EditAction.CreateOffer, SiteKey: offer.SiteKey));
                return await store.CreateOfferAsync(offer, ct);
            }));

        Field<NonNullGraphType<OfferType>>("updateOffer")
            .Description("Remplace une offre (tous ses champs). expectedVersion : refusé (VERSION_CONFLICT) si elle a changé depuis.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<OfferInputType>>("input")
            .Argument<IntGraphType>("expectedVersion")
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var key = Key(c, OfferType.TypeName);
                var offer = OfferInputType.From(Input(c));
                await Authorize(c, new EditTarget(EditAction.UpdateOffer, OfferKey: key, SiteKey: offer.SiteKey));
                return await store.UpdateOfferAsync(key, offer, c.GetArgument<int?>("expectedVersion"), ct);
            }));

        Field<NonNullGraphType<OfferType>>("cancelOffer")
            .Description("Retire une offre et annule ses séances à venir ; tout reste dans l'historique.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason")
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var key = Key(c, OfferType.TypeName);
                await Authorize(c, new EditTarget(EditAction.CancelOffer, OfferKey: key));
                return await store.WithdrawOfferAsync(key, c.GetArgument<string?>("reason"), ct);
            }));

        Field<NonNullGraphType<SessionType>>("createSession")
            .Description("Crée une séance (dans le futur).")
            .Argument<NonNullGraphType<SessionInputType>>("input")
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var draft = SessionInputType.From(Input(c));
                await Authorize(c, new EditTarget(EditAction.CreateSession, OfferKey: draft.OfferKey, SiteKey: draft.SiteKey, StopKey: draft.StopKey));
                return await store.CreateSessionAsync(draft, ct);
            }));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionType>>>>("createSessionSeries")
            .Description("Crée une série hebdomadaire et ses séances (toutes ou aucune).")
            .Argument<NonNullGraphType<SessionSeriesInputType>>("input")
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var draft = SessionSeriesInputType.From(Input(c));
                await Authorize(c, new EditTarget(EditAction.CreateSession, OfferKey: draft.OfferKey, SiteKey: draft.SiteKey, StopKey: draft.StopKey));
                return (await store.CreateSeriesAsync(draft, ct)).Sessions;
            }));

        Field<NonNullGraphType<SessionType>>("updateSession")
            .Description("Change les horaires, la capacité ou le lieu d'une séance à venir.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<SessionUpdateInputType>>("input")
            .Argument<IntGraphType>("expectedVersion")
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var key = Key(c, SessionType.TypeName);
                var changes = SessionUpdateInputType.From(Input(c));
                await Authorize(c, new EditTarget(EditAction.UpdateSession, SessionKey: key, SiteKey: changes.SiteKey, StopKey: changes.StopKey));
                return await store.UpdateSessionAsync(key, changes, c.GetArgument<int?>("expectedVersion"), ct);
            }));

        Field<NonNullGraphType<SessionType>>("cancelSession")
            .Description("Annule une séance : elle reste visible, avec le statut CANCELLED et le motif.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason")
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var key = Key(c, SessionType.TypeName);
                await Authorize(c, new EditTarget(EditAction.CancelSession, SessionKey: key));
                return await store.CancelSessionAsync(key, c.GetArgument<string?>("reason"), ct);
            }));

        Field<NonNullGraphType<SessionType>>("setSessionSeats")
            .Description("Fixe le nombre de places prises. Avec expectedVersion : refusé (VERSION_CONFLICT) si la séance a changé depuis votre lecture.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IntGraphType>>("seatsTaken")
            .Argument<IntGraphType>("expectedVersion")
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var key = Key(c, SessionType.TypeName);
                await Authorize(c, new EditTarget(EditAction.ChangeSeats, SessionKey: key));
                return await store.SetSeatsAsync(key, c.GetArgument<int>("seatsTaken"), c.GetArgument<int?>("expectedVersion"), ct);
            }));

        Field<NonNullGraphType<SessionType>>("reserveSeats")
            .Description("Prend des places (par défaut 1), sans jamais dépasser la capacité, même avec des demandes simultanées (NO_SEATS_LEFT sinon).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<IntGraphType>("count", a => a.DefaultValue = 1)
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var key = Key(c, SessionType.TypeName);
                await Authorize(c, new EditTarget(EditAction.ChangeSeats, SessionKey: key));
                return await store.ReserveSeatsAsync(key, Count(c), ct);
            }));

        Field<NonNullGraphType<SessionType>>("releaseSeats")
            .Description("Libère des places (par défaut 1).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<IntGraphType>("count", a => a.DefaultValue = 1)
            .ResolveAsync(c => Run(c, async (store, ct) =>
            {
                var key = Key(c, SessionType.TypeName);
                await Authorize(c, new EditTarget(EditAction.ChangeSeats, SessionKey: key));
                return await store.ReserveSeatsAsync(key, -Count(c), ct);
            }));
    }

    private static Task<object?> Run<T>(IResolveFieldContext context, Func<OfferStore, CancellationToken, Task<T>> action) =>
        OfferResolve.GuardAsync<object?>(async () => await action(context.RequestServices!.GetRequiredService<OfferStore>(), context.CancellationToken));

    private static Task Authorize(IResolveFieldContext context, EditTarget target) =>
        context.RequestServices!.GetRequiredService<IEditAuthorization>().AuthorizeAsync(target, context.CancellationToken);

    private static IDictionary<string, object?> Input(IResolveFieldContext context) =>
        context.Arguments!["input"].Value as IDictionary<string, object?> ?? throw new ScoranError(ErrorCodes.BadRequest, "Argument input manquant.");

    private static long Key(IResolveFieldContext context, string type) => GlobalId.DecodeKey(context.GetArgument<string>("id"), type);

    private static int Count(IResolveFieldContext context)
    {
        var count = context.GetArgument("count", 1);
        return count is >= 1 and <= 100
            ? count
            : throw new ScoranError(ErrorCodes.InvalidSession, $"count doit être compris entre 1 et 100 (reçu {count}).");
    }
}
