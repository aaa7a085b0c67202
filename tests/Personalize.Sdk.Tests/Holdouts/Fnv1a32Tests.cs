using Personalize.Sdk.Holdouts;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// FNV-1a 32 over UTF-16 code units. ASCII values are from the FNV reference test suite (isthe.com/chongo/tech/comp/fnv);
/// all of them were reproduced with the <c>hashFnv32a</c> function shipped in @growthbook/growthbook 1.8.0.
/// </summary>
public sealed class Fnv1a32Tests
{
    [Theory]
    [InlineData("", 0x811C9DC5u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    [InlineData("Zo\u00EB", 0x7907A397u)]
    [InlineData("\uD83D\uDC69", 0x642DFC93u)] // hashed as its two surrogate code units, like JS charCodeAt
    public void Matches_known_vectors(string value, uint expected)
    {
        Assert.Equal(expected, Fnv1a32.Hash(value));
    }

    [Fact]
    public void Lone_surrogate_is_hashed_as_its_code_unit()
    {
        // Built in code: an attribute would store the string as UTF-8 and lose the lone surrogate.
        Assert.Equal(0x0481D51Fu, Fnv1a32.Hash("\uD800"));
    }

    [Fact]
    public void Two_part_hash_equals_hash_of_concatenation()
    {
        Assert.Equal(Fnv1a32.Hash("user-123exp-1"), Fnv1a32.Hash("user-123", "exp-1"));
    }
}
