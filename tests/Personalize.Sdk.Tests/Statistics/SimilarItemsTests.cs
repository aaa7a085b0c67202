using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Statistics;

public sealed class SimilarItemsTests
{
    private const int A = 0, B = 1, C = 2, D = 3;

    private static readonly long Ticks = TestSdk.Start.UtcTicks;

    /// <summary>
    /// u1 takes A, B, C; u2 takes A, B; u3 takes B, D (each event with the user's items before it).
    /// By hand: n(A) = 2, n(B) = 3, n(C) = 1, n(D) = 1; c(A, B) = 2, c(A, C) = c(B, C) = c(B, D) = 1, symmetric.
    /// </summary>
    private static SimilarItems HandMadeHistory()
    {
        var model = new SimilarItems(null, TestSdk.Start);
        model.Append(A, Ticks, []);
        model.Append(B, Ticks, [A]);
        model.Append(C, Ticks, [A, B]);
        model.Append(A, Ticks, []);
        model.Append(B, Ticks, [A]);
        model.Append(B, Ticks, []);
        model.Append(D, Ticks, [B]);
        return model;
    }

    private static float Similarity(double pairs, double from, double to) =>
        (float)(pairs * Math.Pow(from, -SimilarItems.SourceExponent) * Math.Pow(to, -SimilarItems.PopularityPenalty));

    [Fact]
    public void The_neighbours_of_a_hand_made_history_are_the_hand_computed_similarities_most_similar_first()
    {
        using var model = HandMadeHistory();

        model.Refresh();

        var expected = new Dictionary<int, (int Item, float Weight)[]>
        {
            [A] = [(B, Similarity(2, 2, 3)), (C, Similarity(1, 2, 1))],
            [B] = [(A, Similarity(2, 3, 2)), (C, Similarity(1, 3, 1)), (D, Similarity(1, 3, 1))],
            [C] = [(A, Similarity(1, 1, 2)), (B, Similarity(1, 1, 3))],
            [D] = [(B, Similarity(1, 1, 3))],
        };
        foreach (var (item, neighbours) in expected)
        {
            var row = model.Table.Row(item);
            var ordered = neighbours.OrderByDescending(n => n.Weight).ToArray();
            Assert.Equal(ordered.Select(n => n.Weight), row.Weights.ToArray(), (x, y) => Math.Abs(x - y) < 1e-6f);

            // Ties (B's C and D) may come in either order; the sets match.
            Assert.Equal(ordered.Select(n => n.Item).Order(), row.Items.ToArray().Order());
        }
    }

    [Fact]
    public void Past_a_full_inbox_no_event_is_lost_and_nothing_is_published_before_the_refresh()
    {
        // More events than the inbox holds, faster than any background fold: the append that finds
        // it full folds it itself.
        var model = new SimilarItems(null, TestSdk.Start);
        var events = SimilarItems.InboxCapacity + 1_000;
        for (var e = 0; e < events; e++)
        {
            model.Append(e % 2, TestSdk.Start.UtcTicks + e, [1 - (e % 2)]);
        }

        Assert.Same(SimilarItemsTable.Empty, model.Table);
        model.Refresh();

        double counted = 0;
        model.VisitCounts((_, count, _, _) => counted += count);
        Assert.Equal(events, counted);
        Assert.Equal(1, model.Table.Row(0).Items[0]);
    }

    [Fact]
    public void A_full_row_gives_its_first_lightest_slot_to_a_new_item_which_inherits_its_count()
    {
        var model = new SimilarItems(null, TestSdk.Start);
        var ticks = TestSdk.Start.UtcTicks;
        for (var item = 1; item <= SimilarItems.CandidateSlots; item++)
        {
            model.Append(item, ticks, [0]);
        }

        model.Append(1, ticks, [0]);
        model.Append(SimilarItems.CandidateSlots + 1, ticks, [0]);
        model.Refresh();

        int[] row = [];
        float[] counts = [];
        model.VisitCounts((item, _, pairItems, pairCounts) =>
        {
            if (item == 0)
            {
                (row, counts) = (pairItems.ToArray(), pairCounts.ToArray());
            }
        });

        // Item 1 has 2; items 2.. have 1: item 2's slot, the first of the lightest, goes to the new one.
        Assert.Equal(SimilarItems.CandidateSlots, row.Length);
        Assert.Equal(SimilarItems.CandidateSlots + 1, row[1]);
        Assert.Equal(2f, counts[1]);
        Assert.Equal([1, 3], [row[0], row[2]]);
    }

    [Fact]
    public void Threads_appending_at_once_lose_no_event_even_when_their_parts_fill_and_fold()
    {
        // Four threads each append 3 × the part's capacity: every part fills and folds on the
        // appending thread while the others keep appending. Each event counts once for its item and
        // once for its pair with item 0.
        using var model = new SimilarItems(null, TestSdk.Start);
        var ticks = TestSdk.Start.UtcTicks;
        const int Threads = 4;
        var perThread = 3 * SimilarItems.InboxCapacity / SimilarItems.InboxStripes;
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                model.Append(1 + t, ticks, [0]);
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        model.Refresh();

        Assert.Equal(0, model.Pending);
        var counts = new Dictionary<int, double>();
        var pairsWithZero = new Dictionary<int, float>();
        model.VisitCounts((item, count, pairItems, pairCounts) =>
        {
            counts[item] = count;
            if (item == 0)
            {
                for (var slot = 0; slot < pairItems.Length; slot++)
                {
                    pairsWithZero[pairItems[slot]] = pairCounts[slot];
                }
            }
        });
        for (var t = 0; t < Threads; t++)
        {
            Assert.Equal(perThread, counts[1 + t]);
            Assert.Equal(perThread, pairsWithZero[1 + t]);
        }
    }

