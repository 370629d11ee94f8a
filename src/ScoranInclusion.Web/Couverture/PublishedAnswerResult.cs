using ScoranInclusion.GraphQL.Coverage;
using ScoranInclusion.Search;

namespace ScoranInclusion.Web.Couverture;

/// <summary>A kept answer (<see cref="PublishedAnswers"/>) as an endpoint's result: ETag, 304, compressed bytes.</summary>
internal sealed class PublishedAnswerResult(PublishedAnswer answer) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => CoverageAnswers.WriteAsync(httpContext, answer);
}
