using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.Server.Bench;
using ScoranInclusion.Server.Calendar;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Coverage;
using ScoranInclusion.Server.Espace;
using ScoranInclusion.Server.Exports;
using ScoranInclusion.Server.Security;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Server.Territories;
using ScoranInclusion.Server.Web;
using ScoranInclusion.Storage;

// import, export, validate: run the verb and exit, without starting the web host.
if (CliVerbs.IsVerb(args))
{
    return await CliVerbs.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddScoranSecurity();
builder.AddScoranGracefulShutdown();

builder.Services.AddScoranTerritories();
builder.Services.AddScoranStorage();
builder.Services.AddScoranSearch();
builder.Services.AddScoranGraphQL();
builder.Services.AddScoranEspace();
builder.Services.AddScoranCoverage();
builder.Services.AddHostedService<SeriesTopUpService>();
builder.Services.AddHealthChecks();

var app = builder.Build();

try
{
    await app.PrepareDatabaseAsync();
}
catch (Exception e) when (e is DatabaseNewerThanCodeException or ScoranInclusion.Storage.Sqlite.DatabaseRestoringException)
{
    // A database migrated by a newer version, or being restored: nothing written, no stack trace.
    await Console.Error.WriteLineAsync("erreur : " + e.Message);
    return CliVerbs.Failure;
}

app.UseScoranSecurity();

app.MapGraphQLEndpoint();
app.MapExports();
app.MapCalendars();
app.MapEspace();
app.MapScoranWeb();
app.MapCoverage();
app.MapPlainNearestSites(); // Bench:PlainEndpoint=true only (bench/, issue 9)
app.MapHealthChecks("/healthz");

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
