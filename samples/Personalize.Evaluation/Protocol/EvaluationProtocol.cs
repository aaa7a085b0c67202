using Personalize.Evaluation.Data;

namespace Personalize.Evaluation.Protocol;

/// <summary>
/// The fixed protocol, after Shevchenko et al. (KDD 2024): drop repeated (user, item) pairs keeping
/// the earliest; keep items, then users, with at least 5 interactions (one pass each, not to a fixed
/// point); split globally at the 0.9 quantile of timestamps; keep test rows whose user and item are
/// both in training.
/// </summary>
internal static class EvaluationProtocol
{
    /// <summary>Applies the whole protocol to a log.</summary>
    public static TemporalSplit Prepare(IReadOnlyList<Interaction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var deduplicated = Deduplicate(interactions);
        var items = FilterItems(deduplicated, ProtocolSettings.MinInteractions);
        var users = FilterUsers(items, ProtocolSettings.MinInteractions);
        if (users.Count == 0)
        {
            // Nothing to split: said as what it is, not as a quantile of nothing.
            throw new InvalidDataException($"The log is too small for the protocol: none of its {interactions.Count:N0} interactions is left after the {ProtocolSettings.MinInteractions}-interaction filters.");
        }

        var split = Split(users, ProtocolSettings.SplitQuantile);

        // The same filters over the training period alone keep a subset of the training rows: the
        // whole log's counts are at least the training period's.
        IReadOnlyList<Interaction> beforeSplit = [.. deduplicated.Where(i => i.Timestamp <= split.SplitTime)];
        var trainingAlone = FilterUsers(FilterItems(beforeSplit, ProtocolSettings.MinInteractions), ProtocolSettings.MinInteractions);
        return split with
        {
            TrainingPeriodAlone = trainingAlone,
            Statistics = split.Statistics with
            {
                Loaded = interactions.Count,
                Deduplicated = deduplicated.Count,
                ItemFiltered = items.Count,
                UserFiltered = users.Count,
                TrainRowsKeptThroughTestPeriod = split.Train.Count - trainingAlone.Count,
            },
        };
    }

    /// <summary>
    /// A validation split for tuning: the training rows split again the same way (the last 10% by
    /// time), with no new de-duplication or filtering. No test-period row is fitted on or scored;
    /// the test period counts only in the protocol's 5-interaction filters, which chose the training
    /// rows (<see cref="ProtocolStatistics.TrainRowsKeptThroughTestPeriod"/>). Window 1 is
    /// that split; window k is window k-1's fit rows split again, so windows step back in time and
    /// never overlap.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    /// <summary>
    /// Throws when <paramref name="split"/>, validation window <paramref name="window"/> of
    /// <paramref name="dataset"/>, has no test user: every metric would be an average over nobody,
    /// and a run or a search that scored it would print zeros.
    /// </summary>
    /// <exception cref="InvalidDataException">The window has no test user.</exception>
    public static void RequireTestUsers(TemporalSplit split, string dataset, int window)
    {
        if (split.Statistics.TestUsers == 0)
        {
            throw new InvalidDataException($"{dataset}: validation window {window} has no test user (a user and an item seen before it): the log is too small for it.");
        }
    }

    public static TemporalSplit ValidationSplit(IReadOnlyList<Interaction> train, int window = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var split = Split(train, ProtocolSettings.SplitQuantile);
        for (var k = 2; k <= window; k++)
        {
            split = Split(split.Train, ProtocolSettings.SplitQuantile);
        }

        return split;
    }

    /// <summary>Keeps the earliest interaction of each (user, item) pair, in time order.</summary>
    public static IReadOnlyList<Interaction> Deduplicate(IReadOnlyList<Interaction> interactions)
    {
        var seen = new HashSet<(string User, string Item)>();
        var kept = new List<Interaction>(interactions.Count);
        foreach (var interaction in TimeOrdered(interactions))
        {
            if (seen.Add((interaction.UserKey, interaction.ItemKey)))
            {
                kept.Add(interaction);
            }
        }

        return kept;
    }

    /// <summary>Keeps the interactions of items that have at least <paramref name="minimum"/> of them.</summary>
    public static IReadOnlyList<Interaction> FilterItems(IReadOnlyList<Interaction> interactions, int minimum)
    {
        var counts = interactions.CountBy(i => i.ItemKey, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        return [.. interactions.Where(i => counts[i.ItemKey] >= minimum)];
    }

    /// <summary>Keeps the interactions of users that have at least <paramref name="minimum"/> of them.</summary>
    public static IReadOnlyList<Interaction> FilterUsers(IReadOnlyList<Interaction> interactions, int minimum)
    {
        var counts = interactions.CountBy(i => i.UserKey, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        return [.. interactions.Where(i => counts[i.UserKey] >= minimum)];
    }

    /// <summary>
    /// The <paramref name="quantile"/> of the timestamps, with linear interpolation between the two
    /// nearest order statistics (numpy's and pandas' default): position q * (n - 1) of the sorted values,
    /// rounded to the nearest tick.
    /// </summary>
    /// <exception cref="ArgumentException">There are no timestamps.</exception>
    public static DateTimeOffset Quantile(IEnumerable<DateTimeOffset> timestamps, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1d);
        long[] ticks = [.. timestamps.Select(t => t.UtcTicks)];
        if (ticks.Length == 0)
        {
            throw new ArgumentException("No timestamps to take a quantile of.", nameof(timestamps));
        }

        Array.Sort(ticks);
        var position = quantile * (ticks.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, ticks.Length - 1);
        var fraction = position - lower;
        var value = ticks[lower] + (long)Math.Round((ticks[upper] - ticks[lower]) * fraction);
        return new DateTimeOffset(value, TimeSpan.Zero);
    }

    /// <summary>
    /// Splits at the <paramref name="quantile"/> of all timestamps: train is at or before it, test
    /// after it; test rows are then kept only when both their user and their item are in train.
    /// </summary>
    public static TemporalSplit Split(IReadOnlyList<Interaction> interactions, double quantile)
    {
        var ordered = TimeOrdered(interactions).ToArray();
        var splitTime = Quantile(ordered.Select(i => i.Timestamp), quantile);
        Interaction[] train = [.. ordered.Where(i => i.Timestamp <= splitTime)];
        Interaction[] after = [.. ordered.Where(i => i.Timestamp > splitTime)];
        var trainUsers = train.Select(i => i.UserKey).ToHashSet(StringComparer.Ordinal);
        var trainItems = train.Select(i => i.ItemKey).ToHashSet(StringComparer.Ordinal);
        Interaction[] test = [.. after.Where(i => trainUsers.Contains(i.UserKey) && trainItems.Contains(i.ItemKey))];
        var statistics = new ProtocolStatistics(
            interactions.Count,
            interactions.Count,
            interactions.Count,
            interactions.Count,
            train.Length,
            after.Length,
            test.Length,
            trainUsers.Count,
            trainItems.Count,
            test.Select(i => i.UserKey).Distinct(StringComparer.Ordinal).Count());
        return new TemporalSplit(train, test, splitTime, statistics);
    }

    /// <summary>The interactions in time order; a stable sort, so equal times keep their order.</summary>
    private static IEnumerable<Interaction> TimeOrdered(IReadOnlyList<Interaction> interactions) =>
        interactions.OrderBy(i => i.Timestamp);
}
