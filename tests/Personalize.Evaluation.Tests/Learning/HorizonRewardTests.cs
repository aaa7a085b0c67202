using Personalize.Evaluation.Learning;
using Personalize.Evaluation.Protocol;
using Personalize.Sdk;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Learning;

public sealed class HorizonRewardTests
{
    private const double Day = 86_400;

    /// <summary>
    /// A hand-made training log: "x" takes a to f on days 0 to 5, so every one is seen; then "u" takes
    /// a on day 10 (no step: no history yet), b on day 20, c on day 21, g on day 22 (first seen then:
    /// never a candidate, never a step), d on day 23 and e on day 30. Sampling every event from the
    /// start, u's steps are b, c, d and e, in that order.
    /// </summary>
    private static TrainingSet HandMade() => AfterXSawEverything(
        Row("u", "a", 10 * Day),
        Row("u", "b", 20 * Day),
        Row("u", "c", 21 * Day),
        Row("u", "g", 22 * Day),
        Row("u", "d", 23 * Day),
        Row("u", "e", 30 * Day));

    /// <summary>A training set in which "x" takes a to f on days 0 to 5 (so every one is seen), then <paramref name="rows"/>.</summary>
    private static TrainingSet AfterXSawEverything(params Personalize.Evaluation.Data.Interaction[] rows)
    {
        string[] seen = ["a", "b", "c", "d", "e", "f"];
        var dataset = Dataset([.. seen.Select((item, i) => Row("x", item, i * Day)), .. rows]);
        return new TrainingSet(dataset.Interactions, dataset.Catalog, EventKind.Purchase, seed: 1);
    }

    private static LearningSettings EveryEvent(TimeSpan? horizon) =>
        new(PoolSize: 2, RandomNegatives: 0, MaxSteps: 1000, StartShare: 0, Horizon: horizon);

    [Fact]
    public void The_horizon_marks_exactly_the_candidates_taken_within_it_its_end_included()
    {
        var train = HandMade();
        int Item(string key) => train.ItemKeys.ToList().IndexOf(key);
        var events = train.Events;
        int[] userEvents = [.. Enumerable.Range(0, events.Count).Where(i => train.UserKeys[events[i].User] == "u")];
        var seenItem = new bool[train.ItemKeys.Count];
        foreach (var key in new[] { "a", "b", "c", "d", "e", "f" })
        {
            seenItem[Item(key)] = true;
        }

        HashSet<int> own = [Item("a")];
        var positives = new List<int>();

        // The step at b (day 20), horizon 3 days: b, c and d (day 23, the horizon's end); not e (day 30), not g (unseen).
        OutcomeCollector.HorizonItems(events, userEvents, cursor: 1, TimeSpan.FromDays(3), seenItem, own, positives);
        Assert.Equal([Item("b"), Item("c"), Item("d")], positives);

        // Just short of day 23, d falls outside.
        OutcomeCollector.HorizonItems(events, userEvents, cursor: 1, TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1), seenItem, own, positives);
        Assert.Equal([Item("b"), Item("c")], positives);

