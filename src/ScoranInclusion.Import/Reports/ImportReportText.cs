using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Reports;

/// <summary>The console form of <see cref="ImportReport"/>, in French.</summary>
internal static class ImportReportText
{
    public static void Write(ImportReport report, TextWriter writer, int maxIssueLines, string? moreHint)
    {
        var title = report.Source is null ? "Import" : $"Import de « {report.Source} »";
        if (report.Format is { } format)
        {
            title += $" ({ImportFormats.Describe(format)})";
        }

        writer.WriteLine(title);
        writer.WriteLine($"  {Rows(report)} : {ImportReport.Number(report.RowsRead)}");
        var accepted = $"  Acceptées : {ImportReport.Number(report.Accepted)}";
        if (report.AcceptedWithCorrections > 0)
        {
            accepted += $", dont {ImportReport.Number(report.AcceptedWithCorrections)} avec corrections (valeur corrigée ou valeur invalide écartée)";
        }

        writer.WriteLine(accepted);
        writer.WriteLine($"  Rejetées : {ImportReport.Number(report.Rejected)}");
        writer.WriteLine(
            $"  Problèmes : {Count(report.Errors, "erreur")}, {Count(report.Warnings, "avertissement")}, {Count(report.Corrections, "correction")}");
        if (report.FileErrors + report.FileWarnings > 0)
        {
            writer.WriteLine($"  Dont sur le fichier entier : {Count(report.FileErrors, "erreur")}, {Count(report.FileWarnings, "avertissement")}");
        }

        foreach (var (name, value) in report.Counters)
        {
            writer.WriteLine($"  {name} : {ImportReport.Number(value)}");
        }

        var fields = report.Fields;
        if (fields.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Par champ :");
            var width = fields.Max(f => f.Field.Length);
            foreach (var field in fields)
            {
                var parts = new List<string>();
                if (field.Errors > 0)
                {
                    parts.Add(Count(field.Errors, "erreur"));
                }

                if (field.Warnings > 0)
                {
                    parts.Add(Count(field.Warnings, "avertissement"));
                }

                if (field.Corrections > 0)
                {
                    parts.Add(Count(field.Corrections, "correction"));
                }

                writer.WriteLine($"  {field.Field.PadRight(width)} : {string.Join(", ", parts)}");
            }
        }

        if (report.Issues.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("Détail :");

        // File-level issues first: they explain the rest.
        var ordered = report.Issues.Where(i => i.FileLevel).Concat(report.Issues.Where(i => !i.FileLevel));
        var written = 0;
        (int Row, bool File)? current = null;
        foreach (var issue in ordered)
        {
            if (written >= maxIssueLines)
            {
                break;
            }

            if (current != (issue.Row, issue.FileLevel))
            {
                current = (issue.Row, issue.FileLevel);
                writer.WriteLine($"  {Heading(report.Format, issue)}");
            }

            var value = issue.Value is null ? "" : $" « {OneLine(issue.Value)} »";
            var field = issue.FileLevel || issue.Field == ImportRow.RowField ? "" : $"{issue.Field}{value} : ";
            writer.WriteLine($"    [{Severity(issue.Severity)}] {field}{issue.Message}");
            written++;
        }

        var remaining = report.Issues.Count + report.IssuesOmitted - written;
        if (remaining > 0)
        {
            var hint = string.IsNullOrEmpty(moreHint) ? "" : $", {moreHint}";
            writer.WriteLine($"  … et {ImportReport.Number(remaining)} {(remaining == 1 ? "autre" : "autres")}{hint}");
        }
    }

    private static string Rows(ImportReport report) =>
        report.Format is ImportFormat.LmnJson or ImportFormat.DataInclusion ? "Objets lus" : "Lignes lues";

    private static string Heading(ImportFormat? format, ImportReportIssue issue)
    {
        if (issue.FileLevel)
        {
            return issue.Line > 0 ? $"Fichier (ligne {issue.Line}) :" : "Fichier :";
        }

        var json = format is ImportFormat.LmnJson or ImportFormat.DataInclusion;
        var where = new List<string>();
        if (json)
        {
            where.Add($"ligne {issue.Line}");
        }
        else if (issue.Line > 0 && issue.Line != issue.Row)
        {
            where.Add($"ligne {issue.Line} du fichier");
        }

        if (issue.Id is not null)
        {
            where.Add($"id « {OneLine(LmnRecordParser.Excerpt(issue.Id, 40))} »");
        }

        var name = json ? $"Objet n° {issue.Row}" : $"Ligne {issue.Row}";
        var details = where.Count > 0 ? $" ({string.Join(", ", where)})" : "";
        var rejected = issue.RowRejected ? (json ? " — rejeté" : " — rejetée") : "";
        return $"{name}{details}{rejected} :";
    }

    private static string Severity(ValidationSeverity severity) => severity switch
    {
        ValidationSeverity.Error => "erreur",
        ValidationSeverity.Warning => "avertissement",
        _ => "correction",
    };

    private static string Count(long count, string noun) => $"{ImportReport.Number(count)} {noun}{(count > 1 ? "s" : "")}";

    /// <summary>A value on one console line: line breaks and tabs shown as symbols, other control characters dropped.</summary>
    private static string OneLine(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\n' => "⏎",
                '\r' => "",
                '\t' => "⇥",
                _ when char.IsControl(c) => "",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
