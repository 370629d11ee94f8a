using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Search;

/// <summary>
/// The filterable values of one site as bit sets, so that filtering a candidate during a
/// nearest search is a few AND operations (no database round trip, no allocation).
/// </summary>
/// <param name="Langues">The languages spoken, one bit per language of <see cref="SpokenLanguages.All"/>.</param>
public readonly record struct SiteFacets(uint Services, uint Publics, uint Frais, uint Accompagnement, ulong Langues = 0)
{
    public static SiteFacets Of(Site site) => new(
        Bits(site.Services),
        Bits(site.PublicsSpecifiquementAdresses),
        Bits(site.FraisACharge),
        Bits(site.ModalitesAccompagnement),
        LanguageBits(site.LanguesParlees));

    /// <summary>One bit per known language code (unknown codes have none).</summary>
    public static ulong LanguageBits(IEnumerable<string> codes)
    {
        ulong bits = 0;
        foreach (var code in codes)
        {
            if (SpokenLanguages.IndexOf(code) is var index and >= 0)
            {
                bits |= 1UL << index;
            }
        }

        return bits;
    }

    public static uint Bits<T>(IEnumerable<T> values) where T : struct, Enum
    {
        uint bits = 0;
        foreach (var value in values)
        {
            bits |= 1u << Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return bits;
    }
}

/// <summary>A <see cref="SiteFilter"/> compiled to bit masks; 0 means "any".</summary>
public readonly record struct FacetMask(uint Services, uint Publics, uint Frais, uint Accompagnement, ulong Langues = 0)
{
    public static FacetMask Of(SiteFilter filter) => new(
        SiteFacets.Bits(filter.Services),
        SiteFacets.Bits(filter.Publics),
        SiteFacets.Bits(filter.FraisACharge),
        SiteFacets.Bits(filter.ModalitesAccompagnement),
        SiteFacets.LanguageBits(filter.Langues));

    public bool Matches(in SiteFacets facets) =>
        (Services == 0 || (facets.Services & Services) != 0)
        // A site with no "publics spécifiquement adressés" welcomes everyone (the standard's
        // definition), so it matches whichever public is asked for.
        && (Publics == 0 || facets.Publics == 0 || (facets.Publics & Publics) != 0)
        && (Frais == 0 || (facets.Frais & Frais) != 0)
        && (Accompagnement == 0 || (facets.Accompagnement & Accompagnement) != 0)
        // A place that says nothing of its languages does not match a language asked for.
        && (Langues == 0 || (facets.Langues & Langues) != 0);
}
