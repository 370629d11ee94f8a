using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.Server.Bench;
using ScoranInclusion.Server.Calendar;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Coverage;
using ScoranInclusion.Server.Espace;
using ScoranInclusion.Server.Exports;
using ScoranInclusion.Server.Health;
using ScoranInclusion.Server.Security;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Server.Telemetry;
using ScoranInclusion.Server.Territories;
using ScoranInclusion.Server.Web;
using ScoranInclusion.Storage;

// import, export, validate: run the verb and exit, without starting the web host.
if (CliVerbs.IsVerb(args))
{
    return await CliVerbs.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(ScoranHost.Options(args));
builder.AddScoranSecurity();
builder.AddScoranGracefulShutdown();
builder.AddScoranTelemetry();

builder.Services.AddScoranTerritories();
builder.Services.AddScoranStorage();
builder.Services.AddScoranSearch();
builder.Services.AddScoranGraphQL();
builder.Services.AddScoranEspace();
builder.Services.AddScoranCoverage();
builder.Services.AddHostedService<SeriesTopUpService>();
builder.Services.AddHostedService<ContactPurgeService>();
builder.Services.AddScoranHealthChecks();

var app = builder.Build();

// A bad key stops here with a French message naming it (stderr, exit 2), never a stack trace.
if (!ConfigurationChecks.Validate(app.Services, app.Configuration, Console.Error))
{
    return ConfigurationChecks.ExitCode;
}

if (!await StartupFailures.PrepareDatabaseAsync(app, Console.Error))
{
    return StartupFailures.DatabaseExitCode;
}

app.UseScoranSecurity();

app.MapGraphQLEndpoint();
app.MapExports();
app.MapCalendars();
app.MapEspace();
app.MapScoranWeb();
app.MapCoverage();
app.MapPlainNearestSites(); // Bench:PlainEndpoint=true only (bench/, issue 9)
app.MapScoranHealthChecks();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
