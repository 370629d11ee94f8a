namespace ScoranInclusion.Domain.Offers;

/// <summary>How the help is given.</summary>
public enum OfferFormat
{
    /// <summary>One person with one mediator.</summary>
    IndividualHelp,

    /// <summary>A group, at a place, at a set time.</summary>
    CollectiveWorkshop,

    /// <summary>By video or telephone, without coming to a place.</summary>
    Remote,
}

/// <summary>What a participant pays.</summary>
public enum OfferFee
{
    Free,

    /// <summary>Free under a condition (Pass numérique, being registered somewhere…), stated in the offer.</summary>
    FreeUnderCondition,

    Paid,
}

/// <summary>The digital skills expected of a participant.</summary>
public enum OfferLevel
{
    /// <summary>Open to everyone, whatever their level.</summary>
    AllLevels,

    /// <summary>Never or hardly ever used a computer, a tablet or a smartphone.</summary>
    Beginner,

    Intermediate,

    Advanced,
}

/// <summary>
/// The stored life of a session: only <see cref="Scheduled"/> and <see cref="Cancelled"/> are written;
/// <see cref="Full"/> and <see cref="Done"/> are derived when read (from the seats and the end time), so they
/// can never disagree with the figures.
/// </summary>
public enum SessionStatus
{
    Scheduled,
    Full,
    Cancelled,
    Done,
}

/// <summary>Whether an offer is still given; a withdrawn offer stays stored, with its sessions, as history.</summary>
public enum OfferStatus
{
    Active,
    Withdrawn,
}
