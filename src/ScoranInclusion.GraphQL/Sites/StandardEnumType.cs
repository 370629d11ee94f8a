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

/// <summary>GraphQL enum value names derived from the standard's labels (<see cref="Vocabulary{T}.ApiName(T)"/>).</summary>
public static class EnumNames
{
    public static string FromLabel(string label) => StandardNames.FromLabel(label);
}
