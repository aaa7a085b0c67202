using Personalize.Evaluation.Data;

namespace Personalize.Evaluation.Tests.Data;

public sealed class ProductKeywordTests
{
    private static readonly ProductKeyword Rule = new(
    [
        "WHITE HANGING HEART T-LIGHT HOLDER", "SET 7 BABUSHKA NESTING BOXES", "JUMBO BAG RED RETROSPOT",
        "PACK OF 12 PINK PAISLEY TISSUES", "CHRISTMAS GINGHAM STAR", "HAND WARMER UNION JACK",
        "RED WOOLLY HOTTIE WHITE HEART.", "ASSORTED COLOUR BIRD ORNAMENT", "BOX OF 6 ASSORTED COLOUR TEASPOONS",
        "PAPER CHAIN KIT 50'S CHRISTMAS", "TISSUE", "LUNCH BAG SPACEBOY DESIGN",
        "SET OF 6 T-LIGHTS CANDLES", "SCENTED CANDLE", "TEA LIGHT CANDL", "READING GLASSES", "RED GLASS",
    ]);

    [Theory]
    [InlineData("WHITE HANGING HEART T-LIGHT HOLDER", "HOLDER")]
    [InlineData("SET 7 BABUSHKA NESTING BOXES", "BOX")]
    [InlineData("JUMBO BAG RED RETROSPOT", "BAG")]
    [InlineData("PACK OF 12 PINK PAISLEY TISSUES", "TISSUE")]
    [InlineData("RED WOOLLY HOTTIE WHITE HEART.", "HEART")]
    [InlineData("ASSORTED COLOUR BIRD ORNAMENT", "ORNAMENT")]
    [InlineData("BOX OF 6 ASSORTED COLOUR TEASPOONS", "TEASPOONS")]
    [InlineData("PAPER CHAIN KIT 50'S CHRISTMAS", "CHRISTMAS")]
    [InlineData("LUNCH BAG SPACEBOY DESIGN", "SPACEBOY")]
    [InlineData("HAND WARMER UNION JACK", "JACK")]
    [InlineData("SET OF 6 T-LIGHTS CANDLES", "CANDLE")]
    [InlineData("READING GLASSES", "GLASS")]
    public void The_category_is_the_last_informative_word_singularised_by_the_vocabulary(string description, string category)
    {
        Assert.Equal(category, Rule.CategoryOf(description));
    }

    [Fact]
    public void A_description_of_only_dropped_words_has_no_category()
    {
        Assert.Null(Rule.CategoryOf("SET OF 3 SMALL RED"));
    }

    [Fact]
    public void Tokens_are_upper_case_letters_and_inner_hyphens()
    {
        Assert.Equal(["T-LIGHT", "S", "HOLDER"], ProductKeyword.Tokenize("t-light 50's -holder-"));
    }
}