    [Fact]
    public void A_repeat_of_an_item_among_the_recent_ones_counts_nothing()
    {
        using var model = HandMadeHistory();
        model.Refresh();
        var before = model.Table.Row(A).Weights.ToArray();

        model.Append(A, Ticks, [A, B, C]);
        Assert.Equal(0, model.Pending);
        model.Refresh();

        Assert.Equal(before, model.Table.Row(A).Weights.ToArray());
    }

    [Fact]
    public void Appending_changes_nothing_published_until_a_refresh_and_a_published_table_never_changes()
    {
        using var model = HandMadeHistory();
        Assert.Equal(7, model.Pending);
        Assert.Same(SimilarItemsTable.Empty, model.Table);

        model.Refresh();
        var first = model.Table;
        var firstRowOfC = first.Row(C).Items.ToArray();
        var firstWeightsOfA = first.Row(A).Weights.ToArray();

        // D now shares a user with A and C: their rows change, in a new table only.
        model.Append(D, Ticks, [A, C]);
        Assert.Same(first, model.Table);
        model.Refresh();

        Assert.NotSame(first, model.Table);
        Assert.Contains(D, model.Table.Row(C).Items.ToArray());
        Assert.Equal(firstRowOfC, first.Row(C).Items.ToArray());
        Assert.Equal(firstWeightsOfA, first.Row(A).Weights.ToArray());
        Assert.Equal(0, model.Pending);
    }

    [Fact]
    public void A_decision_ranks_by_the_table_it_started_with_and_the_timer_publishes_the_next()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.SimilarItems));
        sdk.View("shopper-1", "books-1", "garden-2");
        sdk.View("shopper-2", "books-1", "garden-2");
        sdk.View("user", "books-1");

        // Tracked, not yet folded in: no similar items yet.
        Assert.Equal(0f, sdk.ScoreOf("user", "garden-2"));

        sdk.Time.Advance(SimilarItems.RefreshInterval);

        Assert.Equal(1f, sdk.ScoreOf("user", "garden-2"));
        Assert.Equal("garden-2", sdk.TopKeys("user", 1)[0]);
    }

    [Fact]
    public void Forgetting_a_re_keyed_item_removes_its_counts_its_row_and_every_link_to_it_even_from_events_not_yet_folded()
    {
        var statistics = new ItemStatistics(TimeSpan.FromDays(7), TestSdk.Start);
        var recent = new TimedRing(ProfileData.RecentSlots);
        foreach (var item in new[] { A, B, C })
        {
            statistics.Record(item, 1, Ticks, recent.Items);
            recent.Add(item, Ticks);
        }

        statistics.SimilarItemsModel.Refresh();
        Assert.Contains(B, statistics.SimilarItems.Row(A).Items.ToArray());

        // One more event with B, still in the inbox when B is re-keyed.
        statistics.Record(D, 1, Ticks, recent.Items);
        statistics.Forget([B]);

        Assert.Equal(0, statistics.SimilarItemsModel.Pending);
        Assert.Equal(0, statistics.SimilarItems.Row(B).Items.Length);
        Assert.All(new[] { A, C, D }, from => Assert.DoesNotContain(B, statistics.SimilarItems.Row(from).Items.ToArray()));
        Assert.Contains(D, statistics.SimilarItems.Row(A).Items.ToArray());

        // B's new key starts from nothing: one event with A gives it n = 1 and c(B, A) = 1 only.
        statistics.Record(B, 1, Ticks, [A]);
        statistics.SimilarItemsModel.Refresh();
        Assert.Equal([A], statistics.SimilarItems.Row(B).Items.ToArray());
        statistics.Dispose();
    }

    [Fact]
    public void Erasing_a_person_leaves_no_sequence_of_theirs_once_the_next_refresh_has_run()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.SimilarItems));
        sdk.View("erased", "books-1", "garden-2", "hiking-3");
        var model = ((ItemStatistics)StatisticsOf(sdk)).SimilarItemsModel;
        Assert.Equal(3, model.Pending);

        Assert.True(sdk.Personalizer.Forget("erased"));
        sdk.Time.Advance(SimilarItems.RefreshInterval);

        // Only item-item sums over people remain (by design, as for popularity); nothing keyed or ordered by person.
        Assert.Equal(0, model.Pending);
        Assert.Equal(0f, sdk.ScoreOf("erased", "garden-2"));
    }

    private static IItemStatistics StatisticsOf(TestSdk sdk) =>
        (IItemStatistics)typeof(Personalizer).GetField("_statistics", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(sdk.Personalizer)!;
}
