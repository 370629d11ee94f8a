using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>Places in the standard's CSV, and direct reads of a SQLite file as left by a process (no EF, no pool).</summary>
internal static class OperationsData
{
    public static readonly string Header = string.Join(',', SiteFields.All);

    /// <summary>A valid place of Nevers, its position and street from <paramref name="n"/>.</summary>
    public static string Row(string id, string nom, int n)
    {
        var cells = SiteFields.All.ToDictionary(f => f, _ => "");
        cells[SiteFields.Id] = id;
        cells[SiteFields.Pivot] = "00000000000000";
        cells[SiteFields.Nom] = nom;
        cells[SiteFields.Commune] = "Nevers";
        cells[SiteFields.CodePostal] = "58000";
        cells[SiteFields.CodeInsee] = "58194";
        cells[SiteFields.Adresse] = n.ToString(CultureInfo.InvariantCulture) + " rue du Commerce";
        cells[SiteFields.Latitude] = (46.9900 + (n % 100) * 0.0001).ToString("0.0000", CultureInfo.InvariantCulture);
        cells[SiteFields.Longitude] = (3.1500 + (n / 100 % 100) * 0.0001).ToString("0.0000", CultureInfo.InvariantCulture);
        cells[SiteFields.DateMaj] = "2024-04-02";
        cells[SiteFields.Services] = "Accès internet et matériel informatique";
        cells[SiteFields.Horaires] = "\"Mo-Fr 09:00-12:00,14:00-17:00\"";
        return string.Join(',', SiteFields.All.Select(f => cells[f]));
    }

    public static string Csv(IEnumerable<string> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The global id of a place (as the API gives it) from its key.</summary>
    public static string SiteId(long key) => Convert.ToBase64String(Encoding.UTF8.GetBytes("Site:" + key.ToString(CultureInfo.InvariantCulture)));

    public static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
        connection.Open();
        return connection;
    }

    public static string IntegrityCheck(string file)
    {
        using var connection = Open(file);
        return string.Join(" ; ", Rows(connection, "PRAGMA integrity_check;", r => r.GetString(0)));
    }

    public static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Every place, column by column, in key order: equal snapshots mean equal data.</summary>
    public static List<string> SitesSnapshot(string file)
    {
        using var connection = Open(file);
        return Rows(connection, "SELECT * FROM sites ORDER BY Id;", r =>
            string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
    }
}
