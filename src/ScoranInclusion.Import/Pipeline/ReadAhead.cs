using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ScoranInclusion.Import.Pipeline;

/// <summary>
/// Enumerates a sequence on a thread of its own, up to <c>capacity</c> items ahead of the
/// consumer: reading and validating a file's rows overlaps with writing the previous ones. The
/// items come in the source's order; an exception of the source is thrown to the consumer when it
/// reaches that point; the consumer stopping (or failing) stops the source and disposes it.
/// </summary>
internal static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int capacity, CancellationToken cancellationToken)
    {
        if (capacity <= 0)
        {
            foreach (var item in source)
            {
                yield return item;
            }

            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var buffer = new BlockingCollection<T>(capacity);
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var item in source)
                    {
                        buffer.Add(item, stop.Token);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The consumer stopped: nothing more to read.
                }
#pragma warning disable CA1031 // Any failure of the reader is handed to the consumer, as is.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
                finally
                {
                    buffer.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var item in buffer.GetConsumingEnumerable(cancellationToken))
            {
                yield return item;
            }

            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Wait(CancellationToken.None);
        }
    }
}
