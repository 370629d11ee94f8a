
namespace ScoranInclusion.Web;

/// <summary>Reading a posted form, for every page that takes one.</summary>
internal static class RequestForms
{
    /// <summary>
    /// The request's form. A body that is not the form it claims to be (a multipart body without its closing boundary,
    /// cut short, over the form limits) is the client's fault: it becomes a <see cref="BadHttpRequestException"/> (400),
    /// which <c>UseClientRequestErrors</c> answers like Kestrel's own, never a 500.
    /// </summary>
    public static async Task<IFormCollection> ReadAsync(HttpRequest request)
    {
        var aborted = request.HttpContext.RequestAborted;
        try
        {
            return await request.ReadFormAsync(aborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException && !aborted.IsCancellationRequested)
        {
            throw new BadHttpRequestException("Formulaire illisible : " + e.Message, StatusCodes.Status400BadRequest, e);
        }
    }
}
