using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Protocol;

/// <summary>
/// The prequential ("test, then train") walk over the test period, in time order. Events that share
/// a timestamp (one invoice) form one moment: for each user of the moment, one list of 10 is ranked
/// over the training items minus every item the user interacted with before that moment (training
/// and earlier test events); each of the user's events at that moment is a hit when its item is in
/// the list. Then, in live mode, the moment's events are given to the recommender
/// (<see cref="IIncrementalRecommender.Observe"/>, the SDK's <c>Track</c>); in frozen mode they are not,
/// so the model stays as fitted at the split. Exclusions follow the log in both modes.
/// </summary>
internal static class PrequentialEvaluator
{
    /// <summary>The default number of equal-count time buckets.</summary>
    public const int DefaultBuckets = 5;

    /// <summary>Walks the test period with a fitted recommender.</summary>
    /// <param name="name">The series' name.</param>
    /// <param name="recommender">The fitted recommender; it must be incremental when <paramref name="live"/>.</param>
    /// <param name="data">The prepared data.</param>
    /// <param name="live">Whether to give each moment's events to the recommender after ranking.</param>
    /// <param name="buckets">How many equal-count buckets to report.</param>
    /// <param name="progress">Receives the share of events done.</param>
    /// <exception cref="ArgumentException"><paramref name="live"/> with a recommender that cannot learn incrementally.</exception>
    public static PrequentialSeries Run(string name, IRecommender recommender, PreparedData data, bool live, int buckets = DefaultBuckets, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buckets);
        var incremental = recommender as IIncrementalRecommender;
        if (live && incremental is null)
        {
            throw new ArgumentException($"{recommender.Name} cannot learn incrementally.", nameof(recommender));
        }

        var events = data.Test;
        var hits = new bool[events.Count];
        var seen = new Dictionary<int, List<int>>();
        var candidates = new CandidateBuilder(data.Train);
        var top = new int[ProtocolSettings.K];
        var byUser = new Dictionary<int, List<int>>();
        for (var start = 0; start < events.Count;)
        {
            var moment = events[start].Timestamp;
            var end = start;
            while (end < events.Count && events[end].Timestamp == moment)
            {
                end++;
            }

            byUser.Clear();
            for (var i = start; i < end; i++)
            {
                if (!byUser.TryGetValue(events[i].User, out var indices))
                {
                    byUser.Add(events[i].User, indices = []);
                }

                indices.Add(i);
            }

            foreach (var (user, indices) in byUser)
            {
                if (!seen.TryGetValue(user, out var history))
                {
                    seen.Add(user, history = [.. data.Train.UserItems[user]]);
                }

                var written = recommender.Recommend(user, candidates.Build(history), moment, top);
                foreach (var i in indices)
                {
                    hits[i] = Array.IndexOf(top, events[i].Item, 0, written) >= 0;
                }
            }

            for (var i = start; i < end; i++)
            {
                if (live)
                {
                    incremental!.Observe(events[i]);
                }

                seen[events[i].User].Add(events[i].Item);
            }

            start = end;
            progress?.Report((double)end / events.Count);
        }

        return new PrequentialSeries(name, Bucketize(events, hits, buckets));
    }

    /// <summary>Splits the events into <paramref name="count"/> equal-count buckets in time order: event i goes to bucket i * count / n.</summary>
    private static PrequentialBucket[] Bucketize(IReadOnlyList<IndexedEvent> events, bool[] hits, int count)
    {
        var result = new List<PrequentialBucket>(count);
        for (var b = 0; b < count; b++)
        {
            var from = (int)((long)b * events.Count / count);
            var to = (int)((long)(b + 1) * events.Count / count);
            if (to > from)
            {
                result.Add(new PrequentialBucket(events[from].Timestamp, events[to - 1].Timestamp, to - from, hits[from..to].Count(h => h)));
            }
        }

        return [.. result];
    }
}
