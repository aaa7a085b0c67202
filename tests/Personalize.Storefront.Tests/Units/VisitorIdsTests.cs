using Personalize.Storefront.Visitors;

namespace Personalize.Storefront.Tests.Units;

public sealed class VisitorIdsTests
{
    [Fact]
    public void New_ids_are_valid_and_never_repeat()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => VisitorIds.New()).ToList();

        Assert.All(ids, id => Assert.True(VisitorIds.IsValid(id), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("Guest-1234")]
    [InlineData("guest 1234")]
    [InlineData("guest-1234;admin")]
    public void Anything_else_is_refused(string? cookie) => Assert.False(VisitorIds.IsValid(cookie));

    [Theory]
    [AutoData]
    public void Over_64_characters_is_refused(Guid a, Guid b) =>
        Assert.False(VisitorIds.IsValid($"{a}{b}".ToLowerInvariant()));
}
