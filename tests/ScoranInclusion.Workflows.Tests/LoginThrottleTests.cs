using Microsoft.Extensions.Options;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Moderation;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Workflows.Tests;

/// <summary>The throttle of failed logins: per (client, e-mail), for a while, never the e-mail for every client.</summary>
public sealed class LoginThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly AccountOptions Options = new() { MaxFailedLogins = 3, LockoutDuration = TimeSpan.FromMinutes(15) };

    [Fact]
    public void The_limit_blocks_one_client_for_one_email_for_the_lockout_duration()
    {
        var throttle = new LoginThrottle(Microsoft.Extensions.Options.Options.Create(Options));
        Assert.Null(throttle.Fail("a", "x@example.org", Start));
        Assert.Null(throttle.Fail("a", "x@example.org", Start.AddMinutes(1)));
        Assert.Equal(Start.AddMinutes(17), throttle.Fail("a", "x@example.org", Start.AddMinutes(2)));

        Assert.Equal(Start.AddMinutes(17), throttle.BlockedUntil("a", "x@example.org", Start.AddMinutes(10)));
        // Another client, another e-mail: free.
        Assert.Null(throttle.BlockedUntil("b", "x@example.org", Start.AddMinutes(10)));
        Assert.Null(throttle.BlockedUntil("a", "y@example.org", Start.AddMinutes(10)));
        // The block ends, and the count starts again.
        Assert.Null(throttle.BlockedUntil("a", "x@example.org", Start.AddMinutes(17)));
        Assert.Null(throttle.Fail("a", "x@example.org", Start.AddMinutes(18)));
    }

    [Fact]
    public void Failures_spread_over_more_than_the_window_do_not_block_and_a_success_forgets_them()
    {
        var throttle = new LoginThrottle(Microsoft.Extensions.Options.Options.Create(Options));
        Assert.Null(throttle.Fail("a", "x@example.org", Start));
        Assert.Null(throttle.Fail("a", "x@example.org", Start.AddMinutes(5)));
        Assert.Null(throttle.Fail("a", "x@example.org", Start.AddMinutes(16)));

        Assert.Null(throttle.Fail("a", "z@example.org", Start));
        Assert.Null(throttle.Fail("a", "z@example.org", Start));
        throttle.Succeed("a", "z@example.org");
        Assert.Null(throttle.Fail("a", "z@example.org", Start));
        Assert.Null(throttle.Fail("a", "z@example.org", Start));
        Assert.NotNull(throttle.Fail("a", "z@example.org", Start));
    }

    [Fact]
    public void Forgotten_pairs_are_swept_so_many_emails_do_not_grow_memory_for_ever()
    {
        var throttle = new LoginThrottle(Microsoft.Extensions.Options.Options.Create(Options));
        for (var i = 0; i < 2000; i++)
        {
            throttle.Fail("a", $"x{i}@example.org", Start);
        }

        Assert.Equal(2000, throttle.Count);
        // An hour later, the next sweep (every 1,024 failures) forgets every pair whose window ended.
        for (var i = 0; i < 1024; i++)
        {
            throttle.Fail("b", "y@example.org", Start.AddHours(1));
        }

        Assert.True(throttle.Count < 10, $"{throttle.Count} paires gardées");
    }
}
