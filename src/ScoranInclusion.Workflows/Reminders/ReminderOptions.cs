using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;

namespace ScoranInclusion.Workflows.Reminders;

/// <summary>
/// Bound from the <c>Reminders</c> section: « votre fiche est-elle toujours juste ? », mailed to the mediators of a
/// place that nobody confirmed or updated for a while (the same signs as the pages' freshness).
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>The most reminders of a round that can be asked for.</summary>
    public const int MostReminders = 10;

    /// <summary>How long the link « Rien n'a changé » of a mail works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(30);

    /// <summary>Whether the server runs the reminders itself, once a day (the <c>reminders</c> verb works either way).</summary>
    public bool Enabled { get; set; }

    /// <summary>Months after the latest sign of freshness (confirmation, edit, source date) before the first reminder.</summary>
    [Positive]
    [Between(1, FreshnessOptions.MaxMonths)]
    public int After { get; set; } = 6;

    /// <summary>The wait between two reminders of a round.</summary>
    [Positive]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Reminders of a round at most; then none until the place is confirmed or updated.</summary>
    [Positive]
    [Between(1, MostReminders)]
    public int MaxReminders { get; set; } = 4;

    /// <summary>Places without any mediator account: remind them at their public <c>courriels</c>, with a « c'est mon lieu » link.</summary>
    public bool ContactPlaces { get; set; }

    /// <summary>The hour (Paris time, 0 to 23) of the server's daily run.</summary>
    [Between(0, 23)]
    public int Hour { get; set; } = 9;
}

/// <summary>The section's rules, and what only makes sense with the freshness rule (reminders before « à vérifier »).</summary>
internal sealed class ReminderOptionsValidation(IConfiguration? configuration = null) : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var problems = new List<string>(SettingRules.Problems(options, ReminderOptions.Section, key => configuration?[key]));
        if (options.Interval > TimeSpan.Zero && options.Interval < TimeSpan.FromDays(1))
        {
            problems.Add(SettingRules.Problem("Reminders:Interval", configuration?["Reminders:Interval"] ?? options.Interval.ToString(),
                "attendu au moins un jour (1.00:00:00) : une relance par courriel plus fréquente ressemblerait à du harcèlement"));
        }

        var staleAfter = int.TryParse(configuration?[FreshnessOptions.Section + ":StaleAfter"], NumberStyles.None, CultureInfo.InvariantCulture, out var months)
            ? months
            : SiteFreshness.DefaultStaleAfterMonths;
        if (options.After >= staleAfter && staleAfter > 0)
        {
            problems.Add(SettingRules.Problem("Reminders:After", configuration?["Reminders:After"] ?? options.After.ToString(CultureInfo.InvariantCulture),
                $"attendu moins de mois que Freshness:StaleAfter ({staleAfter}) : les médiateurs doivent être relancés avant que la fiche ne s'affiche « Informations à vérifier »"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public static class ReminderServiceCollectionExtensions
{
    /// <summary>The listing reminders (<see cref="ListingReminders"/>) and their options, checked at start.</summary>
    public static IServiceCollection AddScoranReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidation>());
        services.AddScoped<ListingReminders>();
        return services;
    }
}
