using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ScoranInclusion.Server.Tests.Performance;

/// <summary>
/// Counts the SQL commands EF Core sends on behalf of the code that runs inside <see cref="Measure"/>, through EF
/// Core's <see cref="DiagnosticListener"/>: an <see cref="AsyncLocal{T}"/> marks the test's flow, which reaches the
/// request when the test server preserves the execution context, so the commands of other tests and of the server's
/// background work are never counted. One subscription for the test process (two would count each command twice).
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly AsyncLocal<List<string>?> Current = new();
    private static readonly Lazy<IDisposable> Subscription = new(() => DiagnosticListener.AllListeners.Subscribe(new SqlCommandCounter()));

    private SqlCommandCounter()
    {
    }

    /// <summary>The text of every command sent while <paramref name="action"/> ran.</summary>
    public static async Task<IReadOnlyList<string>> Measure(Func<Task> action)
    {
        _ = Subscription.Value;
        var commands = new List<string>();
        Current.Value = commands;
        try
        {
            await action();
        }
        finally
        {
            Current.Value = null;
        }

        lock (commands)
        {
            return [.. commands];
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            // Kept for the process's lifetime, as the subscription.
            _ = value.Subscribe(this);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && Current.Value is { } commands && value.Value is CommandEventData { Command: DbCommand command })
        {
            lock (commands)
            {
                commands.Add(command.CommandText);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
