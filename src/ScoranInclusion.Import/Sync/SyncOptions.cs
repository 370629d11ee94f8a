using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;

namespace ScoranInclusion.Import.Sync;

/// <summary>Bound from the <c>Sync</c> section: how configured sources (<c>Sources:&lt;nom&gt;</c>) are fetched and imported; defaults in code.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>
    /// Runs each enabled source on its own schedule inside the server. Off by default: a first <c>dotnet run</c>
    /// starts from the seeded directory, without any network access. The <c>sync</c> verb works either way.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The share of a source's places one run may withdraw (0 to 1). Beyond it nothing is withdrawn and the run is
    /// marked suspicious: a truncated download must never empty the directory.
    /// </summary>
    public double MaxWithdrawShare { get; set; } = 0.10;

    /// <summary>The longest one download attempt may take, headers and body.</summary>
    [Positive]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest the connection to the source may take to open.</summary>
    [Positive]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest file accepted, in bytes, after decompression (1 Gio).</summary>
    [Positive]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>Attempts after the first one when the source does not answer, times out or answers 5xx or 429.</summary>
    [NotNegative]
    public int Retries { get; set; } = 3;

    /// <summary>The wait before the first retry; doubled before each next one.</summary>
    [Positive]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim on a source (table <c>sync_leases</c>) lasts without being renewed; renewed every third of it while a run works.</summary>
    [Positive]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the server looks for a source whose <c>Every</c> has elapsed.</summary>
    [Positive]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>What the attributes cannot say: the share is between 0 and 1, retries stay few.</summary>
internal sealed class SyncOptionsValidation(IConfiguration? configuration = null) : IValidateOptions<SyncOptions>
{
    public const int MaxRetries = 10;

    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var problems = new List<string>();
        if (!double.IsFinite(options.MaxWithdrawShare) || options.MaxWithdrawShare < 0 || options.MaxWithdrawShare > 1)
        {
            problems.Add(SettingRules.Problem(
                SyncOptions.Section + ":" + nameof(SyncOptions.MaxWithdrawShare),
                Raw(nameof(SyncOptions.MaxWithdrawShare)) ?? options.MaxWithdrawShare.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "attendu une part entre 0 et 1 (point décimal, par exemple 0.10 pour 10 %)"));
        }

        if (options.Retries > MaxRetries)
        {
            problems.Add(SettingRules.Problem(
                SyncOptions.Section + ":" + nameof(SyncOptions.Retries),
                Raw(nameof(SyncOptions.Retries)) ?? options.Retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"attendu un nombre entre 0 et {MaxRetries}"));
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private string? Raw(string property) => configuration?[SyncOptions.Section + ":" + property];
}
