namespace ScoranInclusion.Server.Cli;

/// <summary>A command line the verbs cannot run: exit code 2, the message and the verb's usage on stderr.</summary>
internal sealed class CliUsageException(string message, string? verb = null) : Exception(message)
{
    public string? Verb { get; } = verb;
}

/// <summary>
/// One verb's command line, parsed by hand (no package): positional files, the verb's own
/// options (<c>--name value</c> or <c>--name=value</c>; flags take no value), and the host's
/// configuration switches, passed on as <c>--Key:Sub=value</c>. A configuration switch is
/// told from a misspelt option by its <c>:</c> (<c>--ConnectionStrings:Scoran=…</c>,
/// <c>--Storage:SeedOnStart=false</c>) or by being one of the host's own keys
/// (<c>--environment</c>, <c>--contentRoot</c>); anything else is an unknown option.
/// </summary>
internal sealed class CliArguments
{
    private static readonly HashSet<string> s_hostKeys = new(StringComparer.OrdinalIgnoreCase) { "environment", "contentRoot", "applicationName" };

    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CliArguments(string verb) => Verb = verb;

    public string Verb { get; }

    public List<string> Files { get; } = [];

    /// <summary>The configuration switches, each as one <c>--Key=value</c> argument.</summary>
    public List<string> HostArgs { get; } = [];

    public bool Help { get; private set; }

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Value(string option) => _options.GetValueOrDefault(option);

    /// <param name="args">The whole command line, the verb first.</param>
    /// <param name="options">The verb's options, each with whether it takes a value.</param>
    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, bool> options)
    {
        var parsed = new CliArguments(args[0]);
        var endOfOptions = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (endOfOptions || arg == "-" || !arg.StartsWith('-'))
            {
                parsed.Files.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                endOfOptions = true;
                continue;
            }

            if (arg is "-h" or "--help" or "-?")
            {
                parsed.Help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new CliUsageException($"option inconnue : {arg}", parsed.Verb);
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            var inline = equals < 0 ? null : arg[(equals + 1)..];
            if (options.TryGetValue(name, out var takesValue))
            {
                if (parsed._options.ContainsKey(name))
                {
                    throw new CliUsageException($"l'option --{name} est donnée deux fois", parsed.Verb);
                }

                if (!takesValue && inline is not null)
                {
                    throw new CliUsageException($"l'option --{name} ne prend pas de valeur", parsed.Verb);
                }

                parsed._options[name] = takesValue ? inline ?? NextValue(args, ref i, name, parsed.Verb) : null;
            }
            else if (name.Contains(':', StringComparison.Ordinal) || s_hostKeys.Contains(name))
            {
                parsed.HostArgs.Add($"--{name}={inline ?? NextValue(args, ref i, name, parsed.Verb)}");
            }
            else
            {
                throw new CliUsageException($"option inconnue : --{name}", parsed.Verb);
            }
        }

        return parsed;
    }

    private static string NextValue(IReadOnlyList<string> args, ref int i, string name, string verb)
    {
        if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
        {
            throw new CliUsageException($"l'option --{name} attend une valeur", verb);
        }

        return args[++i];
    }
}
