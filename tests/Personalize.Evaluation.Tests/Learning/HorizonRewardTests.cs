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
    private static TrainingSet HandMade()
    {
        var rows = new List<Personalize.Evaluation.Data.Interaction>();
        string[] seen = ["a", "b", "c", "d", "e", "f"];
        for (var i = 0; i < seen.Length; i++)
        {
            rows.Add(Row("x", seen[i], i * Day));
        }

        rows.Add(Row("u", "a", 10 * Day));
        rows.Add(Row("u", "b", 20 * Day));
        rows.Add(Row("u", "c", 21 * Day));
        rows.Add(Row("u", "g", 22 * Day));
        rows.Add(Row("u", "d", 23 * Day));
        rows.Add(Row("u", "e", 30 * Day));
        var dataset = Dataset(rows);
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

    private static int[] PositivesPerStep(RewardExamples examples) =>
        [.. examples.Examples.GroupBy(e => e.Step).OrderBy(g => g.Key).Select(g => (int)g.Sum(e => e.Reward))];
}
