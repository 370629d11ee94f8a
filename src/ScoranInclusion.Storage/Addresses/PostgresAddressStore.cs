using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;

namespace ScoranInclusion.Storage.Addresses;

/// <summary>
/// The address index on PostgreSQL: the streets with a generated <c>tsvector</c> (configuration
/// <c>simple</c>: the words are already folded by <see cref="AddressWords"/>, so no <c>unaccent</c>
/// and no extension is needed) under a GIN index, and the numbers; written with binary COPY.
/// </summary>
public sealed class PostgresAddressStore(NpgsqlConnection connection) : IAddressStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS adresse_voies (
            id bigint PRIMARY KEY, departement text NOT NULL, nom_voie text NOT NULL, code_postal text NOT NULL,
            code_insee text NOT NULL, nom_commune text NOT NULL, nom_ancienne_commune text, lon double precision NOT NULL,
            lat double precision NOT NULL, lieu_dit boolean NOT NULL, search_text text NOT NULL,
            search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED);
        CREATE INDEX IF NOT EXISTS ix_adresse_voies_departement ON adresse_voies (departement);
        CREATE INDEX IF NOT EXISTS ix_adresse_voies_search ON adresse_voies USING gin (search);
        CREATE TABLE IF NOT EXISTS adresse_numeros (
            voie_id bigint NOT NULL, numero integer NOT NULL, rep text, lon double precision NOT NULL, lat double precision NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_adresse_numeros_voie ON adresse_numeros (voie_id, numero);
        CREATE TABLE IF NOT EXISTS adresse_departements (
            departement text PRIMARY KEY, fichier text NOT NULL, importe_le timestamptz NOT NULL, adresses integer NOT NULL, voies integer NOT NULL);
        """;

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            return true;
        }

        await using var command = Command("SELECT NOT EXISTS (SELECT 1 FROM adresse_voies)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<AddressStreet>> CandidatesAsync(AddressQuery query, int limit, GeoPoint? near, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Words.Count == 0 || !await ExistsAsync(cancellationToken))
        {
            return [];
        }

        await using var command = Command("");
        command.CommandText = $"""
            SELECT {AddressIndex.StreetColumns} FROM adresse_voies v
            WHERE v.search @@ to_tsquery('simple'::regconfig, @q) ORDER BY {AddressIndex.CandidateOrder(command, near)} LIMIT @limit
            """;
        command.Parameters.AddWithValue("q", TsQuery(query));
        command.Parameters.AddWithValue("limit", limit);
        return await AddressIndex.ReadStreetsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<AddressStreet>> CandidatesByLikeAsync(AddressQuery query, int limit, GeoPoint? near, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Words.Count == 0 || !await ExistsAsync(cancellationToken))
        {
            return [];
        }

        await using var command = Command("");
        return await AddressIndex.CandidatesByLikeAsync(command, query, limit, near, cancellationToken);
    }

    public async Task<IReadOnlyList<AddressNumber>> NumbersAsync(IReadOnlyCollection<long> streetIds, int numero, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streetIds);
        if (streetIds.Count == 0)
        {
            return [];
        }

        await using var command = Command("SELECT voie_id, numero, rep, lon, lat FROM adresse_numeros WHERE numero = @numero AND voie_id = ANY (@ids)");
        command.Parameters.AddWithValue("numero", numero);
        command.Parameters.AddWithValue("ids", streetIds.ToArray());
        return await AddressIndex.ReadNumbersAsync(command, cancellationToken);
    }

    public async Task ReplaceAsync(AddressBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var schema = Command(Schema, transaction))
        {
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        // Two imports at once would both take the same ids: the second waits for the first.
        await using (var lockTable = Command("LOCK TABLE adresse_voies IN EXCLUSIVE MODE", transaction))
        {
            await lockTable.ExecuteNonQueryAsync(cancellationToken);
        }

        long firstId;
        await using (var max = Command("SELECT COALESCE(MAX(id), 0) + 1 FROM adresse_voies", transaction))
        {
            firstId = (long)(await max.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var delete = Command("""
            DELETE FROM adresse_numeros WHERE voie_id IN (SELECT id FROM adresse_voies WHERE departement = ANY (@d));
            DELETE FROM adresse_voies WHERE departement = ANY (@d);
            DELETE FROM adresse_departements WHERE departement = ANY (@d);
            """, transaction))
        {
            delete.Parameters.AddWithValue("d", batch.Departements.Keys.ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY adresse_voies (id, departement, nom_voie, code_postal, code_insee, nom_commune, nom_ancienne_commune, lon, lat, lieu_dit, search_text) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var i = 0; i < batch.Streets.Count; i++)
            {
                var s = batch.Streets[i];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(firstId + i, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(s.Departement, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(s.Voie, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(s.CodePostal, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(s.CodeInsee, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(s.Commune, NpgsqlDbType.Text, cancellationToken);
                if (s.AncienneCommune is null)
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await copy.WriteAsync(s.AncienneCommune, NpgsqlDbType.Text, cancellationToken);
                }

                await copy.WriteAsync(s.Lon, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(s.Lat, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(!s.HasNumbers, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(s.SearchText, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY adresse_numeros (voie_id, numero, rep, lon, lat) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var n in batch.Numbers)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(firstId + n.StreetIndex, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(n.Numero, NpgsqlDbType.Integer, cancellationToken);
                if (n.Rep is null)
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await copy.WriteAsync(n.Rep, NpgsqlDbType.Text, cancellationToken);
                }

                await copy.WriteAsync(n.Lon, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(n.Lat, NpgsqlDbType.Double, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        foreach (var (departement, count) in batch.Departements)
        {
            await using var status = Command(
                "INSERT INTO adresse_departements (departement, fichier, importe_le, adresses, voies) VALUES (@d, @f, @t, @a, @v)", transaction);
            status.Parameters.AddWithValue("d", departement);
            status.Parameters.AddWithValue("f", batch.SourceName);
            status.Parameters.AddWithValue("t", now.ToUniversalTime());
            status.Parameters.AddWithValue("a", count);
            status.Parameters.AddWithValue("v", batch.Streets.Count(s => s.Departement == departement));
            await status.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AddressDepartementStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            return [];
        }

        await using var command = Command("SELECT departement, fichier, importe_le, adresses, voies FROM adresse_departements ORDER BY departement COLLATE \"C\"");
        var list = new List<AddressDepartementStatus>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AddressDepartementStatus(reader.GetString(0), reader.GetString(1),
                new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return list;
    }

    /// <summary>The tsquery of the same terms as <see cref="SqliteAddressStore.MatchExpression"/>: the words are [a-z0-9] only.</summary>
    internal static string TsQuery(AddressQuery query)
    {
        var terms = query.Words.Select(w =>
        {
            var term = w.Word + (w.Prefix ? ":*" : "");
            return w.Expansion is { } full ? $"({term} | {full})" : term;
        });
        if (query.PostalCode is { } cp)
        {
            terms = terms.Append(cp);
        }

        return string.Join(" & ", terms);
    }

    private async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT to_regclass('adresse_departements') IS NOT NULL");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private NpgsqlCommand Command(string sql, NpgsqlTransaction? transaction = null) => new(sql, connection, transaction);
}
