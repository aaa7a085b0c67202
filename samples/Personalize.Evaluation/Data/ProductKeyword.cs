using System.Collections.Frozen;

namespace Personalize.Evaluation.Data;

/// <summary>
/// Derives a product's category from its description, because the UCI Online Retail data has no
/// category column. The rule, fixed before any evaluation (see the sample's README.md, "Categories of UCI Online Retail"):
/// <list type="number">
/// <item>Upper-case the description and split it into tokens at every character other than A-Z and '-'; trim '-' from each token.</item>
/// <item>Drop tokens shorter than 3 letters, and the words in the fixed lists below: colours,
/// sizes, look/pattern words ("RETROSPOT", "DESIGN", "VINTAGE") and function words ("SET", "OF").</item>
/// <item>The category is the <b>last</b> remaining token (English product names end in the head
/// noun: "WHITE HANGING HEART T-LIGHT HOLDER" is a HOLDER), singularised against the catalogue's own
/// vocabulary: "-IES" becomes "-Y", else "-S", else "-ES" is removed, the first whose shorter form
/// is itself a token of some description ("CANDLES" becomes "CANDLE" although a truncated
/// description has "CANDL"; "BOXES" becomes "BOX"; "CHRISTMAS" stays).</item>
/// <item>A description with no token left has no category.</item>
/// </list>
/// Known failure modes: a trailing theme wins over the product type ("LUNCH BAG SPACEBOY DESIGN"
/// gives SPACEBOY, "TOTE BAG I LOVE LONDON" gives LONDON). The categories are therefore a mix of
/// product types and product lines; both are what a shopper can show affinity for.
/// </summary>
internal sealed class ProductKeyword
{
    /// <summary>Colour words, including the retailer's material colours.</summary>
    public static readonly FrozenSet<string> Colours = FrozenSet.Create(StringComparer.Ordinal,
        "RED", "PINK", "BLUE", "WHITE", "BLACK", "GREEN", "CREAM", "IVORY", "GOLD", "SILVER", "PURPLE",
        "YELLOW", "ORANGE", "BROWN", "GREY", "GRAY", "LILAC", "LAVENDER", "TURQUOISE", "TEAL", "AQUA",
        "NAVY", "BEIGE", "CHOCOLATE", "COPPER", "BRONZE", "CHROME", "NATURAL", "CLEAR", "MULTICOLOUR",
        "MULTI", "PASTEL", "ROSE", "AMETHYST", "JADE");

    /// <summary>Size words.</summary>
    public static readonly FrozenSet<string> Sizes = FrozenSet.Create(StringComparer.Ordinal,
        "SMALL", "LARGE", "MEDIUM", "MINI", "JUMBO", "GIANT", "BIG", "TINY", "LARGER", "SMALLER", "EXTRA",
        "LONG", "SHORT", "TALL");

    /// <summary>Words that describe a look or a pattern rather than a thing.</summary>
    public static readonly FrozenSet<string> Looks = FrozenSet.Create(StringComparer.Ordinal,
        "DESIGN", "DESIGNS", "ASSORTED", "COLOUR", "COLOURS", "COLOURED", "COLOURFUL", "RETROSPOT",
        "POLKADOT", "POLKA", "DOT", "DOTS", "SPOT", "SPOTS", "SPOTTY", "STRIPE", "STRIPES", "STRIPED",
        "PAISLEY", "GINGHAM", "FLORAL", "VINTAGE", "RETRO", "ANTIQUE");

    /// <summary>Function words and pack words.</summary>
    public static readonly FrozenSet<string> FunctionWords = FrozenSet.Create(StringComparer.Ordinal,
        "SET", "SETS", "PACK", "PACKS", "OF", "AND", "WITH", "THE", "FOR", "IN", "ON", "TO", "FROM", "BY",
        "AT", "OR", "NO");

    private readonly HashSet<string> _vocabulary;

    /// <summary>Creates the rule for a catalogue whose descriptions are <paramref name="descriptions"/>.</summary>
    /// <param name="descriptions">Every item's description; their tokens are the vocabulary for singularising.</param>
    public ProductKeyword(IEnumerable<string> descriptions)
    {
        ArgumentNullException.ThrowIfNull(descriptions);
        _vocabulary = new HashSet<string>(StringComparer.Ordinal);
        foreach (var description in descriptions)
        {
            _vocabulary.UnionWith(Tokenize(description));
        }
    }

    /// <summary>Splits a description into upper-case tokens of A-Z and '-'.</summary>
    public static IEnumerable<string> Tokenize(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var upper = description.ToUpperInvariant();
        var start = -1;
        for (var i = 0; i <= upper.Length; i++)
        {
            var isTokenChar = i < upper.Length && (upper[i] is >= 'A' and <= 'Z' or '-');
            if (isTokenChar && start < 0)
            {
                start = i;
            }
            else if (!isTokenChar && start >= 0)
            {
                var token = upper[start..i].Trim('-');
                if (token.Length > 0)
                {
                    yield return token;
                }

                start = -1;
            }
        }
    }

    /// <summary>Whether the rule drops <paramref name="token"/> as uninformative.</summary>
    public static bool IsDropped(string token) =>
        token.Length < 3 || Colours.Contains(token) || Sizes.Contains(token) || Looks.Contains(token) || FunctionWords.Contains(token);

    /// <summary>The category of a description, or <see langword="null"/> when no informative token is left.</summary>
    public string? CategoryOf(string description)
    {
        string? last = null;
        foreach (var token in Tokenize(description))
        {
            if (!IsDropped(token))
            {
                last = token;
            }
        }

        return last is null ? null : Singularise(last);
    }

    /// <summary>The singular form of <paramref name="token"/> when the vocabulary has it, else the token.</summary>
    public string Singularise(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.EndsWith("IES", StringComparison.Ordinal) && _vocabulary.Contains(token[..^3] + "Y"))
        {
            return token[..^3] + "Y";
        }

        if (token.EndsWith('S') && !token.EndsWith("SS", StringComparison.Ordinal) && _vocabulary.Contains(token[..^1]))
        {
            return token[..^1];
        }

        if (token.EndsWith("ES", StringComparison.Ordinal) && _vocabulary.Contains(token[..^2]))
        {
            return token[..^2];
        }

        return token;
    }
}
