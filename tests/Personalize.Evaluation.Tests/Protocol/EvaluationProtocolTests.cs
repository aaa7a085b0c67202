using Personalize.Evaluation.Cli;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Protocol;

public sealed class EvaluationProtocolTests
{
    [Fact]
    public void A_log_nothing_of_which_survives_the_filters_is_too_small_for_the_protocol()
    {
        Interaction[] log = [Row("u1", "a", 1), Row("u2", "a", 2), Row("u1", "b", 3)];

        var failure = Assert.Throws<InvalidDataException>(() => EvaluationProtocol.Prepare(log));

        Assert.Contains("too small for the protocol", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_window_without_a_test_user_is_refused_not_scored_as_zeros()
    {
        // Every user's rows before the window's split: nobody is left to score in it.
        var split = EvaluationProtocol.Split([Row("u1", "a", 1), Row("u1", "b", 2), Row("u2", "a", 3)], 0.9);
        Assert.Equal(0, split.Statistics.TestUsers);

        var failure = Assert.Throws<InvalidDataException>(() => EvaluationProtocol.RequireTestUsers(split, "tiny", window: 3));

        Assert.Equal("tiny: validation window 3 has no test user (a user and an item seen before it): the log is too small for it.", failure.Message);
    }

    [Fact]
    public void Deduplication_keeps_the_earliest_of_each_user_item_pair()
    {
        Interaction[] log = [Row("u1", "a", 5), Row("u1", "a", 1), Row("u1", "b", 3), Row("u2", "a", 2), Row("u1", "a", 9)];

        var kept = EvaluationProtocol.Deduplicate(log);

        Assert.Equal([Row("u1", "a", 1), Row("u2", "a", 2), Row("u1", "b", 3)], kept);
    }

    [Fact]
    public void Core_filtering_is_one_pass_for_items_then_one_for_users()
    {
        // Item "x" has 5 interactions (u1..u5), "rare" 4 (u1..u4), and "y1".."y4" 5 each (u1..u4 and u6).
        // The item pass drops "rare". Then u1..u4 have x + y1..y4 = 5 and stay; u5 (x alone) and u6
        // (y1..y4 = 4) are dropped. That leaves "x" and each "y" with 4 interactions, below 5 - but
        // they stay: there is no second pass.
        var log = new List<Interaction>();
        var t = 0;
        foreach (var user in new[] { "u1", "u2", "u3", "u4", "u5" })
        {
            log.Add(Row(user, "x", t++));
        }

        foreach (var user in new[] { "u1", "u2", "u3", "u4", "u6" })
        {
            if (user != "u6")
            {
                log.Add(Row(user, "rare", t++));
            }

            foreach (var item in new[] { "y1", "y2", "y3", "y4" })
            {
                log.Add(Row(user, item, t++));
            }
        }

        var items = EvaluationProtocol.FilterItems(log, 5);
        var users = EvaluationProtocol.FilterUsers(items, 5);

        Assert.DoesNotContain(items, r => r.ItemKey == "rare");
        Assert.Contains(items, r => r.UserKey == "u5");
        Assert.DoesNotContain(users, r => r.UserKey == "u5");
        Assert.DoesNotContain(users, r => r.UserKey == "u6");
        Assert.Equal(4, users.Count(r => r.ItemKey == "x"));
        Assert.Equal(4, users.Count(r => r.ItemKey == "y1"));
        Assert.Equal(4 * 5, users.Count);
    }

    [Fact]
    public void Counts_the_training_rows_kept_only_through_interactions_after_the_split()
    {
        // Ten "core" users take items a..e early, 50 rows, all in training, whatever the test period
        // holds. "late" takes a, b, c before the split and d, e after it: 5 in the whole log, so the
        // protocol keeps its 3 training rows, which the training period alone (3 rows) would drop.
        var log = new List<Interaction>();
        var t = 0;
        for (var u = 0; u < 10; u++)
        {
            foreach (var item in new[] { "a", "b", "c", "d", "e" })
            {
                log.Add(Row($"core{u}", item, t++));
            }
        }

        log.AddRange([Row("late", "a", t++), Row("late", "b", t++), Row("late", "c", t++)]);
        for (var u = 0; u < 10; u++)
        {
            log.Add(Row($"core{u}", "f", t++));
        }

        log.AddRange([Row("late", "d", t++), Row("late", "e", t++)]);

        var split = EvaluationProtocol.Prepare(log);

        Assert.Equal(3, split.Train.Count(r => r.UserKey == "late"));
        Assert.Equal(3, split.Statistics.TrainRowsKeptThroughTestPeriod);
        Assert.Equal(split.Train.Where(r => r.UserKey != "late"), split.TrainingPeriodAlone);
        Assert.Same(split.Train, new RunOptions().ValidationRows(split));
        Assert.Same(split.TrainingPeriodAlone, new RunOptions { StrictValidation = true }.ValidationRows(split));
        Assert.True(CommandLine.Parse(["--validation", "2", "--strict-validation"]).Run.StrictValidation);
        Assert.True(CommandLine.Parse(["--learn-weights", "--strict-validation"]).Run.StrictValidation);
    }

    [Fact]
    public void The_quantile_interpolates_linearly_between_order_statistics()
    {
        // Times 1..10 s: position 0.9 * (10 - 1) = 8.1 lies between the 9th (9 s) and the 10th (10 s)
        // value: 9 + 0.1 * (10 - 9) = 9.1 s.
        var quantile = EvaluationProtocol.Quantile(Enumerable.Range(1, 10).Select(s => At(s)).Reverse(), 0.9);

        Assert.Equal(At(9) + TimeSpan.FromTicks(1_000_000), quantile);
    }

    [Fact]
    public void The_split_is_global_by_time_and_keeps_test_rows_of_known_users_and_items_only()
    {
        // 30 rows: 27 at 1..27 s, then 3 at 40, 41, 42 s. Position 0.9 * (30 - 1) = 26.1 lies between
        // the 27th value (27 s) and the 28th (40 s): the split is at 27 + 0.1 * 13 = 28.3 s.
        // Train is the 27 rows up to 27 s. Of the 3 later rows, (u1, a1) is kept; (u9, a1) has an
        // unseen user and (u1, new) an unseen item: both dropped.
        var log = new List<Interaction>();
        for (var s = 1; s <= 27; s++)
        {
            log.Add(Row(s % 2 == 0 ? "u1" : "u2", "a" + (s % 9), s));
        }

        log.Add(Row("u1", "a1", 40));
        log.Add(Row("u9", "a1", 41));
        log.Add(Row("u1", "new", 42));

        var split = EvaluationProtocol.Split(log, 0.9);

        Assert.Equal(At(27) + TimeSpan.FromTicks(13_000_000), split.SplitTime);
        Assert.Equal(27, split.Train.Count);
        Assert.All(split.Train, r => Assert.True(r.Timestamp <= split.SplitTime));
        Assert.Equal([Row("u1", "a1", 40)], split.Test);
        Assert.Equal(3, split.Statistics.TestRowsBeforeFilter);
        Assert.Equal(1, split.Statistics.TestRows);
        Assert.Equal(1, split.Statistics.TestUsers);
        Assert.Equal(2, split.Statistics.TrainUsers);
        Assert.Equal(9, split.Statistics.TrainItems);
    }

    [Fact]
    public void Prepare_applies_every_step_in_order_and_counts_them()
    {
        // 6 users x 6 items, user i meets item j at time 10 * i + j: every pair once, plus a
        // repeat of (u0, i0) that de-duplication drops and an item with one interaction that the item filter drops.
        var log = new List<Interaction>();
        for (var u = 0; u < 6; u++)
        {
            for (var i = 0; i < 6; i++)
            {
                log.Add(Row("u" + u, "i" + i, (10 * u) + i));
            }
        }

        log.Add(Row("u0", "i0", 100));
        log.Add(Row("u0", "lonely", 3.5));

        var split = EvaluationProtocol.Prepare(log);

        Assert.Equal(38, split.Statistics.Loaded);
        Assert.Equal(37, split.Statistics.Deduplicated);
        Assert.Equal(36, split.Statistics.ItemFiltered);
        Assert.Equal(36, split.Statistics.UserFiltered);

        // Times of the 36 rows: u0 at 0..5 s, u1 at 10..15 s, ..., u5 at 50..55 s. Position 0.9 * 35 = 31.5
        // lies between 51 s and 52 s: the split is at 51.5 s and u5's last 4 rows are the test.
        Assert.Equal(At(51.5), split.SplitTime);
        Assert.Equal(32, split.Train.Count);
        Assert.Equal(4, split.Statistics.TestRows);
    }

    [Fact]
    public void The_validation_split_only_reads_the_training_rows()
    {
        Interaction[] train = [.. Enumerable.Range(1, 10).Select(s => Row("u" + (s % 2), "i" + (s % 3), s))];

        var validation = EvaluationProtocol.ValidationSplit(train);

        Assert.Equal(At(9) + TimeSpan.FromTicks(1_000_000), validation.SplitTime);
        Assert.True(validation.Train.Count + validation.Statistics.TestRowsBeforeFilter == train.Length);
    }

    [Fact]
    public void Validation_windows_step_back_in_time_inside_the_training_rows_and_never_overlap()
    {
        Interaction[] train = [.. Enumerable.Range(1, 200).Select(s => Row("u" + (s % 7), "i" + (s % 11), s))];

        var windows = Enumerable.Range(1, 3).Select(w => EvaluationProtocol.ValidationSplit(train, w)).ToArray();

        Assert.Equal(EvaluationProtocol.ValidationSplit(train).SplitTime, windows[0].SplitTime);
        for (var w = 1; w < windows.Length; w++)
        {
            // Window w+1 is window w's fit rows split again: it ends where window w starts.
            Assert.True(windows[w].SplitTime < windows[w - 1].SplitTime);
            Assert.All(windows[w].Test, row => Assert.True(row.Timestamp <= windows[w - 1].SplitTime));
            Assert.Equal(windows[w - 1].Train.Count, windows[w].Train.Count + windows[w].Statistics.TestRowsBeforeFilter);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationProtocol.ValidationSplit(train, 0));
    }
}
