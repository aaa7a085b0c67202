using Personalize.Sdk.Catalog;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;
using static Personalize.Sdk.Tests.Snapshots.StateSnapshotTests;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// Numbers a state brings back are ones the server could have made itself: a non-finite affinity,
/// popularity, neighbour weight or revenue (or a negative popularity or weight) refuses the state
/// whole, and a time further ahead than the reader's clock allows an event is read as now. Either
/// would otherwise break the person's data export or zero their, or everyone's, scores.
/// </summary>
public sealed class RestoredNumberTests
{
    private static readonly long HalfLife = TimeSpan.FromDays(14).Ticks;

    public static TheoryData<double> NonFinite => [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    public static TheoryData<double> NonFiniteOrNegative => [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1];

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_state_with_a_non_finite_affinity_is_refused_whole(double affinity)
    {
        using var target = Server();
        var catalog = CatalogOf(target);
        var data = CraftedState.OneEvent();
        data.Categories.Add(CraftedState.Category(catalog, "books"), affinity, TestSdk.Start.UtcTicks, HalfLife);
        var state = CraftedState.With(profiles: w => CraftedState.Profile(w, "alice", data, catalog));

        Assert.Throws<InvalidDataException>(() => Merge(target, state));

        Assert.True(target.Personalizer.GetPersonalData("alice").IsEmpty);
    }

    [Theory]
    [MemberData(nameof(NonFiniteOrNegative))]
    public void A_state_with_a_non_finite_or_negative_popularity_is_refused_whole_and_the_ordering_kept(double popularity)
    {
        using var target = Server();
        target.View("alice", "books-1", "books-2");
        var before = target.ScoreOf("nobody", "books-1");
        Assert.True(before > 0);

        Assert.Throws<InvalidDataException>(() => Merge(target, CraftedState.With(items: w => CraftedState.Item(w, "books-3", popularity, 1))));
        Assert.Throws<InvalidDataException>(() => Merge(target, CraftedState.With(items: w => CraftedState.Item(w, "books-3", 1, popularity))));

        Assert.Equal(before, target.ScoreOf("nobody", "books-1"));
    }

    [Theory]
    [MemberData(nameof(NonFiniteOrNegative))]
    public void A_state_with_a_non_finite_or_negative_neighbour_weight_is_refused_whole(double weight)
    {
        using var target = Server();

        Assert.Throws<InvalidDataException>(() => Merge(target, CraftedState.With(items: w => CraftedState.Item(w, "books-3", 1, 1, ("books-1", weight)))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_state_with_a_non_finite_revenue_is_refused_whole_and_the_export_keeps_working(int field)
    {
        using var target = Server();
        var (unit, total, squares) = field switch
        {
            0 => (double.NaN, 1.0, 1.0),
            1 => (1.0, double.PositiveInfinity, 1.0),
            _ => (1.0, 1.0, double.NaN),
        };

        Assert.Throws<InvalidDataException>(() => Merge(target, CraftedState.With(ledger: w => CraftedState.ConvertedUnit(w, "alice", unit, total, squares))));

        var alice = target.Personalizer.GetPersonalData("alice");
        Assert.Empty(alice.Holdouts);
        Assert.Null(Record.Exception(alice.ToJson));
    }

    [Fact]
    public void A_profile_dated_far_ahead_is_read_as_of_now_and_keeps_the_persons_ranking()
    {
        using var target = Server();
        target.Time.Advance(TimeSpan.FromHours(1));
        var now = target.Time.GetUtcNow();
        var catalog = CatalogOf(target);
        var far = DateTimeOffset.MaxValue.UtcTicks;
        var data = CraftedState.OneEvent();
        data.Touch(far);
        data.Categories.Add(CraftedState.Category(catalog, "books"), 1, far, HalfLife);
        data.Categories.Add(CraftedState.Category(catalog, "garden"), 1, TestSdk.Start.UtcTicks, HalfLife);
        Assert.True(catalog.TryGetIndex("books-1", out var item));
        data.RecentItems.Add(item, far);

        Merge(target, CraftedState.With(profiles: w => CraftedState.Profile(w, "alice", data, catalog)));

        Assert.Contains(target.Rank("alice").Items, ranked => ranked.Score > 0);
        var profile = target.Personalizer.GetPersonalData("alice").Profile!;
        Assert.Equal(now, profile.LastSeen);
        Assert.Equal(now, Assert.Single(profile.RecentItems).At);
        Assert.All(profile.Categories, affinity => Assert.True(double.IsFinite(affinity.Value) && affinity.Value > 0, $"{affinity.Name}: {affinity.Value}"));
    }

    [Fact]
    public void A_profile_time_within_the_tolerated_clock_skew_is_read_as_written()
    {
        using var target = Server();
        var catalog = CatalogOf(target);
        var skewed = target.Time.GetUtcNow() + EventPipeline.FutureTolerance - TimeSpan.FromSeconds(1);
        var data = CraftedState.OneEvent();
        data.Touch(skewed.UtcTicks);

        Merge(target, CraftedState.With(profiles: w => CraftedState.Profile(w, "alice", data, catalog)));

        Assert.Equal(skewed, target.Personalizer.GetPersonalData("alice").Profile!.LastSeen);
    }

    [Fact]
    public void Statistics_kept_at_an_epoch_far_ahead_do_not_silence_the_servers_own_events()
    {
        using var target = Server();
        var far = DateTimeOffset.MaxValue.UtcTicks;

        Merge(target, CraftedState.With(items: w => CraftedState.Item(w, "books-3", 1, 1), epochTicks: far));
        target.View("bob", "books-1", "books-1");

        Assert.True(target.ScoreOf("nobody", "books-1") > target.ScoreOf("nobody", "books-2"), "the events after the restore count");
        Assert.True(target.ScoreOf("nobody", "books-3") > target.ScoreOf("nobody", "books-2"), "the restored popularity counts");
    }

    [Fact]
    public void Statistics_kept_at_an_epoch_far_ahead_merge_as_of_now_and_keep_the_ordering()
    {
        using var target = Server();
        target.View("alice", "books-1", "books-1", "books-2");
        var far = DateTimeOffset.MaxValue.UtcTicks;

        Merge(target, CraftedState.With(items: w => CraftedState.Item(w, "books-3", 1, 1), epochTicks: far));

        var (first, second, third) = (target.ScoreOf("nobody", "books-1"), target.ScoreOf("nobody", "books-2"), target.ScoreOf("nobody", "books-3"));
        Assert.True(float.IsFinite(first) && float.IsFinite(third), $"{first}, {third}");
        Assert.True(first > second, $"books-1 {first} against books-2 {second}");
        Assert.True(third > 0, $"books-3 {third}");
    }

    private static CatalogSnapshot CatalogOf(TestSdk server) => ((CatalogStore)server.Catalog).Current;
}
