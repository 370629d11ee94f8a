using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using ScoranInclusion.Storage.Postgres;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Storage.Tests;

/// <summary>
/// Each provider's migrations describe the current model, as a chain that grows one migration per
/// model change. After a model change (a merged branch with new entities): `dotnet ef migrations add
/// NAME --context SqliteScoranDbContext --output-dir Sqlite/Migrations` for SQLite, and
/// `tools/pg-migrations.sh NAME` for PostgreSQL. No database is opened.
/// </summary>
public sealed class MigrationsTests
{
    /// <summary>
    /// The first migration of each provider, which every deployed database of that provider recorded in its
    /// history: regenerated (a new id) or removed, it would make <see cref="DatabaseMigrator"/> refuse those
    /// databases as newer than the code, and the schema they have would be created a second time.
    /// </summary>
    public static TheoryData<StorageProvider, string> Baselines => new()
    {
        { StorageProvider.Sqlite, "20261128134254_Initial" },
        { StorageProvider.Postgres, "20261128225937_Initial" },
    };

    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = Context(StorageProvider.Sqlite);
        Assert.False(db.Database.HasPendingModelChanges(), "Migration SQLite manquante : dotnet ef migrations add NOM --context SqliteScoranDbContext --output-dir Sqlite/Migrations");
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = Context(StorageProvider.Postgres);
        Assert.False(db.Database.HasPendingModelChanges(), "Migration PostgreSQL manquante : lancez tools/pg-migrations.sh NOM");
    }

    [Theory]
    [MemberData(nameof(Baselines))]
    public void The_migrations_start_at_the_frozen_baseline(StorageProvider provider, string baseline)
    {
        using var db = Context(provider);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.True(migrations.Count > 0 && migrations[0] == baseline,
            $"{provider} : la première migration doit rester {baseline} (les bases existantes l'ont appliquée), trouvé : {string.Join(", ", migrations)}. "
            + "Ne régénérez pas les migrations : ajoutez-en une.");
        Assert.Empty(DatabaseMigrator.UnknownMigrations([baseline], migrations));
    }

    /// <summary>
    /// The snapshot (what the next migration is computed from) is the model of the last migration, and every
    /// migration class is one EF finds (it has its Designer, which carries the id). Otherwise the chain has a
    /// hole that <see cref="The_PostgreSQL_migrations_match_the_model"/> cannot see: a migration deleted by
    /// hand leaves the snapshot ahead of the databases, and a class without its Designer is never applied.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public void The_snapshot_is_the_model_of_the_last_migration(StorageProvider provider)
    {
        using var db = Context(provider);
        var assembly = db.GetService<IMigrationsAssembly>();
        var found = assembly.Migrations.Values.Select(t => t.AsType()).ToHashSet();
        var snapshotNamespace = assembly.ModelSnapshot!.GetType().Namespace;
        var orphans = typeof(ScoranDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace == snapshotNamespace && t.IsSubclassOf(typeof(Migration)) && !found.Contains(t))
            .Select(t => t.Name).ToList();
        Assert.True(orphans.Count == 0, $"{provider} : migration(s) sans attribut [Migration] (fichier .Designer.cs perdu ?), jamais appliquée(s) : {string.Join(", ", orphans)}");

        var last = assembly.Migrations.Last();
        var lastModel = Finalize(db, assembly.CreateMigration(last.Value, db.Database.ProviderName!).TargetModel!);
        var snapshotModel = Finalize(db, assembly.ModelSnapshot.Model);
        var differences = db.GetService<IMigrationsModelDiffer>().GetDifferences(lastModel.GetRelationalModel(), snapshotModel.GetRelationalModel());
        Assert.True(differences.Count == 0,
            $"{provider} : l'instantané du modèle ne correspond pas à la dernière migration ({last.Key}) : "
            + string.Join(", ", differences.Select(d => d.GetType().Name))
            + ". Une migration a été supprimée à la main sans l'instantané (remettez ses fichiers, ou retirez-la avec dotnet ef migrations remove, qui remet aussi l'instantané), ou deux branches en ont ajouté une chacune (ajoutez une migration qui termine la chaîne).");
    }

    private static ScoranDbContext Context(StorageProvider provider) => provider == StorageProvider.Sqlite
        ? new SqliteScoranDbContext(new DbContextOptionsBuilder<SqliteScoranDbContext>().UseSqlite("Data Source=:memory:").Options)
        : new PostgresScoranDbContext(new DbContextOptionsBuilder<PostgresScoranDbContext>()
            .UseNpgsql("Host=localhost;Database=unused", o => o.UseNetTopologySuite()).Options);

    /// <summary>As EF prepares a snapshot's model before comparing it (Migrator.HasPendingModelChanges).</summary>
    private static IModel Finalize(DbContext db, IModel model) =>
        db.GetService<IModelRuntimeInitializer>().Initialize(model is IMutableModel mutable ? mutable.FinalizeModel() : model);
}
