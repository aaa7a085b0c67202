namespace Personalize.Sdk.Learning;

/// <summary>
/// The thread's buffers for one learning decision: the pool, its features and the chosen slate,
/// made once per thread and grown only for a larger pool or more signals, so a warm decision
/// allocates nothing. It holds the decision between choosing it and logging it.
/// </summary>
internal sealed class LearningScratch
{
    [ThreadStatic]
    private static LearningScratch? t_current;

    // The thread's scratch before the last switch: two personalizers with different signal counts
    // deciding in turn on one thread swap these instead of allocating anew at each decision.
    [ThreadStatic]
    private static LearningScratch? t_previous;

    private LearningScratch(int pool, int signals)
    {
        Pool = pool;
        SignalCount = signals;
        Items = new int[pool];
        Categories = new int[pool];
        SignalValues = new float[pool * signals];
        Scores = new float[pool];
        DefaultScores = new float[pool];
        Chosen = new int[pool];
        Probabilities = new double[pool];
    }

    public int Pool { get; }

    public int SignalCount { get; }

    public int[] Items { get; }

    public int[] Categories { get; }

    public float[] SignalValues { get; }

    public float[] Scores { get; }

    /// <summary>The configured weights' score of each pool candidate.</summary>
    public float[] DefaultScores { get; }

    public int[] Chosen { get; }

    public double[] Probabilities { get; }

    /// <summary>Positions in the decision's candidates, slot by slot (the pipeline's "selected").</summary>
    public int[] Selected { get; private set; } = new int[64];

    /// <summary>The catalog indexes of the items shown after the pool's slots (a count beyond <see cref="LearningOptions.CandidatePool"/>).</summary>
    public int[] Beyond { get; private set; } = new int[64];

    // The decision being made: set by the stage that chooses, read by the one that logs.
    public int PoolCount { get; set; }

    public int SlotCount { get; set; }

    /// <summary>How many of <see cref="Beyond"/> the decision showed.</summary>
    public int BeyondCount { get; set; }

    public ServingPolicy Policy { get; set; }

    public int Version { get; set; }

    public float Confidence { get; set; }

    /// <summary>The learned weights the slots were scored with; null when the configured weights served.</summary>
    public double[]? Theta { get; set; }

    public int MaxPerCategory { get; set; }

    /// <summary>Whether a choice is waiting to be logged.</summary>
    public bool HasChoice { get; set; }

    public static LearningScratch For(int pool, int signals)
    {
        var scratch = t_current;
        if (scratch is null || scratch.Pool < pool || scratch.SignalCount != signals)
        {
            var previous = t_previous;
            t_previous = scratch;
            scratch = previous is not null && previous.Pool >= pool && previous.SignalCount == signals
                ? previous
                : new LearningScratch(Math.Max(pool, 64), signals);
            t_current = scratch;
        }

        return scratch;
    }

    public Span<int> SelectedFor(int length)
    {
        if (Selected.Length < length)
        {
            Selected = new int[length];
        }

        return Selected.AsSpan(0, length);
    }

    /// <summary><see cref="Beyond"/> for <paramref name="length"/> items, grown (once per thread and size) when it is too small.</summary>
    public Span<int> BeyondFor(int length)
    {
        if (Beyond.Length < length)
        {
            Beyond = new int[length];
        }

        BeyondCount = length;
        return Beyond.AsSpan(0, length);
    }

    public PendingChoice Choice(int placement, bool[] computed) => new()
    {
        Placement = placement,
        Computed = computed,
        Policy = Policy,
        Version = Version,
        Confidence = Confidence,
        MaxPerCategory = MaxPerCategory,
        Items = Items.AsSpan(0, PoolCount),
        Categories = Categories.AsSpan(0, PoolCount),
        Signals = Policy == ServingPolicy.Control ? [] : SignalValues.AsSpan(0, PoolCount * SignalCount),
        DefaultScores = Policy == ServingPolicy.Control ? [] : DefaultScores.AsSpan(0, PoolCount),
        Chosen = Chosen.AsSpan(0, SlotCount),
        Probabilities = Probabilities.AsSpan(0, SlotCount),
        Beyond = Beyond.AsSpan(0, BeyondCount),
    };
}
