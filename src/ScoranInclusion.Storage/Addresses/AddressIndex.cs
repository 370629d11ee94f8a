using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;
using ScoranInclusion.Geo.Geodesy;

namespace ScoranInclusion.Storage.Addresses;

/// <summary>The index holds no address: <c>adresses import</c> was never run.</summary>
public sealed class AddressIndexEmptyException()
    : InvalidOperationException("L'index des adresses est vide : importez les fichiers de la Base Adresse Nationale (adresses import).");

/// <summary>
/// The address search, the same on both providers: the query is read once (<see cref="AddressQuery"/>),
/// the provider's store finds candidate streets, <see cref="AddressMatching"/> ranks them, and the
/// numbers asked for are looked up in the best streets. The text searched is never written anywhere.
/// </summary>
public sealed class AddressIndex(ScoranDbContext db)
{
    /// <summary>
    /// The candidate streets ranked per search: enough for a precise query, bounded for a vague one. Without a point,
    /// the first ones by id; with one (<c>near</c>), the nearest ones, so that a common street name near the point is
    /// found whatever the number of farther ones.
    /// </summary>
    public const int CandidateLimit = 200;

    /// <summary>The most answers a search gives.</summary>
    public const int MaxFirst = 20;

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await Store().IsEmptyAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The best answers for a typed address; throws <see cref="AddressIndexEmptyException"/> when there is no index.</summary>
    public Task<IReadOnlyList<AddressMatch>> SearchAsync(string text, int first, GeoPoint? near, CancellationToken cancellationToken) =>
        SearchAsync(text, first, near, useLikeScan: false, cancellationToken);

    /// <param name="useLikeScan">The benchmark's baseline: candidates from a LIKE scan instead of the full-text index.</param>
    public async Task<IReadOnlyList<AddressMatch>> SearchAsync(string text, int first, GeoPoint? near, bool useLikeScan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var store = Store();
            if (await store.IsEmptyAsync(cancellationToken))
            {
                throw new AddressIndexEmptyException();
            }

            var query = AddressQuery.Parse(text);
            if (query.Words.Count == 0 || first <= 0)
            {
                return [];
            }

            var candidates = useLikeScan
                ? await store.CandidatesByLikeAsync(query, CandidateLimit, near, cancellationToken)
                : await store.CandidatesAsync(query, CandidateLimit, near, cancellationToken);
            var ranked = AddressMatching.Rank(query, candidates, Math.Min(first, MaxFirst), near, Geodesic.DistanceMeters);
            var numbers = query.Numero is { } numero && ranked.Count > 0
                ? (await store.NumbersAsync(ranked.Select(r => r.Street.Id).ToList(), numero, cancellationToken)).ToLookup(n => n.StreetId)
                : null;
            var matches = ranked.Select(r =>
            {
                var number = numbers is null ? null : AddressMatching.PickNumber(query, numbers[r.Street.Id]);
                return new AddressMatch(r.Street, number, AddressMatching.WithNumber(query, r.Score, number));
            });
            // A street where the number exists comes before one where it does not, at equal text.
            return matches.OrderByDescending(m => m.Score).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<IReadOnlyList<AddressDepartementStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await Store().StatusAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Replaces the départements of the batch, all or nothing.</summary>
    public async Task ReplaceAsync(AddressBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await Store().ReplaceAsync(batch, now, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private IAddressStore Store() => db.Database.GetDbConnection() switch
    {
        SqliteConnection sqlite => new SqliteAddressStore(sqlite),
        NpgsqlConnection postgres => new PostgresAddressStore(postgres),
        var other => throw new NotSupportedException("Index des adresses : fournisseur non pris en charge " + other.GetType().Name),
    };

    // What both stores share: the columns of a street and their reading, the candidates' order (by id, or nearest to a
    // point), the LIKE scan, the numbers. The SQL uses @name parameters, which both providers read.

    internal const string StreetColumns = "v.id, v.nom_voie, v.code_postal, v.code_insee, v.nom_commune, v.nom_ancienne_commune, v.lon, v.lat, v.lieu_dit";

    /// <summary>
    /// The candidates' order: by id, or with a point by the squared distance on a plane scaled at the point's latitude
    /// (good enough to pick the nearest few hundred; <see cref="AddressMatching"/> then measures on the ellipsoid), the
    /// same arithmetic on both providers, ties by id.
    /// </summary>
    internal static string CandidateOrder(DbCommand command, GeoPoint? near)
    {
        if (near is not { } point)
        {
            return "v.id";
        }

        var k = Math.Cos(point.Latitude * Math.PI / 180);
        Add(command, "@near_lat", point.Latitude);
        Add(command, "@near_lon", point.Longitude);
        Add(command, "@near_k", k * k);
        return "(v.lat - @near_lat) * (v.lat - @near_lat) + (v.lon - @near_lon) * (v.lon - @near_lon) * @near_k, v.id";
    }

    /// <summary>The LIKE scan of both stores (<see cref="IAddressStore.CandidatesByLikeAsync"/>).</summary>
    internal static Task<IReadOnlyList<AddressStreet>> CandidatesByLikeAsync(DbCommand command, AddressQuery query, int limit, GeoPoint? near, CancellationToken cancellationToken)
    {
        var where = new StringBuilder();
        var n = 0;
        foreach (var (word, expansion) in LikeTerms(query))
        {
            where.Append(where.Length == 0 ? "" : " AND ").Append(CultureInfo.InvariantCulture, $"(v.search_text LIKE @p{n}");
            Add(command, $"@p{n++}", "%" + word + "%");
            if (expansion is not null)
            {
                where.Append(CultureInfo.InvariantCulture, $" OR v.search_text LIKE @p{n}");
                Add(command, $"@p{n++}", "%" + expansion + "%");
            }

            where.Append(')');
        }

        command.CommandText = $"SELECT {StreetColumns} FROM adresse_voies v WHERE {where} ORDER BY {CandidateOrder(command, near)} LIMIT @limit";
        Add(command, "@limit", limit);
        return ReadStreetsAsync(command, cancellationToken);
    }

    private static IEnumerable<(string Word, string? Expansion)> LikeTerms(AddressQuery query)
    {
        foreach (var w in query.Words)
        {
            yield return (w.Word, w.Expansion);
        }

        if (query.PostalCode is { } cp)
        {
            yield return (cp, null);
        }
    }

    internal static async Task<IReadOnlyList<AddressStreet>> ReadStreetsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<AddressStreet>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AddressStreet(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), new GeoPoint(reader.GetDouble(7), reader.GetDouble(6)),
                Convert.ToBoolean(reader.GetValue(8), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>Reads <c>voie_id, numero, rep, lon, lat</c> rows.</summary>
    internal static async Task<IReadOnlyList<AddressNumber>> ReadNumbersAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var numbers = new List<AddressNumber>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(new AddressNumber(reader.GetInt64(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                new GeoPoint(reader.GetDouble(4), reader.GetDouble(3))));
        }

        return numbers;
    }

    internal static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
