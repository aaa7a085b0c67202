using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Sdk;

namespace Personalize.Evaluation.Learning;

/// <summary>
/// Replays a training period through the SDK (public API only, the default mix) and, before
/// sampled events, asks it for the user's top <see cref="LearningSettings.PoolSize"/>: those
/// candidates, the item the user actually took next and a few random candidates are then ranked
/// again on a probe placement that weights every signal 1 with <c>Explain = true</c>, whose
/// explanations carry each signal's value. Reward is 1 for the item taken next, 0 for the rest; or,
/// with <see cref="LearningSettings.Horizon"/> H, 1 for every candidate the user takes from the
/// step's event to H after it (each added to the step if outside the pool), 0 for the rest.
/// With <see cref="LearningSettings.VisitStarts"/> steps are sampled only at the first event of a
/// user's visit (a timestamp later than the user's previous event), before any event of that visit
/// is tracked, and the visit's whole basket and whatever follows within H are the positives.
/// Only the training set it is given is read.
/// </summary>
internal static class OutcomeCollector
{
    /// <summary>The placement whose weights are all 1, so every signal's value shows in an explanation.</summary>
    public const string ProbePlacement = "learning-probe";

    /// <summary>Collects the examples of <paramref name="train"/>.</summary>
    public static RewardExamples Collect(TrainingSet train, LearningSettings settings)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(settings);
        var signals = SdkSignals.All.ToArray();
        var clock = new FakeTimeProvider(train.Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPersonalization(options =>
        {
            SdkConfiguration.Default.Apply(options);
            var probe = new PlacementOptions();
            foreach (var signal in signals)
            {
                probe.Weights[signal] = 1f;
                probe.ColdStartWeights[signal] = 1f;
            }

            options.Placements[ProbePlacement] = probe;
        }).AddCatalog(train.Catalog);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();

        var events = train.Events;
        var first = (int)(events.Count * settings.StartShare);
        var visitStarts = settings.VisitStarts;
        if (visitStarts && settings.Horizon is null)
        {
            throw new ArgumentException("Steps at visit starts need a reward horizon.", nameof(settings));
        }

        var eligible = visitStarts ? CountVisitStarts(events, train.UserKeys.Count, first) : events.Count - first;
        var probability = Math.Min(1.0, (double)settings.MaxSteps / Math.Max(1, eligible));
        var random = new Random(settings.Seed);
        var seenItem = new bool[train.ItemKeys.Count];
        var userItems = new HashSet<int>[train.UserKeys.Count];
        var candidates = new List<string>(train.ItemKeys.Count);
        var candidateIndex = new List<int>(train.ItemKeys.Count);
        var examples = new List<RewardExample>();
        int steps = 0, inPool = 0;

        // With a horizon: each user's events in time order, and where the replay has reached in them.
        var horizon = settings.Horizon;
        var userEvents = horizon is null ? null : Enumerable.Range(0, events.Count).GroupBy(i => events[i].User).ToDictionary(g => g.Key, g => g.ToArray());
        var userCursor = new int[train.UserKeys.Count];
        var lastTime = new DateTimeOffset[train.UserKeys.Count];
        var positives = new List<int>();
        var positiveKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < events.Count; e++)
        {
            var interaction = events[e];
            if (interaction.Timestamp > clock.GetUtcNow())
            {
                clock.SetUtcNow(interaction.Timestamp);
            }

            var own = userItems[interaction.User] ??= [];
            var sampled = visitStarts
                ? e >= first && own.Count > 0 && interaction.Timestamp > lastTime[interaction.User] && random.NextDouble() < probability
                : e >= first && seenItem[interaction.Item] && own.Count > 0 && random.NextDouble() < probability;
            if (sampled && visitStarts)
            {
                // Nothing of this visit is tracked yet (this is the user's first event at its time):
                // the basket and the later visits within H are the positives; none, no step.
                HorizonItems(events, userEvents![interaction.User], userCursor[interaction.User], settings.Horizon!.Value, seenItem, own, positives);
                sampled = positives.Count > 0;
            }

            if (sampled)
            {
                // Candidates: every item seen before now that the user has not had, in the fixed order.
                candidates.Clear();
                candidateIndex.Clear();
                foreach (var item in train.CandidateOrder)
                {
                    if (seenItem[item] && !own.Contains(item))
                    {
                        candidates.Add(train.ItemKeys[item]);
                        candidateIndex.Add(item);
                    }
                }

                var user = train.UserKeys[interaction.User];
                var decision = personalizer.Rank(new PersonalizationRequest(user) { Candidates = candidates.ToArray(), Count = settings.PoolSize });
                var personalized = decision.Variant == DecisionVariant.Personalized;
                var target = train.ItemKeys[interaction.Item];
                var sources = new Dictionary<string, ExampleSource>(StringComparer.Ordinal);
                foreach (var ranked in decision.Items)
                {
                    sources[ranked.ItemKey] = ExampleSource.Pool;
                }

                if (visitStarts)
                {
                    // No single "next item": a step counts as in the pool when any of its positives is.
                    inPool += positives.Any(item => sources.ContainsKey(train.ItemKeys[item])) ? 1 : 0;
                }
                else if (sources.ContainsKey(target))
                {
                    inPool++;
                }
                else
                {
                    sources[target] = ExampleSource.PositiveOutsidePool;
                }

                if (horizon is { } h)
                {
                    if (!visitStarts)
                    {
                        HorizonItems(events, userEvents![interaction.User], userCursor[interaction.User], h, seenItem, own, positives);
                    }

                    positiveKeys.Clear();
                    foreach (var item in positives)
                    {
                        positiveKeys.Add(train.ItemKeys[item]);
                        sources.TryAdd(train.ItemKeys[item], ExampleSource.PositiveOutsidePool);
                    }
                }

                for (var r = 0; r < settings.RandomNegatives && sources.Count < candidates.Count; r++)
                {
                    sources.TryAdd(candidates[random.Next(candidates.Count)], ExampleSource.Random);
                }

                var probe = personalizer.Rank(new PersonalizationRequest(user)
                {
                    Candidates = sources.Keys.ToArray(),
                    Count = sources.Count,
                    Placement = ProbePlacement,
                    Explain = true,
                });
                foreach (var explained in probe.Explanation?.Items ?? [])
                {
                    var values = new float[signals.Length];
                    foreach (var contribution in explained.Contributions)
                    {
                        var s = Array.IndexOf(signals, contribution.Signal);
                        if (s >= 0)
                        {
                            values[s] = contribution.Value;
                        }
                    }

                    var taken = horizon is null ? explained.ItemKey == target : positiveKeys.Contains(explained.ItemKey);
                    examples.Add(new RewardExample(values, taken ? 1 : 0, sources[explained.ItemKey], personalized, steps, candidates.Count));
                }

                steps++;
            }

            personalizer.Track(SdkRecommender.ToEvent(interaction, train) with { Timestamp = interaction.Timestamp });
            own.Add(interaction.Item);
            seenItem[interaction.Item] = true;
            userCursor[interaction.User]++;
            lastTime[interaction.User] = interaction.Timestamp;
        }

