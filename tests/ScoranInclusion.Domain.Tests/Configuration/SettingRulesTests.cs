using ScoranInclusion.Domain.Configuration;

namespace ScoranInclusion.Domain.Tests.Configuration;

public sealed class SettingRulesTests
{
    private enum Mode
    {
        Calme,
        Vif,
    }

    private sealed class Sample
    {
        [Positive]
        public int Count { get; set; } = 1;

        [Positive]
        public double Radius { get; set; } = 1;

        [Positive]
        public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(1);

        [NotNegative]
        public int Cache { get; set; }

        [Positive]
        [Between(8, 128)]
        public int Length { get; set; } = 12;

        [NamedValue]
        public Mode Mode { get; set; }

        [HttpAddress("http://127.0.0.1:4317")]
        public string? Endpoint { get; set; }

        public bool Enabled { get; set; }

        public int Unruled { get; set; } = -5;
    }

    [Fact]
    public void Defaults_that_keep_the_rules_give_no_problem()
    {
        Assert.Empty(SettingRules.Problems(new Sample(), "Essai"));
    }

    [Fact]
    public void Each_broken_rule_names_the_key_the_value_as_written_and_what_is_expected()
    {
        var raw = new Dictionary<string, string?> { ["Essai:Count"] = " -5", ["Essai:Lifetime"] = "-1" };
        var problems = SettingRules.Problems(
            new Sample { Count = -5, Radius = double.NaN, Lifetime = TimeSpan.FromDays(-1), Cache = -1, Endpoint = "collecteur:4317" },
            "Essai", key => raw.GetValueOrDefault(key));

        Assert.Equal(
        [
            "Essai:Count = «  -5 » : attendu un nombre entier strictement positif.",
            "Essai:Radius = « NaN » : attendu un nombre strictement positif (point décimal).",
            "Essai:Lifetime = « -1 » : attendu une durée positive (jours.heures:minutes:secondes, par exemple 30.00:00:00 ou 00:15:00).",
            "Essai:Cache = « -1 » : attendu un nombre entier positif ou nul.",
            "Essai:Endpoint = « collecteur:4317 » : ce n'est pas une adresse http:// ou https:// (par exemple http://127.0.0.1:4317).",
        ], problems);
    }

    [Theory]
    [InlineData(0, "Essai:Length = « 0 » : attendu un nombre entier strictement positif.")]
    [InlineData(5, "Essai:Length = « 5 » : attendu un nombre entre 8 et 128.")]
    [InlineData(129, "Essai:Length = « 129 » : attendu un nombre entre 8 et 128.")]
    public void Only_the_first_broken_rule_of_a_property_is_told(int length, string expected)
    {
        Assert.Equal([expected], SettingRules.Problems(new Sample { Length = length }, "Essai"));
    }

    [Theory]
    [InlineData("vif", true)]
    [InlineData("Calme", true)]
    [InlineData("1", false)]
    [InlineData(" 0", false)]
    public void An_enumeration_takes_its_names_in_any_case_never_a_number(string raw, bool accepted)
    {
        var mode = Enum.Parse<Mode>(raw, ignoreCase: true);
        var problems = SettingRules.Problems(new Sample { Mode = mode }, "Essai", key => key == "Essai:Mode" ? raw : null);

        Assert.Equal(accepted, problems.Count == 0);
        if (!accepted)
        {
            Assert.Equal($"Essai:Mode = « {raw} » : valeur inconnue ; valeurs possibles : Calme, Vif.", Assert.Single(problems));
        }
    }

    [Fact]
    public void An_enumeration_value_nobody_named_is_refused()
    {
        Assert.Equal(["Essai:Mode = « 7 » : valeur inconnue ; valeurs possibles : Calme, Vif."], SettingRules.Problems(new Sample { Mode = (Mode)7 }, "Essai"));
    }

    [Theory]
    [InlineData(nameof(Sample.Count), "attendu un nombre entier strictement positif")]
    [InlineData(nameof(Sample.Mode), "valeur inconnue ; valeurs possibles : Calme, Vif")]
    [InlineData(nameof(Sample.Enabled), "attendu true ou false")]
    [InlineData(nameof(Sample.Unruled), "valeur invalide pour cette clé")]
    public void A_value_that_cannot_be_converted_is_explained_by_the_property(string property, string expected)
    {
        Assert.Equal(expected, SettingRules.Explain(typeof(Sample).GetProperty(property)!));
    }
}
