namespace ScoranInclusion.Domain.Sites;

public enum ValidationSeverity
{
    /// <summary>The value was accepted after a correction (e.g. a phone number reformatted).</summary>
    Correction,

    /// <summary>The value is invalid: the field (or the row, for a required field) is rejected.</summary>
    Error,

    /// <summary>The value is kept but looks wrong (e.g. an INSEE code outside the postcode's département).</summary>
    Warning,
}

/// <summary>One problem found in a field; <paramref name="Field"/> is the standard's snake_case name.</summary>
public sealed record ValidationIssue(string Field, string? Value, string Message, ValidationSeverity Severity);
