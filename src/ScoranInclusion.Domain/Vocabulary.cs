using System.Collections.Frozen;
using System.Text;

namespace ScoranInclusion.Domain;

/// <summary>
/// A closed list of the national standard: each C# enum value has the exact label the
/// standard writes in files. Labels are matched exactly first, then leniently (case,
/// accents, spacing and typographic quotes ignored) so that an import can report a
/// correction instead of rejecting a row.
/// </summary>
public sealed class Vocabulary<T> where T : struct, Enum
{
    private readonly FrozenDictionary<T, string> _labels;
    private readonly FrozenDictionary<string, T> _exact;
    private readonly FrozenDictionary<string, T> _lenient;

    public Vocabulary(string name, IEnumerable<(T Value, string Label)> entries, IEnumerable<(string Alias, T Value)>? aliases = null)
    {
        Name = name;
        var list = entries.ToList();
        _labels = list.ToFrozenDictionary(e => e.Value, e => e.Label);
        _exact = list.ToFrozenDictionary(e => e.Label, e => e.Value, StringComparer.Ordinal);
        var lenient = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (value, label) in list)
        {
            lenient[Normalize(label)] = value;
            lenient[Normalize(value.ToString())] = value;
        }

        foreach (var (alias, value) in aliases ?? [])
        {
            lenient[Normalize(alias)] = value;
        }

        _lenient = lenient.ToFrozenDictionary(StringComparer.Ordinal);
        if (_labels.Count != Enum.GetValues<T>().Length)
        {
            throw new InvalidOperationException($"Vocabulary {name} does not label every value of {typeof(T).Name}.");
        }
    }

    /// <summary>The standard's field name, e.g. <c>services</c>.</summary>
    public string Name { get; }

    public IReadOnlyCollection<T> Values => _labels.Keys;

    public string Label(T value) => _labels[value];

    /// <summary>
    /// The value's name in the API (a GraphQL enum value, the citizen pages' URL parameters), derived from its label:
    /// « Aide aux démarches administratives » → AIDE_AUX_DEMARCHES_ADMINISTRATIVES. Messages that suggest a value
    /// build it from here, so that they cannot name a value that does not exist.
    /// </summary>
    public string ApiName(T value) => StandardNames.FromLabel(_labels[value]);

    public IEnumerable<string> Labels => _labels.Values;

    /// <summary>Exact match on the standard's label.</summary>
    public bool TryParseExact(string label, out T value) => _exact.TryGetValue(label, out value);

    /// <summary>Lenient match: case, accents, punctuation spacing and quotes ignored; also accepts the C# name.</summary>
    public bool TryParseLenient(string label, out T value) => _lenient.TryGetValue(Normalize(label), out value);

    internal static string Normalize(string text) => Text.TextFolding.Key(text);
}

/// <summary>Upper snake case names derived from the standard's labels (accents dropped, punctuation as one underscore).</summary>
public static class StandardNames
{
    public static string FromLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var sb = new StringBuilder(label.Length);
        foreach (var c in Text.TextFolding.RemoveAccents(label))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }

        var name = sb.ToString().TrimEnd('_');
        return char.IsAsciiDigit(name[0]) ? "_" + name : name;
    }
}
