namespace Personalize.Sdk.Statistics;

/// <summary>
/// A fixed set of small spin locks, one per stripe, each on a cache line of its own, for critical
/// sections of a few array writes taken several times per event. An uncontended
/// <see cref="Lock"/> costs two interlocked operations and a thread-id read (about 13 ns a pair
/// on the 2-core CI machine); this costs one compare-exchange to enter and a release store to
/// leave (about 3 ns). A waiter spins, then yields its core (<see cref="SpinWait"/>, never a
/// timed sleep, which would cost a millisecond or more): a holder preempted mid-section gets to run,
/// and a long hold (growing, rebasing, forgetting: every stripe) costs waiters yields, not sleeps.
/// Not reentrant.
/// </summary>
internal sealed class StripeLocks
{
    // 16 ints fill a 64-byte line: two cores taking different stripes never write one line. The
    // first line of the array is left empty: it holds the array's length, read by every Enter.
    private const int Spacing = 16;

    private readonly int[] _states;

    /// <summary>Creates <paramref name="count"/> stripes, all free.</summary>
    /// <param name="count">How many stripes.</param>
    public StripeLocks(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
        _states = new int[(count + 2) * Spacing];
    }

    /// <summary>How many stripes.</summary>
    public int Count { get; }

    /// <summary>Takes the stripe, waiting while another thread holds it; disposing the scope releases it.</summary>
    /// <param name="stripe">The stripe, in [0, <see cref="Count"/>).</param>
    public Scope Enter(int stripe)
    {
        ref var state = ref _states[(stripe + 1) * Spacing];
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0)
        {
            Wait(ref state);
        }

        return new Scope(ref state);
    }

    /// <summary>Takes every stripe, in order (as every caller that takes more than one does), so nothing else writes.</summary>
    public void EnterAll()
    {
        for (var stripe = 0; stripe < Count; stripe++)
        {
            Enter(stripe);
        }
    }

    /// <summary>Releases every stripe <see cref="EnterAll"/> took.</summary>
    public void ExitAll()
    {
        for (var stripe = Count - 1; stripe >= 0; stripe--)
        {
            Volatile.Write(ref _states[(stripe + 1) * Spacing], 0);
        }
    }

    private static void Wait(ref int state)
    {
        var spinner = default(SpinWait);
        do
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        while (Volatile.Read(ref state) != 0 || Interlocked.CompareExchange(ref state, 1, 0) != 0);
    }

    /// <summary>A held stripe; disposing it releases the stripe (a release store: the writes made under it are seen first).</summary>
    public readonly ref struct Scope
    {
        private readonly ref int _state;

        internal Scope(ref int state) => _state = ref state;

        /// <summary>Releases the stripe.</summary>
        public void Dispose() => Volatile.Write(ref _state, 0);
    }
}
