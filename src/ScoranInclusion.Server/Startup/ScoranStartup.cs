namespace ScoranInclusion.Server.Startup;

/// <summary>What the server does between building and listening, and its background work.</summary>
public static class ScoranStartup
{
    /// <summary>
    /// Checks the configuration (a bad key: a French message naming it, exit 2, never a stack trace), then migrates,
    /// seeds on first start and loads the search index (a database that does not answer: exit 3). Null when all is well.
    /// </summary>
    public static async Task<int?> CheckAndPrepareAsync(WebApplication app, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!ConfigurationChecks.Validate(app.Services, stderr))
        {
            return ConfigurationChecks.ExitCode;
        }

        return await StartupFailures.PrepareDatabaseAsync(app, stderr) ? null : StartupFailures.DatabaseExitCode;
    }

    /// <summary>
    /// The series top-up (weekly series get their next weeks), the purge of reporters' old contact details, the
    /// outbox's sender, the scheduled sync of configured sources (idle unless <c>Sync:Enabled</c>) and the daily
    /// listing reminders (idle unless <c>Reminders:Enabled</c>).
    /// </summary>
    public static IServiceCollection AddScoranBackgroundWork(this IServiceCollection services)
    {
        services.AddHostedService<Mail.MailOutboxService>();
        services.AddHostedService<Mail.ModerationDigestService>();
        services.AddHostedService<SeriesTopUpService>();
        services.AddHostedService<ContactPurgeService>();
        services.AddHostedService<SyncScheduleService>();
        services.AddHostedService<ReminderScheduleService>();
        return services;
    }
}
