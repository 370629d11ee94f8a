using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Domain.Tests.Text;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Saint-Jean-de-Bœuf", "Saint-Jean-de-Boeuf")]
    [InlineData("ŒUVRE Æther Straße", "OEUVRE AEther Strasse")]
    [InlineData("Château-Chinon (Ville)", "Chateau-Chinon (Ville)")]
    [InlineData("déjà", "deja")]
    [InlineData("plain ASCII, kept", "plain ASCII, kept")]
    [InlineData("", "")]
    public void Removing_accents_keeps_case_and_punctuation_and_spells_ligatures_out(string text, string expected)
    {
        Assert.Equal(expected, TextFolding.RemoveAccents(text));
    }

    [Fact]
    public void Ill_formed_text_folds_instead_of_throwing()
    {
        Assert.Equal("a\uFFFDe", TextFolding.RemoveAccents("a\uD800é"));
        Assert.Equal(["a", "e"], TextFolding.Words("a\uD800é"));
    }

    [Fact]
    public void Folding_lowers_the_case()
    {
        Assert.Equal("ste helene", TextFolding.Fold("STE HÉLÈNE"));
    }

    [Theory]
    [InlineData("L’Isle  sur -- le Doubs ", false, "l|isle|sur|le|doubs")]
    [InlineData("12bis rue Bœuf", false, "12bis|rue|boeuf")]
    [InlineData("12bis rue Bœuf", true, "12|bis|rue|boeuf")]
    [InlineData("A1B2", true, "a|1|b|2")]
    [InlineData(" - ", false, "")]
    public void Words_are_runs_of_letters_and_digits(string text, bool splitDigits, string expected)
    {
        Assert.Equal(expected, string.Join('|', TextFolding.Words(text, splitDigits)));
    }

    [Theory]
    [InlineData("Aide aux démarches (CAF)", "aideauxdemarchescaf")]
    [InlineData("« Gratuit »", "gratuit")]
    [InlineData("Cœur", "coeur")]
    public void A_key_keeps_letters_and_digits_only(string text, string expected)
    {
        Assert.Equal(expected, TextFolding.Key(text));
    }
}
