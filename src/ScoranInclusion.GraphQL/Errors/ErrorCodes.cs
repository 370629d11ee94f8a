namespace ScoranInclusion.GraphQL.Errors;

/// <summary>
/// The stable <c>extensions.code</c> values of this API. Clients branch on them, so they are
/// never renamed; messages (in French) may improve.
/// </summary>
public static class ErrorCodes
{
    /// <summary>A latitude or longitude out of range or not a number.</summary>
    public const string InvalidCoordinates = "INVALID_COORDINATES";

    /// <summary><c>near</c> must name exactly one of point, commune or postalCode.</summary>
    public const string InvalidNear = "INVALID_NEAR";

    /// <summary>No commune of the region has this INSEE code (current or former).</summary>
    public const string UnknownCommune = "UNKNOWN_COMMUNE";

    /// <summary>No commune of the region has this postal code.</summary>
    public const string UnknownPostalCode = "UNKNOWN_POSTAL_CODE";

    /// <summary><c>near: { address }</c>: no address of the index matches the text.</summary>
    public const string UnknownAddress = "UNKNOWN_ADDRESS";

    /// <summary><c>addresses</c> or <c>near: { address }</c> on a server whose address index was never imported: search by commune.</summary>
    public const string AddressIndexEmpty = "ADDRESS_INDEX_EMPTY";

    /// <summary><c>first</c> is negative or above the maximum page size.</summary>
    public const string InvalidPagination = "INVALID_PAGINATION";

    /// <summary>A cursor that this server did not issue.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";

    /// <summary>A global id that is malformed or of another type than expected.</summary>
    public const string InvalidId = "INVALID_ID";

    /// <summary>A radius that is not a positive number of kilometres within the limit.</summary>
    public const string InvalidRadius = "INVALID_RADIUS";

    /// <summary>Filters that contradict each other (openNow with openAt).</summary>
    public const string InvalidFilter = "INVALID_FILTER";

    /// <summary>An opening-hours expression too long to check.</summary>
    public const string InvalidExpression = "INVALID_EXPRESSION";

    /// <summary>A search text that is empty or too long.</summary>
    public const string InvalidSearch = "INVALID_SEARCH";

    /// <summary>
    /// A text (string literal or variable) that is not well-formed Unicode: a lone or reversed UTF-16 surrogate, or a
    /// noncharacter such as U+FFFE (<c>Scalars/WellFormedTextRule</c>), whatever the argument.
    /// </summary>
    public const string InvalidString = "INVALID_STRING";

    /// <summary>The request is not a valid GraphQL-over-HTTP request (body, method, media type).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>A time window whose end is not after its start, or longer than a year.</summary>
    public const string InvalidTimeWindow = "INVALID_TIME_WINDOW";

    /// <summary>A mutation without a valid <c>Authorization: Bearer</c> token.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>A mutation that the token does not allow, or every mutation when no token is configured.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>Offers and sessions: see <see cref="Domain.Offers.OfferRuleCodes"/>.</summary>
    public const string InvalidOffer = Domain.Offers.OfferRuleCodes.InvalidOffer;

    public const string InvalidSession = Domain.Offers.OfferRuleCodes.InvalidSession;

    public const string InvalidSeries = Domain.Offers.OfferRuleCodes.InvalidSeries;

    public const string NoSeatsLeft = Domain.Offers.OfferRuleCodes.NoSeatsLeft;

    public const string VersionConflict = Domain.Offers.OfferRuleCodes.VersionConflict;

    public const string NotEditable = Domain.Offers.OfferRuleCodes.NotEditable;

    public const string NotFound = Domain.Offers.OfferRuleCodes.NotFound;

    public const string TooManySessions = Domain.Offers.OfferRuleCodes.TooManySessions;

    /// <summary>The query nests selections deeper than <c>GraphQL:MaxDepth</c>.</summary>
    public const string QueryTooDeep = "QUERY_TOO_DEEP";

    /// <summary>The query's estimated cost is above <c>GraphQL:MaxComplexity</c>.</summary>
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";

    /// <summary>More aliased fields than <c>GraphQL:MaxAliases</c>.</summary>
    public const string TooManyAliases = "TOO_MANY_ALIASES";

    /// <summary>More field selections than <c>GraphQL:MaxFields</c> (fragments counted where spread).</summary>
    public const string TooManyFields = "TOO_MANY_FIELDS";

    /// <summary>More than one password-bearing field (login, acceptInvitation…) in one operation, aliases and fragments included.</summary>
    public const string TooManyPasswordFields = "TOO_MANY_PASSWORD_FIELDS";

    /// <summary>A JSON array of requests: batching is not supported, send one request at a time.</summary>
    public const string BatchNotSupported = "BATCH_NOT_SUPPORTED";

    /// <summary>A body (or GET query string) larger than <c>GraphQL:MaxRequestBytes</c>.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>Too many requests from one address (or one token) in the window: see <c>Retry-After</c>.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>A cookie-carrying mutation from another site (CSRF protection), or a citizen's report sent from another site's page.</summary>
    public const string CrossSiteRequest = "CROSS_SITE_REQUEST";

    /// <summary>An edit of a place that breaks a rule of the standard (<c>extensions.data.field</c>: the input at fault).</summary>
    public const string InvalidSite = "INVALID_SITE";

    /// <summary>Accounts: see <see cref="ScoranInclusion.Workflows.Accounts.AccountErrorCodes"/>.</summary>
    public const string InvalidCredentials = ScoranInclusion.Workflows.Accounts.AccountErrorCodes.InvalidCredentials;

    public const string AccountLocked = ScoranInclusion.Workflows.Accounts.AccountErrorCodes.AccountLocked;

    /// <summary>A territory code that is malformed (a département in moderationQueue), as the exports say it.</summary>
    public const string InvalidTerritory = "INVALID_TERRITORY";

    /// <summary>Moderation: see <see cref="ScoranInclusion.Workflows.Moderation.ModerationErrorCodes"/>.</summary>
    public const string AlreadyDecided = ScoranInclusion.Workflows.Moderation.ModerationErrorCodes.AlreadyDecided;

    public const string ReasonRequired = ScoranInclusion.Workflows.Moderation.ModerationErrorCodes.ReasonRequired;

    public const string InvalidReason = ScoranInclusion.Workflows.Moderation.ModerationErrorCodes.InvalidReason;

    public const string InvalidReport = ScoranInclusion.Workflows.Moderation.ModerationErrorCodes.InvalidReport;

    public const string InvalidClaim = ScoranInclusion.Workflows.Moderation.ModerationErrorCodes.InvalidClaim;

    /// <summary>
    /// A place that is no longer listed (withdrawn: no source lists it any more). Asked by its id (<c>site</c>,
    /// <c>node</c>), it answers null with this code; <c>extensions.data.withdrawnAt</c> says since when. Drop the id.
    /// </summary>
    public const string SiteWithdrawn = "SITE_WITHDRAWN";

    /// <summary>restoreSite of a place that is not withdrawn.</summary>
    public const string NotWithdrawn = "NOT_WITHDRAWN";

    /// <summary>runSource: no configured source has this name.</summary>
    public const string UnknownSource = "UNKNOWN_SOURCE";

    /// <summary>runSource: a run of this source is already going (in this process or another).</summary>
    public const string SourceBusy = "SOURCE_BUSY";

    /// <summary>An unexpected server fault; details are logged, never sent.</summary>
    public const string InternalError = "INTERNAL_ERROR";
}