        return new RewardExamples(signals, examples, steps, inPool);
    }

    /// <summary>
    /// How many events from position <paramref name="first"/> on start a visit of a user with
    /// history: the user's previous event is earlier in time (so the user has one).
    /// </summary>
    internal static int CountVisitStarts(IReadOnlyList<IndexedEvent> events, int users, int first)
    {
        var has = new bool[users];
        var last = new DateTimeOffset[users];
        var count = 0;
        for (var e = 0; e < events.Count; e++)
        {
            var interaction = events[e];
            if (e >= first && has[interaction.User] && interaction.Timestamp > last[interaction.User])
            {
                count++;
            }

            has[interaction.User] = true;
            last[interaction.User] = interaction.Timestamp;
        }

        return count;
    }

    /// <summary>
    /// Fills <paramref name="positives"/> with the items of the user's events from position
    /// <paramref name="cursor"/> of <paramref name="userEvents"/> (the step's own event) up to
    /// <paramref name="horizon"/> after it, that are candidates now: seen before and not the user's
    /// already. An item first seen later cannot be ranked at the step and is left out.
    /// </summary>
    internal static void HorizonItems(IReadOnlyList<IndexedEvent> events, int[] userEvents, int cursor, TimeSpan horizon, bool[] seenItem, HashSet<int> own, List<int> positives)
    {
        positives.Clear();
        var end = events[userEvents[cursor]].Timestamp + horizon;
        for (var k = cursor; k < userEvents.Length && events[userEvents[k]].Timestamp <= end; k++)
        {
            var item = events[userEvents[k]].Item;
            if (seenItem[item] && !own.Contains(item) && !positives.Contains(item))
            {
                positives.Add(item);
            }
        }
    }
}
