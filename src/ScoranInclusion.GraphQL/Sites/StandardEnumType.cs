using System.Globalization;
using System.Text;
using GraphQL.Types;
using ScoranInclusion.Domain;

namespace ScoranInclusion.GraphQL.Sites;

/// <summary>
/// A closed list of the national standard as a GraphQL enum: each value's name is derived
/// from the standard's label ("Aide aux démarches administratives" →
/// AIDE_AUX_DEMARCHES_ADMINISTRATIVES) and its description is the exact label.
/// </summary>
public abstract class StandardEnumType<T> : EnumerationGraphType where T : struct, Enum
{
    protected StandardEnumType(string name, string description, Vocabulary<T> vocabulary)
    {
        Name = name;
        Description = $"{description} Valeurs du champ « {vocabulary.Name} » du standard des lieux de médiation numérique ; la description de chaque valeur est le libellé exact du standard.";
        foreach (var value in Enum.GetValues<T>())
        {
            var label = vocabulary.Label(value);
            Add(EnumNames.FromLabel(label), value, label);
        }
    }
}

/// <summary>GraphQL enum value names derived from the standard's labels.</summary>
public static class EnumNames
{
    public static string FromLabel(string label)
    {
        var sb = new StringBuilder(label.Length);
        foreach (var c in label.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

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