        // An item the user already has is never a positive.
        own.Add(Item("c"));
        OutcomeCollector.HorizonItems(events, userEvents, cursor: 1, TimeSpan.FromDays(30), seenItem, own, positives);
        Assert.Equal([Item("b"), Item("d"), Item("e")], positives);
    }

    [Fact]
    public void The_collector_rewards_every_item_taken_within_the_horizon_and_the_old_rule_only_the_next_one()
    {
        var train = HandMade();

        var next = OutcomeCollector.Collect(train, EveryEvent(horizon: null));
        var horizon = OutcomeCollector.Collect(train, EveryEvent(TimeSpan.FromDays(3)));

        // The same steps: b (day 20), c (21), d (23), e (30).
        Assert.Equal(4, next.Steps);
        Assert.Equal(next.Steps, horizon.Steps);
        Assert.Equal(next.PositivesInPool, horizon.PositivesInPool);

        // Without a horizon each step rewards its own event's item only.
        Assert.Equal([1, 1, 1, 1], PositivesPerStep(next));

        // Within 3 days: b, c, d at day 20; c, d at 21; d at 23; e at 30 (nothing after it).
        Assert.Equal([3, 2, 1, 1], PositivesPerStep(horizon));

        // Every positive is in the pool or added as a positive outside it; nothing else is added (no random negatives).
        Assert.All(horizon.Examples, e => Assert.True(e.Source == ExampleSource.Pool || (e.Source == ExampleSource.PositiveOutsidePool && e.Reward == 1)));
    }

    [Fact]
    public void On_a_busier_log_the_horizon_keeps_the_steps_and_only_adds_positives()
    {
        var dataset = SyntheticLog.BusyShop();
        var data = new PreparedData(dataset, EvaluationProtocol.Prepare(dataset.Interactions), 42);
        var settings = new LearningSettings(PoolSize: 5, RandomNegatives: 3, MaxSteps: 1000, StartShare: 0.5);

        var next = OutcomeCollector.Collect(data.Train, settings);
        var week = OutcomeCollector.Collect(data.Train, settings with { Horizon = TimeSpan.FromDays(7) });

        Assert.Equal(next.Steps, week.Steps);
        Assert.Equal(next.PositivesInPool, week.PositivesInPool);
        Assert.Equal(next.Steps, (int)next.Examples.Sum(e => e.Reward));
        Assert.True(week.Examples.Sum(e => e.Reward) > next.Steps, "a week holds more than the next item for some steps");
        Assert.All(week.Examples.GroupBy(e => e.Step), step => Assert.Contains(step, e => e.Reward > 0));
    }

    [Fact]
    public void Several_items_taken_at_one_step_each_add_their_log_likelihood_against_the_same_catalogue()
    {
        double[][] features = [[1.0], [0.0], [2.0]];
        double[] logWeights = [0, Math.Log(5), 0];
        CatalogueSoftmax.Step both = new(features, logWeights, Taken: [0, 2]);
        CatalogueSoftmax.Step first = new(features, logWeights, Taken: 0);
        CatalogueSoftmax.Step second = new(features, logWeights, Taken: 2);
        double[] theta = [0.7];

        Assert.Equal(
            CatalogueSoftmax.LogLikelihood([first], theta) + CatalogueSoftmax.LogLikelihood([second], theta),
            CatalogueSoftmax.LogLikelihood([both], theta),
            12);
    }

    /// <summary>
    /// "x" takes a to f on days 0 to 5, so every one is seen; then "u" takes a on day 10 (u's first
    /// visit: no history, no step), a visit of b, c and d at one timestamp on day 20, e on day 22
    /// and f on day 30.
    /// </summary>
    private static TrainingSet Visits() => AfterXSawEverything(
        Row("u", "a", 10 * Day),
        Row("u", "b", 20 * Day),
        Row("x", "e", 20 * Day),
        Row("u", "c", 20 * Day),
        Row("u", "d", 20 * Day),
        Row("u", "e", 22 * Day),
        Row("u", "f", 30 * Day));

    [Fact]
    public void At_visit_starts_a_basket_is_one_step_ranked_before_it_is_tracked_and_rewarded_with_what_follows_within_the_horizon()
    {
        var train = Visits();
        var visits = OutcomeCollector.Collect(train, EveryEvent(TimeSpan.FromDays(3)) with { VisitStarts = true });

        // Steps: u's visit starts with history, b (day 20), e (22) and f (30). Not u's a (no history), not
        // c or d (b's timestamp: not a visit start). x's later days are visit starts but have no positive
        // (each item x takes is new to the shop then, or x's already), so they take no step.
        Assert.Equal(3, visits.Steps);

        // One step for the basket: b, c, d and e (day 22, within 3 days); not f (day 30). Then e alone, then f alone.
        Assert.Equal([4, 1, 1], PositivesPerStep(visits));

        // Ranked before the visit is tracked: at day 20 u could still be shown b, c, d, e and f (only a
        // is u's). Had b, c or d been tracked first they would have left u's candidates and its positives.
        var basket = visits.Examples.Where(e => e.Step == 0).ToArray();
        Assert.All(basket, e => Assert.Equal(5, e.StepCandidates));
        Assert.Equal(train.ItemKeys.Count - 1, basket[0].StepCandidates);

        // The old rule takes a step at every event whose item was seen, of a user with history: u's b, c,
        // d (mid-basket), e, f and x's e on day 20.
        var next = OutcomeCollector.Collect(train, EveryEvent(horizon: null));
        Assert.Equal(6, next.Steps);
    }

    [Fact]
    public void A_visit_start_needs_history_and_a_later_timestamp_than_the_users_previous_event()
    {
        var train = Visits();

        // x: days 1 to 5 (5) and day 20 (the e there); u: days 20, 22, 30 (3); not u's day 10 (first), not c, d.
        Assert.Equal(9, OutcomeCollector.CountVisitStarts(train.Events, train.UserKeys.Count, first: 0));

        // From u's day-20 basket on (its first event is index 7): u's b, e, f and x's e.
        var b = train.Events.ToList().FindIndex(e => train.UserKeys[e.User] == "u" && train.ItemKeys[e.Item] == "b");
        Assert.Equal(4, OutcomeCollector.CountVisitStarts(train.Events, train.UserKeys.Count, first: b));

        Assert.Throws<ArgumentException>(() => OutcomeCollector.Collect(train, EveryEvent(horizon: null) with { VisitStarts = true }));
    }

    [Fact]
    public void On_a_busier_log_visit_start_steps_each_have_a_positive()
    {
        var dataset = SyntheticLog.BusyShop();
        var data = new PreparedData(dataset, EvaluationProtocol.Prepare(dataset.Interactions), 42);
        var settings = new LearningSettings(PoolSize: 5, RandomNegatives: 3, MaxSteps: 1000, StartShare: 0.5, Horizon: TimeSpan.FromDays(7), VisitStarts: true);

        var visits = OutcomeCollector.Collect(data.Train, settings);

        Assert.True(visits.Steps > 0);
        Assert.All(visits.Examples.GroupBy(e => e.Step), step => Assert.Contains(step, e => e.Reward > 0));
    }

    private static int[] PositivesPerStep(RewardExamples examples) =>
        [.. examples.Examples.GroupBy(e => e.Step).OrderBy(g => g.Key).Select(g => (int)g.Sum(e => e.Reward))];
}
