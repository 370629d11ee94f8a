using ScoranInclusion.Export;
using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Health;
using ScoranInclusion.Server.Http;
using ScoranInclusion.Server.Security;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Server.Telemetry;
using ScoranInclusion.Web;

// A verb (import, export, backup…) runs on the same composition (AddScoranCore) and exits without opening a port.
if (CliVerbs.IsVerb(args))
{
    return await CliVerbs.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(ScoranHost.Options(args));
builder.AddScoranCore();              // territories, storage, search, workflows, import
builder.AddScoranSecurity();
builder.AddScoranGracefulShutdown();
builder.AddScoranTelemetry();
builder.Services.AddScoranGraphQL();
builder.Services.AddScoranWeb();      // citizen pages, /integrer, /couverture, /espace
builder.Services.AddScoranBackgroundWork();
builder.Services.AddScoranHealthChecks();
builder.Services.AddScoranCompression();  // brotli/gzip above a size, ETag on exports

var app = builder.Build();
if (await ScoranStartup.CheckAndPrepareAsync(app, Console.Error) is { } failure)
{
    return failure;                   // a French message on stderr: exit 2 (configuration) or 3 (database)
}

app.UseScoranSecurity();
app.UseScoranCompression();
app.MapGraphQLEndpoint();
app.MapScoranExports();               // open data, calendars
app.MapScoranWeb();
app.MapScoranHealthChecks();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
