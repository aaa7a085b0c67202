using Personalize.Evaluation.Data;

namespace Personalize.Evaluation.Protocol;

/// <summary>A data set after the protocol: the indexed training set and the test interactions.</summary>
internal sealed class PreparedData
{
    /// <summary>Indexes <paramref name="split"/> of <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The loaded data set (for its catalog and event kind).</param>
    /// <param name="split">The protocol's split of it.</param>
    /// <param name="seed">Seeds the candidate order.</param>
    public PreparedData(Dataset dataset, TemporalSplit split, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(split);
        Split = split;
        Train = new TrainingSet(split.Train, dataset.Catalog, dataset.EventKind, seed);
        Test = Train.Index(split.Test);
        Relevant = Test
            .GroupBy(e => e.User)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(e => e.Item).ToHashSet());
    }

    /// <summary>The protocol's split.</summary>
    public TemporalSplit Split { get; }

    /// <summary>The indexed training set.</summary>
    public TrainingSet Train { get; }

    /// <summary>The test interactions, indexed, in time order.</summary>
    public IReadOnlyList<IndexedEvent> Test { get; }

    /// <summary>Each test user's test items, by user index (in index order).</summary>
    public IReadOnlyDictionary<int, IReadOnlySet<int>> Relevant { get; }

    /// <summary>The time decisions for the test are made at.</summary>
    public DateTimeOffset SplitTime => Split.SplitTime;
}
