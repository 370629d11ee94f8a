namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// The raw fields of one record of the national standard, whatever the format it came from,
/// keyed by the standard's snake_case names (v0.1 names are resolved by the parser).
/// </summary>
public interface ILmnRecord
{
    /// <summary>The field's text as written (a CSV cell, a JSON string or number); null when the source has no such field.</summary>
    string? Text(string field);

    /// <summary>
    /// The field's values when the source keeps them apart (a JSON array); null otherwise, in
    /// which case the parser splits <see cref="Text"/> on <c>|</c> (or <c>;</c>, v0.1).
    /// </summary>
    IReadOnlyList<string>? Values(string field);
}

/// <summary>
/// A record built field by field: by the JSON reader from an object, by the data.inclusion
/// mapping from a structure and its services. Setting a field again replaces it.
/// </summary>
public sealed class LmnFields : ILmnRecord
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _values = new(StringComparer.Ordinal);

    /// <summary>The text of a field, as <see cref="ILmnRecord.Text"/>; setting null removes it.</summary>
    public string? this[string field]
    {
        get => Text(field);
        set
        {
            _values.Remove(field);
            if (value is null)
            {
                _texts.Remove(field);
            }
            else
            {
                _texts[field] = value;
            }
        }
    }

    /// <summary>Field names that have a value, in no particular order.</summary>
    public IEnumerable<string> Names => _texts.Keys.Concat(_values.Keys);

    public bool Contains(string field) => _texts.ContainsKey(field) || _values.ContainsKey(field);

    /// <summary>Sets a multi-valued field from separate values (kept apart: a value holding <c>|</c> or <c>;</c> is not split).</summary>
    public void SetValues(string field, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _texts.Remove(field);
        _values[field] = values;
    }

    /// <summary>Sets the field only when it has no value yet.</summary>
    public void SetIfAbsent(string field, string? value)
    {
        if (value is not null && !Contains(field))
        {
            _texts[field] = value;
        }
    }

    public string? Text(string field)
    {
        if (_texts.TryGetValue(field, out var text))
        {
            return text;
        }

        // A list read as text is joined the way the CSV form writes it.
        return _values.TryGetValue(field, out var values) ? string.Join('|', values) : null;
    }

    public IReadOnlyList<string>? Values(string field) => _values.GetValueOrDefault(field);
}
