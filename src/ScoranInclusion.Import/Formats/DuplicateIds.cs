using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Formats;

/// <summary>How a reader names one of its rows in a message: « la ligne 3 », « l'objet n° 3 (ligne 12) ».</summary>
internal delegate string RowNamer(int rowNumber, int lineNumber);

internal static class RowNames
{
    public static string Csv(int rowNumber, int lineNumber) => $"la ligne {rowNumber}";

    public static string Json(int rowNumber, int lineNumber) => $"l'objet n° {rowNumber} (ligne {lineNumber})";
}

/// <summary>
/// The standard's primary key is <c>id</c>: within one file, the first row kept with an id owns
/// it and a later row with the same id is rejected, its message naming the first. Ids are
/// compared exactly (after the parser's trimming). The set of ids seen grows with the file
/// (some tens of bytes per row).
/// </summary>
internal static class DuplicateIds
{
    public static IEnumerable<ImportRow> Reject(IEnumerable<ImportRow> rows, RowNamer name)
    {
        // Per id: where it was first met, and whether that row was kept.
        var owners = new Dictionary<string, (int Row, int Line, bool Kept)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.IsFileIssue || row.Id is null)
            {
                yield return row;
                continue;
            }

            if (!owners.TryGetValue(row.Id, out var owner))
            {
                owners[row.Id] = (row.RowNumber, row.LineNumber, !row.IsRejected);
                yield return row;
            }
            else if (owner.Kept)
            {
                var issue = new ValidationIssue(SiteFields.Id, row.Id,
                    $"L'identifiant « {row.Id} » est déjà celui de {name(owner.Row, owner.Line)} : cette seconde occurrence est rejetée (un id doit être unique dans le fichier).",
                    ValidationSeverity.Error);
                yield return row with { Site = null, Issues = [.. row.Issues, issue] };
            }
            else
            {
                // The first one was rejected: this one is the only candidate left, kept if it can be.
                if (!row.IsRejected)
                {
                    owners[row.Id] = (row.RowNumber, row.LineNumber, true);
                }

                var issue = new ValidationIssue(SiteFields.Id, row.Id,
                    $"L'identifiant « {row.Id} » figure aussi plus haut, sur {name(owner.Row, owner.Line)}, que des erreurs ont fait rejeter : vérifiez qu'il s'agit bien du même lieu.",
                    ValidationSeverity.Warning);
                yield return row with { Issues = [.. row.Issues, issue] };
            }
        }
    }
}
