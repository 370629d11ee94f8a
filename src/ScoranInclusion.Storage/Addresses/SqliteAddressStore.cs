using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;

namespace ScoranInclusion.Storage.Addresses;

/// <summary>The address index in the SQLite file: a table of streets, its FTS5 twin (rowid = street id, prefix indexes), the numbers.</summary>
public sealed class SqliteAddressStore(SqliteConnection connection) : IAddressStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS adresse_voies (
            id INTEGER PRIMARY KEY, departement TEXT NOT NULL, nom_voie TEXT NOT NULL, code_postal TEXT NOT NULL,
            code_insee TEXT NOT NULL, nom_commune TEXT NOT NULL, nom_ancienne_commune TEXT, lon REAL NOT NULL, lat REAL NOT NULL,
            lieu_dit INTEGER NOT NULL, search_text TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_adresse_voies_departement ON adresse_voies (departement);
        CREATE VIRTUAL TABLE IF NOT EXISTS adresse_voies_fts USING fts5 (search_text, prefix = '2 3', tokenize = 'unicode61');
        CREATE TABLE IF NOT EXISTS adresse_numeros (
            voie_id INTEGER NOT NULL, numero INTEGER NOT NULL, rep TEXT, lon REAL NOT NULL, lat REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_adresse_numeros_voie ON adresse_numeros (voie_id, numero);
        CREATE TABLE IF NOT EXISTS adresse_departements (
            departement TEXT PRIMARY KEY, fichier TEXT NOT NULL, importe_le TEXT NOT NULL, adresses INTEGER NOT NULL, voies INTEGER NOT NULL);
        """;

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            return true;
        }

        await using var command = Command("SELECT EXISTS (SELECT 1 FROM adresse_voies)");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0;
    }

    public async Task<IReadOnlyList<AddressStreet>> CandidatesAsync(AddressQuery query, int limit, GeoPoint? near, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Words.Count == 0 || !await ExistsAsync(cancellationToken))
        {
            return [];
        }

        await using var command = Command("");
        // Without a point, the first ids straight from the full-text index; with one, every match is ordered by distance.
        command.CommandText = near is null
            ? $"""
                SELECT {AddressIndex.StreetColumns} FROM adresse_voies v
                WHERE v.id IN (SELECT rowid FROM adresse_voies_fts WHERE adresse_voies_fts MATCH @q ORDER BY rowid LIMIT @limit)
                ORDER BY v.id
                """
            : $"""
                SELECT {AddressIndex.StreetColumns} FROM adresse_voies v
                WHERE v.id IN (SELECT rowid FROM adresse_voies_fts WHERE adresse_voies_fts MATCH @q)
                ORDER BY {AddressIndex.CandidateOrder(command, near)} LIMIT @limit
                """;
        command.Parameters.AddWithValue("@q", MatchExpression(query));
        command.Parameters.AddWithValue("@limit", limit);
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

        // The ids are our own integers: written into the text, they keep the statement one per count of streets.
        await using var command = Command($"""
            SELECT voie_id, numero, rep, lon, lat FROM adresse_numeros
            WHERE numero = $numero AND voie_id IN ({string.Join(',', streetIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))})
            """);
        command.Parameters.AddWithValue("$numero", numero);
        return await AddressIndex.ReadNumbersAsync(command, cancellationToken);
    }

    public async Task ReplaceAsync(AddressBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using (var schema = Command(Schema))
        {
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long firstId;
        await using (var max = Command("SELECT COALESCE(MAX(id), 0) + 1 FROM adresse_voies", transaction))
        {
            firstId = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        foreach (var departement in batch.Departements.Keys)
        {
            await using var delete = Command("""
                DELETE FROM adresse_numeros WHERE voie_id IN (SELECT id FROM adresse_voies WHERE departement = $d);
                DELETE FROM adresse_voies_fts WHERE rowid IN (SELECT id FROM adresse_voies WHERE departement = $d);
                DELETE FROM adresse_voies WHERE departement = $d;
                DELETE FROM adresse_departements WHERE departement = $d;
                """, transaction);
            delete.Parameters.AddWithValue("$d", departement);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var street = Command("""
            INSERT INTO adresse_voies (id, departement, nom_voie, code_postal, code_insee, nom_commune, nom_ancienne_commune, lon, lat, lieu_dit, search_text)
            VALUES ($id, $d, $voie, $cp, $insee, $commune, $ancienne, $lon, $lat, $ld, $text);
            INSERT INTO adresse_voies_fts (rowid, search_text) VALUES ($id, $text);
            """, transaction))
        {
            var p = Parameters(street, "$id", "$d", "$voie", "$cp", "$insee", "$commune", "$ancienne", "$lon", "$lat", "$ld", "$text");
            for (var i = 0; i < batch.Streets.Count; i++)
            {
                var s = batch.Streets[i];
                p[0].Value = firstId + i;
                p[1].Value = s.Departement;
                p[2].Value = s.Voie;
                p[3].Value = s.CodePostal;
                p[4].Value = s.CodeInsee;
                p[5].Value = s.Commune;
                p[6].Value = (object?)s.AncienneCommune ?? DBNull.Value;
                p[7].Value = s.Lon;
                p[8].Value = s.Lat;
                p[9].Value = s.HasNumbers ? 0 : 1;
                p[10].Value = s.SearchText;
                street.ExecuteNonQuery();
            }
        }

        await using (var number = Command("INSERT INTO adresse_numeros (voie_id, numero, rep, lon, lat) VALUES ($v, $n, $r, $lon, $lat)", transaction))
        {
            var p = Parameters(number, "$v", "$n", "$r", "$lon", "$lat");
            foreach (var n in batch.Numbers)
            {
                p[0].Value = firstId + n.StreetIndex;
                p[1].Value = n.Numero;
                p[2].Value = (object?)n.Rep ?? DBNull.Value;
                p[3].Value = n.Lon;
                p[4].Value = n.Lat;
                number.ExecuteNonQuery();
            }
        }

        foreach (var (departement, count) in batch.Departements)
        {
            await using var status = Command(
                "INSERT INTO adresse_departements (departement, fichier, importe_le, adresses, voies) VALUES ($d, $f, $t, $a, $v)", transaction);
            status.Parameters.AddWithValue("$d", departement);
            status.Parameters.AddWithValue("$f", batch.SourceName);
            status.Parameters.AddWithValue("$t", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            status.Parameters.AddWithValue("$a", count);
            status.Parameters.AddWithValue("$v", batch.Streets.Count(s => s.Departement == departement));
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

        await using var command = Command("SELECT departement, fichier, importe_le, adresses, voies FROM adresse_departements ORDER BY departement");
        var list = new List<AddressDepartementStatus>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AddressDepartementStatus(reader.GetString(0), reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return list;
    }

    /// <summary>FTS5: each word as a quoted token (a beginning: followed by *), or its full form; all of them.</summary>
    internal static string MatchExpression(AddressQuery query)
    {
        var terms = query.Words.Select(w =>
        {
            var term = "\"" + w.Word + "\"" + (w.Prefix ? "*" : "");
            return w.Expansion is { } full ? $"({term} OR \"{full}\")" : term;
        });
        if (query.PostalCode is { } cp)
        {
            terms = terms.Append("\"" + cp + "\"");
        }

        return string.Join(" AND ", terms);
    }

    private async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'adresse_departements'");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names)
    {
        var parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        command.Prepare();
        return parameters;
    }
}
