using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Server.Territories;
using ScoranInclusion.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddScoranTerritories();
builder.Services.AddScoranStorage();
builder.Services.AddScoranSearch();
builder.Services.AddScoranGraphQL();
builder.Services.AddHealthChecks();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.MapGraphQLEndpoint();
app.MapHealthChecks("/healthz");

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
