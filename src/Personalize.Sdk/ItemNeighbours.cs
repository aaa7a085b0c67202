namespace Personalize.Sdk.Extensibility;

/// <summary>
/// An item's next-step neighbours, from <see cref="DecisionContext.GetNextStepNeighbours"/>: two
/// spans of equal length, slot by slot, valid for the decision only.
/// </summary>
public readonly ref struct ItemNeighbours
{
    internal ItemNeighbours(ReadOnlySpan<int> items, ReadOnlySpan<double> weights)
    {
        Items = items;
        Weights = weights;
    }

    /// <summary>The neighbours' item indices; -1 for an empty slot.</summary>
    public ReadOnlySpan<int> Items { get; }

    /// <summary>The neighbours' relative weights, by slot; 0 for an empty slot.</summary>
    public ReadOnlySpan<double> Weights { get; }
}
