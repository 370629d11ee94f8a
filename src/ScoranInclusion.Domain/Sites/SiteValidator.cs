namespace ScoranInclusion.Domain.Sites;

/// <summary>Checks a site against the rules of the national standard v1.0.2.</summary>
public static class SiteValidator
{
    public static IReadOnlyList<ValidationIssue> Validate(Site site) => throw new NotImplementedException("filled by the domain work");
}
