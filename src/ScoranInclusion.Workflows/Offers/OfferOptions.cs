using Microsoft.Extensions.Options;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;

namespace ScoranInclusion.Workflows.Offers;

/// <summary>
/// Bound from the <c>Offers</c> section: how many sessions to come (not cancelled, not over) one offer and one
/// place (or itinerant stop) may hold. Searches by time window read every session of the window near the origin:
/// without a bound, one account's series could fill the reads of everyone's searches.
/// </summary>
public sealed class OfferOptions
{
    public const string Section = "Offers";

    /// <summary>Sessions to come of one offer: a workshop every day for a year fits (365), with room.</summary>
    public int MaxSessionsPerOffer { get; set; } = 500;

    /// <summary>Sessions to come at one place or stop, all offers together: five daily workshops for a year.</summary>
    public int MaxSessionsPerPlace { get; set; } = 2_000;
}

/// <summary>Both bounds at least 1: a bound of 0 would refuse every session.</summary>
internal sealed class OfferOptionsValidation : IValidateOptions<OfferOptions>
{
    public ValidateOptionsResult Validate(string? name, OfferOptions options) =>
        options.MaxSessionsPerOffer >= 1 && options.MaxSessionsPerPlace >= 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Offers:MaxSessionsPerOffer et Offers:MaxSessionsPerPlace doivent être au moins 1.");
}
