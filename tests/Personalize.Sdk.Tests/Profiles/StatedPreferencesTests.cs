using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>The stated-preference table's bounds, below the public API.</summary>
public sealed class StatedPreferencesTests
{
    [Fact]
    public void Statements_of_one_time_past_the_likes_bound_keep_the_later_recorded()
    {
        var preferences = new ProfileData().WritablePreferences;
        for (var i = 0; i < 20; i++)
        {
            preferences.Set(isAttribute: false, i, likes: true, ticks: 1_000);
        }

        var kept = Enumerable.Range(0, preferences.Count).Select(slot => preferences.At(slot).Id).Order().ToArray();
        Assert.Equal(Enumerable.Range(20 - ProfileData.LikeSlots, ProfileData.LikeSlots), kept);
    }

    [Fact]
    public void A_statement_older_than_every_kept_one_of_its_kind_is_the_one_that_goes()
    {
        var preferences = new ProfileData().WritablePreferences;
        for (var i = 0; i < ProfileData.DislikeSlots; i++)
        {
            Assert.False(preferences.Set(isAttribute: false, i, likes: false, ticks: 1_000 + i));
        }

        Assert.True(preferences.Set(isAttribute: false, 999, likes: false, ticks: 10));

        Assert.Equal(0, preferences.SignFor(isAttribute: false, 999));
        Assert.Equal(-1, preferences.SignFor(isAttribute: false, 0));
        Assert.Equal(ProfileData.DislikeSlots, preferences.Count);
    }
}
