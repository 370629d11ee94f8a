using ScoranInclusion.Import.Formats;

namespace ScoranInclusion.Import.Reports;

/// <summary>
/// Prints where a long import stands, at most once per <see cref="Interval"/>: rows read,
/// rows per second, and the share of the file read when its size is known
/// (« 12 345 lignes lues · 4 321 lignes/s · 37 % »). On a terminal the line is rewritten in
/// place; elsewhere (a log, when forced) each report is a line. Nothing is printed when it is
/// not enabled, nor for an import quicker than the interval.
/// </summary>
public sealed class ImportProgressPrinter : IProgress<ImportProgress>
{
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly long _started;
    private long? _lastPrinted;
    private int _lastLength;

    /// <param name="output">Where to print: standard error, so that standard output stays the command's result.</param>
    /// <param name="enabled">False to print nothing (the output is not a terminal and printing was not forced).</param>
    /// <param name="rewriteLine">True on a terminal: each report replaces the previous one (carriage return).</param>
    /// <param name="timeProvider">The clock (tests give a fake one); default: the system's.</param>
    public ImportProgressPrinter(TextWriter output, bool enabled = true, bool rewriteLine = false, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        Enabled = enabled;
        RewriteLine = rewriteLine;
        _time = timeProvider ?? TimeProvider.System;
        _started = _time.GetTimestamp();
    }

    public bool Enabled { get; }

    public bool RewriteLine { get; }

    /// <summary>The shortest time between two prints; one second by default.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A printer on standard error, enabled when it is a terminal (not redirected to a file or
    /// a pipe) or when <paramref name="force"/> is set.
    /// </summary>
    public static ImportProgressPrinter ForConsole(bool force = false)
    {
        var terminal = !Console.IsErrorRedirected;
        return new ImportProgressPrinter(Console.Error, terminal || force, rewriteLine: terminal);
    }

    public void Report(ImportProgress value)
    {
        if (!Enabled)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (value.Completed)
        {
            // A summary line only closes a progress display that was shown.
            if (_lastPrinted is not null)
            {
                Print(Line(value, now, completed: true), final: true);
            }

            return;
        }

        if (_time.GetElapsedTime(_lastPrinted ?? _started, now) < Interval)
        {
            return;
        }

        _lastPrinted = now;
        Print(Line(value, now, completed: false), final: false);
    }

    private string Line(ImportProgress value, long now, bool completed)
    {
        var elapsed = _time.GetElapsedTime(_started, now);
        var rate = elapsed.TotalSeconds > 0 ? value.Rows / elapsed.TotalSeconds : 0;
        var rows = $"{ImportReport.Number(value.Rows)} {(value.Rows > 1 ? "lignes lues" : "ligne lue")}";
        var speed = $"{ImportReport.Number((long)Math.Round(rate))} lignes/s";
        if (completed)
        {
            return $"Lecture terminée : {rows} en {ImportReport.Number(elapsed.TotalSeconds, "0.0")} s ({speed}).";
        }

        var share = value.Fraction is { } fraction
            ? $"{ImportReport.Number(fraction * 100, "0")} %"
            : $"{ImportReport.Number(value.BytesRead / (1024.0 * 1024.0), "0.0")} Mo lus";
        return $"{rows} · {speed} · {share}";
    }

    private void Print(string line, bool final)
    {
        if (RewriteLine)
        {
            // Spaces wipe what a longer previous line left on the terminal.
            _output.Write("\r" + line.PadRight(_lastLength));
            _lastLength = line.Length;
            if (final)
            {
                _output.WriteLine();
            }
        }
        else
        {
            _output.WriteLine(line);
        }

        _output.Flush();
    }
}
