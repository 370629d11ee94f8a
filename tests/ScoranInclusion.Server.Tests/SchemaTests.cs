using GraphQL;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests;

public sealed class SchemaTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>
    /// The served schema is the approved one. After an intended change, regenerate the file
    /// with SCORAN_UPDATE_SCHEMA=1 dotnet test --filter SchemaTests and review the diff.
    /// </summary>
    [Fact]
    public void The_served_schema_is_the_approved_sdl()
    {
        var schema = fixture.Factory.Services.GetRequiredService<ScoranSchema>();
        var served = SchemaSdl.Print(schema);
        if (Environment.GetEnvironmentVariable("SCORAN_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(RepoPaths.Schema, served);
        }

        var approved = File.ReadAllText(RepoPaths.Schema).ReplaceLineEndings("\n");
        Assert.True(approved == served,
            "Le schéma servi diffère de schema/schema.graphql. Si le changement est voulu : SCORAN_UPDATE_SCHEMA=1 dotnet test --filter SchemaTests, puis relire le diff.");
    }
}
