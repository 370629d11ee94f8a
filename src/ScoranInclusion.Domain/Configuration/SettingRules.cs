using System.Globalization;
using System.Reflection;

namespace ScoranInclusion.Domain.Configuration;

/// <summary>
/// A rule on one setting of an options class (<c>Section:Property</c>), with what the operator is told when a value
/// breaks it. The rules sit on the options' properties, so that the class is the one place that says what a key
/// accepts: its validator (<c>IValidateOptions</c>, next to the class) reports them through <see cref="SettingRules"/>,
/// and the start-up reuses them to explain a value the configuration binder could not even convert.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public abstract class SettingRuleAttribute : Attribute
{
    /// <summary>True when <paramref name="value"/> (bound from <paramref name="raw"/>, null when the key is absent) is accepted.</summary>
    public abstract bool Accepts(object? value, string? raw);

    /// <summary>What follows « clé = « valeur » : » in the message, in French, for a property of <paramref name="type"/>.</summary>
    public abstract string Explain(Type type);
}

/// <summary>A number strictly above zero (a finite one for decimals), or a duration longer than zero.</summary>
public sealed class PositiveAttribute : SettingRuleAttribute
{
    public override bool Accepts(object? value, string? raw) => value switch
    {
        int i => i > 0,
        long l => l > 0,
        double d => double.IsFinite(d) && d > 0,
        TimeSpan t => t > TimeSpan.Zero,
        _ => true,
    };

    public override string Explain(Type type) =>
        type == typeof(double) ? "attendu un nombre strictement positif (point décimal)"
        : type == typeof(TimeSpan) ? "attendu une durée positive (jours.heures:minutes:secondes, par exemple 30.00:00:00 ou 00:15:00)"
        : "attendu un nombre entier strictement positif";
}

/// <summary>A number at or above zero (a finite one for decimals).</summary>
public sealed class NotNegativeAttribute : SettingRuleAttribute
{
    public override bool Accepts(object? value, string? raw) => value switch
    {
        int i => i >= 0,
        double d => double.IsFinite(d) && d >= 0,
        _ => true,
    };

    public override string Explain(Type type) =>
        type == typeof(double) ? "attendu un nombre positif ou nul (point décimal)" : "attendu un nombre entier positif ou nul";
}

/// <summary>A whole number between two bounds, both included (put <see cref="PositiveAttribute"/> first: zero and below are told that).</summary>
public sealed class BetweenAttribute(int minimum, int maximum) : SettingRuleAttribute
{
    public override bool Accepts(object? value, string? raw) => value is not int i || (i >= minimum && i <= maximum);

    public override string Explain(Type type) =>
        string.Create(CultureInfo.InvariantCulture, $"attendu un nombre entre {minimum} et {maximum}");
}

/// <summary>
/// One of the names of an enumeration, in any case. The binder also takes a number (« 7 ») and turns it into a value
/// nobody named: only names are accepted.
/// </summary>
public sealed class NamedValueAttribute : SettingRuleAttribute
{
    public override bool Accepts(object? value, string? raw) =>
        value is not Enum e || (Enum.IsDefined(e.GetType(), e) && !(raw?.Trim() is { Length: > 0 } text && char.IsAsciiDigit(text[0])));

    public override string Explain(Type type)
    {
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        return "valeur inconnue ; valeurs possibles : " + string.Join(", ", Enum.GetNames(enumType));
    }
}

/// <summary>Empty, or an absolute <c>http://</c> or <c>https://</c> address.</summary>
public sealed class HttpAddressAttribute(string example) : SettingRuleAttribute
{
    public override bool Accepts(object? value, string? raw) =>
        value is not string text || string.IsNullOrWhiteSpace(text)
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    public override string Explain(Type type) => $"ce n'est pas une adresse http:// ou https:// (par exemple {example})";
}

/// <summary>The messages of the rules on an options class's properties: « Section:Clé = « valeur » : attendu … ».</summary>
public static class SettingRules
{
    /// <summary>
    /// Every property of <paramref name="options"/> that breaks one of its rules (its first broken rule only), as one
    /// sentence naming the key and the value as the operator wrote it (<paramref name="raw"/>: the configuration's text
    /// for a key, null when unknown).
    /// </summary>
    public static IReadOnlyList<string> Problems(object options, string section, Func<string, string?>? raw = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = section + ":" + property.Name;
            var value = property.GetValue(options);
            var text = raw?.Invoke(key);
            foreach (var rule in property.GetCustomAttributes<SettingRuleAttribute>())
            {
                if (!rule.Accepts(value, text))
                {
                    problems.Add(Problem(key, text ?? Show(value), rule.Explain(property.PropertyType)));
                    break;
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// What is expected of <paramref name="property"/> when its value could not even be converted: its first rule's
    /// words, « true ou false » for a switch, the names for an enumeration, otherwise a plain « valeur invalide ».
    /// </summary>
    public static string Explain(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (property.GetCustomAttributes<SettingRuleAttribute>().FirstOrDefault() is { } rule)
        {
            return rule.Explain(type);
        }

        return type == typeof(bool) ? "attendu true ou false" : "valeur invalide pour cette clé";
    }

    /// <summary>The one shape of every message: the key, the value between French quotes, what is wrong.</summary>
    public static string Problem(string key, string value, string explanation) => $"{key} = « {value} » : {explanation}.";

    private static string Show(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
