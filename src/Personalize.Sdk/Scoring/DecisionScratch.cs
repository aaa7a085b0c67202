using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Scoring;

/// <summary>
/// The working memory of one decision: candidate indices, the signal matrix, scores and the
/// top-K heap. One instance is kept per thread and reused, so a warm decision allocates nothing;
/// buffers only grow.
/// </summary>
internal sealed class DecisionScratch
{
    [ThreadStatic]
    private static DecisionScratch? t_cached;

    private int[] _candidates = new int[256];
    private float[] _matrix = new float[1024];
    private float[] _scores = new float[256];
    private float[] _categoryTable = new float[64];
    private double[] _categoryValues = new double[64];
    private float[] _attributeTable = new float[64];
    private float[] _itemTable = new float[256];
    private bool[] _itemFlags = new bool[256];
    private bool[] _eligible = new bool[256];
    private bool[] _eligibleBefore = new bool[256];
    private int[] _kept = new int[256];
    private bool[] _categoryFlags = new bool[64];
    private bool[] _attributeFlags = new bool[64];
    private int[] _heap = new int[16];
    private long[] _heapKeys = new long[16];
    private int[] _deferred = new int[16];
    private SignalRun[] _signalRuns = new SignalRun[16];
    private Array? _stageBuffer;
    private readonly HashSet<string> _seenKeys = new(StringComparer.Ordinal);

    // The last candidate keys resolved, so a page that ranks the same list again skips the lookups.
    private string[] _lastKeys = [];
    private int _lastKeyCount = -1;
    private int _lastResolvedCount;
    private int _lastUnknownCount;
    private long _lastCatalogStamp = -1;

    /// <summary>The decision's copy of the user's profile.</summary>
    public ProfileData Profile { get; } = new DecisionProfile();

    /// <summary>The neighbour lists the co-occurrence signal scored this decision from.</summary>
    public NeighbourCopy Neighbours { get; } = new();

    /// <summary>Takes this thread's scratch (or a new one, if a provider re-enters <c>Rank</c>).</summary>
    public static DecisionScratch Rent()
    {
        var scratch = t_cached ?? new DecisionScratch();
        t_cached = null;
        return scratch;
    }

    /// <summary>
    /// Gives the scratch back to its thread. The profile copy (and the links read from its recent
    /// items) is cleared first, so no thread keeps a person's data (or key) between decisions, and
    /// an erased person leaves no copy behind.
    /// </summary>
    public static void Return(DecisionScratch scratch)
    {
        scratch.Profile.Clear();
        scratch.Neighbours.Clear();
        t_cached = scratch;
    }

    public Span<int> Candidates(int length) => Grow(ref _candidates, length).AsSpan(0, length);

