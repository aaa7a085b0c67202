namespace Personalize.Sdk.Learning;

/// <summary>A learning decision as the request path made it, before it has an id: spans over the thread's learning scratch.</summary>
internal readonly ref struct PendingChoice
{
    public required int Placement { get; init; }

    public required ServingPolicy Policy { get; init; }

    public required int Version { get; init; }

    public required float Confidence { get; init; }

    /// <summary>The diversity cap in force (0: none).</summary>
    public required int MaxPerCategory { get; init; }

    /// <summary>The pool's catalog indexes, best of the configured mix first.</summary>
    public required ReadOnlySpan<int> Items { get; init; }

    /// <summary>The pool's category ids (negative: none).</summary>
    public required ReadOnlySpan<int> Categories { get; init; }

    /// <summary>The configured weights' score of each pool candidate; empty for control decisions.</summary>
    public required ReadOnlySpan<float> DefaultScores { get; init; }

    /// <summary>The pool's signal values, candidate by candidate (pool × signals); empty for control decisions.</summary>
    public required ReadOnlySpan<float> Signals { get; init; }

    /// <summary>The pool position shown in each slot.</summary>
    public required ReadOnlySpan<int> Chosen { get; init; }

    /// <summary>The probability of each slot's choice.</summary>
    public required ReadOnlySpan<double> Probabilities { get; init; }

    /// <summary>The catalog indexes of the items shown after the pool's slots, in order: not logged for learning, but shown.</summary>
    public required ReadOnlySpan<int> Beyond { get; init; }

    /// <summary>Which signals the decision computed (its placement plan's weighed ones, shared by every decision of that plan).</summary>
    public required bool[] Computed { get; init; }
}
