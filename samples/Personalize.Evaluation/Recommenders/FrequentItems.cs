using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// The items a dense item-by-item model covers: the training items with the most users, at most
/// a given number (ties: the lower item index). A dense model costs memory by the square of its
/// items and its fit (a matrix inverse for EASE) by the cube, so a large catalogue is cut to its
/// most frequent items; items left out get no score and rank below every covered item.
/// </summary>
internal sealed class FrequentItems
{
    private readonly int[] _modelIndexByItem;
    private readonly int[] _itemByModelIndex;

    private FrequentItems(int[] itemByModelIndex, int catalogueSize)
    {
        _itemByModelIndex = itemByModelIndex;
        _modelIndexByItem = new int[catalogueSize];
        Array.Fill(_modelIndexByItem, -1);
        for (var m = 0; m < itemByModelIndex.Length; m++)
        {
            _modelIndexByItem[itemByModelIndex[m]] = m;
        }
    }

    /// <summary>How many items the model covers.</summary>
    public int Count => _itemByModelIndex.Length;

    /// <summary>How many items the training set has.</summary>
    public int CatalogueSize => _modelIndexByItem.Length;

    /// <summary>Whether every training item is covered.</summary>
    public bool IsComplete => Count == CatalogueSize;

    /// <summary>The at most <paramref name="maximum"/> training items with the most users.</summary>
    public static FrequentItems Top(TrainingSet train, int maximum)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximum);
        var counts = train.ItemCounts;
        int[] chosen =
        [
            .. Enumerable.Range(0, counts.Count)
                .OrderByDescending(item => counts[item])
                .ThenBy(item => item)
                .Take(maximum)
                .Order(),
        ];
        return new FrequentItems(chosen, counts.Count);
    }

    /// <summary>The model index of a training item, or -1 when it is not covered.</summary>
    public int ModelIndexOf(int item) => _modelIndexByItem[item];

    /// <summary>The training item at a model index.</summary>
    public int ItemAt(int modelIndex) => _itemByModelIndex[modelIndex];

    /// <summary>Each user's covered items, as model indices.</summary>
    public int[][] MapUsers(TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return [.. train.UserItems.Select(items => items.Select(ModelIndexOf).Where(m => m >= 0).ToArray())];
    }
}