    /// <summary>
    /// Whether <see cref="Candidates"/> still holds the resolution of exactly these keys (the same
    /// string instances, in the same order) against this catalog snapshot. Pages that rank the same
    /// list again and again skip every key lookup; a list that differs in any element is resolved anew.
    /// <paramref name="unknown"/> is how many of those keys the catalog does not hold.
    /// </summary>
    public bool TryReuseCandidates(ReadOnlySpan<string> keys, long catalogStamp, out int resolved, out int unknown)
    {
        resolved = _lastResolvedCount;
        unknown = _lastUnknownCount;
        if (catalogStamp != _lastCatalogStamp || keys.Length != _lastKeyCount)
        {
            return false;
        }

        var last = _lastKeys.AsSpan(0, keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            if (!ReferenceEquals(keys[i], last[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Remembers which keys <see cref="Candidates"/> now resolves.</summary>
    public void RememberCandidates(ReadOnlySpan<string> keys, long catalogStamp, int resolved, int unknown)
    {
        keys.CopyTo(Grow(ref _lastKeys, keys.Length));
        (_lastKeyCount, _lastResolvedCount, _lastUnknownCount, _lastCatalogStamp) = (keys.Length, resolved, unknown, catalogStamp);
    }

    /// <summary>The [signals x candidates] matrix, one column per signal, each column contiguous; cleared on request.</summary>
    public Span<float> Matrix(int length, bool clear)
    {
        var span = Grow(ref _matrix, length).AsSpan(0, length);
        if (clear)
        {
            span.Clear();
        }

        return span;
    }

    public Span<float> Scores(int length, bool clear)
    {
        var span = Grow(ref _scores, length).AsSpan(0, length);
        if (clear)
        {
            span.Clear();
        }

        return span;
    }

    public Span<int> Heap(int length) => Grow(ref _heap, length).AsSpan(0, length);

    /// <summary>The top-K heap's keys (<see cref="TopK.Select"/>); contents are stale.</summary>
    public Span<long> HeapKeys(int length) => Grow(ref _heapKeys, length).AsSpan(0, length);

    /// <summary>Positions the per-category cap sets aside; contents are stale.</summary>
    public Span<int> Deferred(int length) => Grow(ref _deferred, length).AsSpan(0, length);

    /// <summary>A table by category id, all zero; a provider that writes to it must zero what it wrote.</summary>
    public Span<float> CategoryTable(int length) => Grow(ref _categoryTable, length).AsSpan(0, length);

    /// <summary>A table of doubles by category id, all zero; a provider that writes to it must zero what it wrote.</summary>
    public Span<double> CategoryValues(int length) => Grow(ref _categoryValues, length).AsSpan(0, length);

    /// <summary>A table by attribute id, all zero; a provider that writes to it must zero what it wrote.</summary>
    public Span<float> AttributeTable(int length) => Grow(ref _attributeTable, length).AsSpan(0, length);

    /// <summary>A table by item index, all zero; a provider that writes to it must zero what it wrote.</summary>
    public Span<float> ItemTable(int length) => Grow(ref _itemTable, length).AsSpan(0, length);

    /// <summary>Flags by item index, all false; whoever sets one must clear it again.</summary>
    public Span<bool> ItemFlags(int length) => Grow(ref _itemFlags, length).AsSpan(0, length);


    /// <summary>
    /// A buffer for an engine stage's own values (the holdout assignments), kept with the rest of
    /// the decision's working memory so a decision re-entered from a provider gets its own.
    /// </summary>
    public Span<T> StageBuffer<T>(int length)
    {
        if (_stageBuffer is not T[] buffer || buffer.Length < length)
        {
            _stageBuffer = buffer = new T[Math.Max(length, 4)];
        }

        return buffer.AsSpan(0, length);
    }

    /// <summary>How each signal's computation went in this decision, by signal index.</summary>
    public Span<SignalRun> SignalRuns(int length) => Grow(ref _signalRuns, length).AsSpan(0, length);

    /// <summary>Flags by category id, all false; whoever sets one must clear it again.</summary>
    public Span<bool> CategoryFlags(int length) => Grow(ref _categoryFlags, length).AsSpan(0, length);

    /// <summary>Flags by attribute id, all false; whoever sets one must clear it again.</summary>
    public Span<bool> AttributeFlags(int length) => Grow(ref _attributeFlags, length).AsSpan(0, length);

    /// <summary>One eligibility flag per candidate, all true.</summary>
    public Span<bool> Eligible(int length)
    {
        var span = Grow(ref _eligible, length).AsSpan(0, length);
        span.Fill(true);
        return span;
    }

    /// <summary>A copy of the eligibility flags taken before a guardrail runs, to undo it if it throws; contents are stale.</summary>
    public Span<bool> EligibleBefore(int length) => Grow(ref _eligibleBefore, length).AsSpan(0, length);

    /// <summary>A set of keys, empty; whoever adds to it must clear it again. Its capacity only grows.</summary>
    public HashSet<string> SeenKeys() => _seenKeys;

    /// <summary>The candidates left after the guardrails.</summary>
    public Span<int> Kept(int length) => Grow(ref _kept, length).AsSpan(0, length);

    private static T[] Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }

        return buffer;
    }
}
