using System.Text;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Domain.Tests.Text;

public sealed class FoldableTextTests
{
    [Fact]
    public void Ill_formed_text_becomes_replacement_characters_and_normalizes()
    {
        // In code, not in attributes: xunit's theory data would not keep a lone surrogate as it is.
        (string Text, string Expected)[] cases =
        [
            ("ab\uD800cd", "ab\uFFFDcd"),
            ("\uDC00\uD800", "\uFFFD\uFFFD"),
            ("fin\uDBFF", "fin\uFFFD"),
            ("\uFFFE\uFFFF", "\uFFFD\uFFFD"),
        ];
        foreach (var (text, expected) in cases)
        {
            Assert.Throws<ArgumentException>(() => text.Normalize(NormalizationForm.FormD));
            Assert.Equal(expected, FoldableText.Of(text));
            Assert.Equal(expected, FoldableText.Of(text).Normalize(NormalizationForm.FormD));
        }
    }

    [Theory]
    [InlineData("Chalon-sur-Saône")]
    [InlineData("𝕏 \u202e à l'envers")]
    [InlineData("")]
    public void Well_formed_text_is_the_same_instance(string text) => Assert.Same(text, FoldableText.Of(text));

    [Fact]
    public void The_services_vocabulary_parses_ill_formed_text_as_nothing()
    {
        Assert.False(ScoranInclusion.Domain.Sites.Vocabularies.Services.TryParseLenient("aide\uD800", out _));
        Assert.False(ScoranInclusion.Domain.Sites.Vocabularies.Services.TryParseLenient("\uFFFE", out _));
    }
}
