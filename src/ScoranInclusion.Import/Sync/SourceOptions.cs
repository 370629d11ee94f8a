using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Import.Sync;

/// <summary>One configured source, <c>Sources:&lt;nom&gt;:…</c>; defaults in code.</summary>
public sealed class SourceOptions
{
    /// <summary>The region's eight départements.</summary>
    public const string RegionDepartements = "21,25,39,58,70,71,89,90";

    /// <summary>An <c>https://</c> address, or a local file path (relative: to the working folder).</summary>
    public string Url { get; set; } = "";

    /// <summary>An import format's name (<c>lmn-csv</c>, <c>lmn-json</c>, <c>data-inclusion</c>, <c>mednum-bfc</c>…).</summary>
    public string Format { get; set; } = "";

    /// <summary>What its records are stored under; default: the source's name.</summary>
    public string? Provenance { get; set; }

    /// <summary>The départements kept, comma-separated; rows elsewhere are skipped and counted, not rejected.</summary>
    public string Departements { get; set; } = RegionDepartements;

    /// <summary>The time between two runs inside the server (<c>Sync:Enabled</c>).</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromHours(24);

    /// <summary>False: the source stays configured but is never run (neither by the server nor by the <c>sync</c> verb without its name).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The <c>Sources</c> section: one <see cref="SourceOptions"/> per name (<c>Sources:lmn-national:Url</c>). Names are
/// compared without regard to case, as configuration keys are.
/// </summary>
public sealed class SourcesOptions : Dictionary<string, SourceOptions>
{
    public const string Section = "Sources";

    public SourcesOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}

/// <summary>Each source's keys checked at start, with French messages naming the key and the value.</summary>
internal sealed partial class SourcesOptionsValidation(IConfiguration? configuration = null) : IValidateOptions<SourcesOptions>
{
    /// <summary>As long as a provenance or a lease's name may be.</summary>
    public const int MaxNameLength = 100;

    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        var problems = new List<string>();
        foreach (var (source, settings) in options.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            var prefix = SourcesOptions.Section + ":" + source + ":";
            string Shown(string property, string? value) => configuration?[prefix + property] ?? value ?? "";

            if (!SourceName().IsMatch(source))
            {
                problems.Add(SettingRules.Problem(SourcesOptions.Section + ":" + source, source,
                    $"nom de source invalide : lettres, chiffres, tirets et soulignés, {MaxNameLength} caractères au plus"));
            }

            if (UrlProblem(settings.Url) is { } urlProblem)
            {
                problems.Add(SettingRules.Problem(prefix + nameof(SourceOptions.Url), Shown(nameof(SourceOptions.Url), settings.Url), urlProblem));
            }

            if (!ImportFormats.TryParse(settings.Format, out _))
            {
                problems.Add(SettingRules.Problem(prefix + nameof(SourceOptions.Format), Shown(nameof(SourceOptions.Format), settings.Format),
                    "format d'import inconnu ; valeurs possibles : " + string.Join(", ", ImportFormats.CliNames)));
            }

            var provenance = SourceCatalog.ProvenanceOf(source, settings);
            if (provenance.Length > MaxNameLength || provenance == SiteEdits.Provenance)
            {
                problems.Add(SettingRules.Problem(prefix + nameof(SourceOptions.Provenance), Shown(nameof(SourceOptions.Provenance), provenance),
                    provenance == SiteEdits.Provenance
                        ? "provenance réservée aux modifications faites dans l'API ; donnez un autre nom"
                        : $"attendu un nom de {MaxNameLength} caractères au plus"));
            }

            if (SourceCatalog.DepartementsOf(settings.Departements) is not { Count: > 0 } departements
                || departements.Any(d => !DepartementCode().IsMatch(d)))
            {
                problems.Add(SettingRules.Problem(prefix + nameof(SourceOptions.Departements), Shown(nameof(SourceOptions.Departements), settings.Departements),
                    "attendu des codes de département séparés par des virgules (par exemple 21,25,39,58,70,71,89,90)"));
            }

            if (settings.Every <= TimeSpan.Zero)
            {
                problems.Add(SettingRules.Problem(prefix + nameof(SourceOptions.Every),
                    Shown(nameof(SourceOptions.Every), settings.Every.ToString("c", CultureInfo.InvariantCulture)),
                    "attendu une durée positive (jours.heures:minutes:secondes, par exemple 1.00:00:00 pour chaque jour)"));
            }
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <summary>
    /// Null when <paramref name="url"/> is an <c>https://</c> address or a local path. Plain <c>http://</c> is accepted
    /// only towards this machine (a local mirror, the tests): elsewhere the file could be changed on the way.
    /// </summary>
    private static string? UrlProblem(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "adresse manquante : une adresse https:// ou un chemin de fichier";
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
                ? null
                : "attendu une adresse https:// (http:// seulement vers cette machine) ou un chemin de fichier";
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex SourceName();

    [GeneratedRegex("^([0-9]{2}|2A|2B|97[0-9])$")]
    private static partial Regex DepartementCode();
}
