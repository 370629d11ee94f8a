namespace ScoranInclusion.Bench;

/// <summary>The options of a verb: <c>--name value</c> pairs and flags.</summary>
internal static class VerbArgs
{
    public static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static bool Flag(string[] args, string name) => args.Contains(name);

    /// <summary>quick or full; anything else is refused.</summary>
    public static string Mode(string[] args)
    {
        var mode = Option(args, "--mode") ?? "quick";
        return mode is "quick" or "full" ? mode : throw new ArgumentException($"--mode attend quick ou full, pas « {mode} ».");
    }

    public static int[]? IntList(string[] args, string name) =>
        Option(args, name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => int.Parse(v.Replace("_", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>The machine's load average (1, 5, 15 min) from /proc/loadavg.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Progress on stderr, timestamped (stdout is the Markdown section).</summary>
    public static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
