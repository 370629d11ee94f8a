using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;

namespace ScoranInclusion.Workflows.Accounts;

/// <summary>
/// Failed logins, counted per (client, e-mail as typed): after <see cref="AccountOptions.MaxFailedLogins"/> failures
/// within <see cref="AccountOptions.LockoutDuration"/>, that pair is refused for <see cref="AccountOptions.LockoutDuration"/>.
/// Never the account for everyone: an attacker who guesses from elsewhere cannot lock a mediator out. The e-mail is a
/// key whether an account has it or not, so a throttled unknown address answers exactly like a throttled known one.
/// Keys are SHA-256 of the pair, in memory only: neither the client's address nor the e-mail is kept in clear.
/// </summary>
/// <remarks>
/// REVIEW: in memory, per process, like the request limiters: with several replicas, each counts its own failures (an
/// attacker gets MaxFailedLogins per replica), which the per-address login limit (RateLimiting:LoginPermitLimit) still
/// bounds. Storing the pairs in the database would write client addresses (even hashed, guessable) to it.
/// </remarks>
public sealed class LoginThrottle(IOptions<AccountOptions> options)
{
    /// <summary>Expired pairs are swept once every this many failures (an attacker's many e-mails cannot grow the table for ever).</summary>
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Pair> _pairs = new(StringComparer.Ordinal);
    private int _failures;

    private AccountOptions Options => options.Value;

    /// <summary>When the pair is refused until, or null when it may try.</summary>
    public DateTimeOffset? BlockedUntil(string client, string email, DateTimeOffset now)
    {
        if (!_pairs.TryGetValue(Key(client, email), out var pair))
        {
            return null;
        }

        lock (pair)
        {
            return pair.BlockedUntil is { } until && until > now ? until : null;
        }
    }

    /// <summary>Counts a failure; the end of the block when this failure reaches the limit, otherwise null.</summary>
    public DateTimeOffset? Fail(string client, string email, DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _failures) % SweepEvery == 0)
        {
            Sweep(now);
        }

        var pair = _pairs.GetOrAdd(Key(client, email), _ => new Pair());
        lock (pair)
        {
            if (pair.BlockedUntil is { } until && until > now)
            {
                // Checked blocked a moment ago by a parallel request: the block stands as it is.
                return until;
            }

            // A new window after the previous one (or a block) ended.
            if (pair.BlockedUntil is not null || now - pair.WindowStart >= Options.LockoutDuration)
            {
                pair.WindowStart = now;
                pair.Failures = 0;
                pair.BlockedUntil = null;
            }

            pair.Failures++;
            pair.LastSeen = now;
            if (pair.Failures >= Options.MaxFailedLogins)
            {
                pair.BlockedUntil = now + Options.LockoutDuration;
                return pair.BlockedUntil;
            }

            return null;
        }
    }

    /// <summary>A success forgets the pair's failures.</summary>
    public void Succeed(string client, string email) => _pairs.TryRemove(Key(client, email), out _);

    /// <summary>How many pairs are remembered (tests, metrics).</summary>
    public int Count => _pairs.Count;

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, pair) in _pairs)
        {
            lock (pair)
            {
                var blocked = pair.BlockedUntil is { } until && until > now;
                if (!blocked && now - pair.LastSeen >= Options.LockoutDuration)
                {
                    _pairs.TryRemove(key, out _);
                }
            }
        }
    }

    private static string Key(string client, string email) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(client + "\n" + email)));

    private sealed class Pair
    {
        public int Failures { get; set; }

        public DateTimeOffset WindowStart { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset? BlockedUntil { get; set; }
    }
}
