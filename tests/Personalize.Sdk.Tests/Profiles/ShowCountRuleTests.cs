using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>The show-count rules <c>ProfileView.GetShowCount</c> documents: what ends a count, and how two counts merge at sign-in.</summary>
public sealed class ShowCountRuleTests
{
    private const string Item = "books-1";

    [Fact]
    public void A_complaint_about_the_item_does_not_end_its_count_and_a_click_does()
    {
        using var sdk = new TestSdk();
        sdk.View("ann", "kitchen-1");
        Show(sdk, "ann", 3);

        sdk.Personalizer.Track(PersonalizationEvent.Complaint("ann", Item));
        Assert.Equal(3, ShowingOf(sdk, "ann")!.Count);

        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", Item));
        Assert.Null(ShowingOf(sdk, "ann"));
    }

    [Fact]
    public void At_sign_in_two_open_counts_add_up_from_the_earlier_beginning()
    {
        using var sdk = new TestSdk();
        var guestStart = Shown(sdk, "guest", 3);
        sdk.Time.Advance(TimeSpan.FromHours(2));
        Shown(sdk, "account", 2);
        sdk.Time.Advance(TimeSpan.FromHours(1));

        sdk.Personalizer.Identify("guest", "account");

        var showing = ShowingOf(sdk, "account")!;
        Assert.Equal((5, guestStart), (showing.Count, showing.FirstShown));
    }

    [Fact]
    public void At_sign_in_the_count_still_open_is_kept_when_the_other_has_ended()
    {
        using var sdk = new TestSdk();
        Shown(sdk, "guest", 3);
        sdk.Time.Advance(TimeSpan.FromDays(2));
        var accountStart = Shown(sdk, "account", 2);

        sdk.Personalizer.Identify("guest", "account");

        var showing = ShowingOf(sdk, "account")!;
        Assert.Equal((2, accountStart), (showing.Count, showing.FirstShown));
    }

    [Theory]
    [InlineData("guest", "account")]
    [InlineData("account", "guest")]
    public void At_sign_in_the_newer_count_is_kept_when_both_have_ended(string older, string newer)
    {
        using var sdk = new TestSdk();
        Shown(sdk, older, 2);
        sdk.Time.Advance(TimeSpan.FromHours(6));
        var newerStart = Shown(sdk, newer, 3);
        sdk.Time.Advance(TimeSpan.FromDays(2));

        sdk.Personalizer.Identify("guest", "account");

        var showing = ShowingOf(sdk, "account")!;
        Assert.Equal((3, newerStart), (showing.Count, showing.FirstShown));
    }

    /// <summary>Gives <paramref name="user"/> a history, then shows them the item <paramref name="times"/> times; returns when the count began.</summary>
    private static DateTimeOffset Shown(TestSdk sdk, string user, int times)
    {
        sdk.View(user, "kitchen-1");
        var start = sdk.Time.GetUtcNow();
        Show(sdk, user, times);
        Assert.Equal(times, ShowingOf(sdk, user)!.Count);
        return start;
    }

    private static void Show(TestSdk sdk, string user, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 1, Candidates = new[] { Item } });
            Assert.Equal([Item], decision.Items.Select(item => item.ItemKey));
        }
    }

    private static Reporting.PersonalShowing? ShowingOf(TestSdk sdk, string user) =>
        sdk.Personalizer.GetPersonalData(user).Profile!.Showings.SingleOrDefault(showing => showing.ItemKey == Item);
}
