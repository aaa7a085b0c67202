namespace Personalize.Sdk.Statistics;

/// <summary>
/// The item-to-item model behind the <c>similar-items</c> signal: which items the same people
/// engage with, normalised the way RP3beta normalises its random walk (Paudel et al., 2016), kept
/// as each item's <see cref="Width"/> most similar items in an immutable table that a background
/// refresh rebuilds and swaps by reference.
/// </summary>
/// <remarks>
/// <para>
/// <b>What is counted.</b> Each liked engagement with item j by a user whose recent items (the
/// profile's last 16 liked items, at most <see cref="Window"/> of them) are R counts once for j
/// (n(j) += 1) and once for each pair (r, j) and (j, r), r in R. A repeat of an item already in R
/// counts nothing. So c(i, j) is how many people engaged with both i and j within a window of
/// their histories: set-based, not only the next step, and symmetric. Counts decay by
/// <see cref="HalfLife"/> (none when zero), by the same epoch scaling as <see cref="ItemStatistics"/>.
/// </para>
/// <para>
/// <b>The similarity</b> of j to i is c(i, j) / (n(i)^α · n(j)^β): α (<see cref="SourceExponent"/>, 0.5)
/// weighs the user's popular items less, β (<see cref="PopularityPenalty"/>, 0.25) penalises popular
/// neighbours (RP3beta's β). Each item keeps its <see cref="Width"/> (32) most similar items. β and
/// the signal's weight were chosen on the evaluation harness's validation windows
/// (QUALITY.md, "Issue 17: a background item-to-item model"); the rest were not searched.
/// </para>
/// <para>
/// <b>Off the request path.</b> <see cref="Append"/> (from <c>Track</c>) copies the event and at
/// most <see cref="Window"/> recent item indices into an inbox under a short lock (one of
/// <see cref="InboxStripes"/>, by thread, so no lock is shared by every event), O(1) and without
/// allocating once its part has grown (within its first 257 events). A timer (every <see cref="RefreshInterval"/>, on the SDK's
/// <see cref="TimeProvider"/>) folds the inbox into the counts and republishes the rows whose counts
/// changed (every row after <see cref="FullRebuildEvery"/> refreshes, a rebase or a forget, so
/// changes in n(j) reach every row). The inbox holds at most <see cref="InboxCapacity"/> events;
/// when a part is half full a fold (which publishes nothing: tables change only on the timer, when a catalog
/// change gives freed item indices to new keys (<see cref="Forget"/>) and when a snapshot's counts
/// are merged (<see cref="PublishAll"/>), so a replay on a fake clock is deterministic) is queued on
/// the thread pool; should it fall behind, the call that finds its part full folds the inbox itself,
/// so no event is lost.
/// </para>
/// <para>
/// <b>Memory</b>, all growing on demand: per item with events, its counts of at most
/// <see cref="CandidateSlots"/> co-engaged items (8 bytes a slot, the slots growing from 8 by
/// doubling, and a hash index of at least two 4-byte entries a slot, so that folding a pair is
/// O(1); beyond that the first lightest is replaced and its count
/// inherited, space-saving, which bounds the error) and one published row of
/// <see cref="Width"/> slots (8 bytes each), plus the inbox (at most 80 bytes per event; a part
/// grows by doubling while it takes at most 256 events between folds, then at once to its whole
/// capacity, about 655 KB, so a busy tracking thread allocates once, not at every doubling; each part
/// keeps a spare it swaps with at a fold, grown by the fold to the size the other reached, so that a
/// tracking thread never regrows one, and neither shrinks: at most twice <see cref="InboxCapacity"/>
/// events' worth, about 10 MB, after heavy tracking).
/// </para>
/// <para>
/// <b>Personal data.</b> Only item-item aggregates are kept. The inbox holds, without any user key,
/// the recent items that came with each event until the next refresh (at most
/// <see cref="RefreshInterval"/>); after it, only counts summed over people remain, as with popularity
/// and the next-step links. An erased person's past engagements stay in those sums, as in popularity.
/// </para>
/// </remarks>
internal sealed class SimilarItems : IDisposable, IThreadPoolWorkItem
{
    /// <summary>How many similar items each item keeps.</summary>
    public const int Width = 32;

    /// <summary>How many of the user's recent items (newest first) an event is paired with.</summary>
    public const int Window = 16;

    /// <summary>α: the exponent of the source item's count in the similarity's denominator.</summary>
    public const double SourceExponent = 0.5;

    /// <summary>β: the exponent of the neighbour's count in the similarity's denominator (RP3beta's popularity penalty).</summary>
    public const double PopularityPenalty = 0.25;

    /// <summary>How the counts decay; zero: they do not (the default: the similarity of two items is not a trend).</summary>
    public static readonly TimeSpan HalfLife = TimeSpan.Zero;

    /// <summary>How many co-engaged items each item counts.</summary>
    public const int CandidateSlots = 128;

    /// <summary>How often the inbox is folded in and changed rows republished.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(15);

    /// <summary>Every how many refreshes with events every row is rebuilt.</summary>
    public const int FullRebuildEvery = 96;

    /// <summary>The most events the inbox holds between two folds.</summary>
    public const int InboxCapacity = 65_536;

    /// <summary>
    /// How many parts the inbox is split into, by the appending thread: an event takes only its
    /// part's lock, so threads tracking at once do not queue on one lock. A part holds at most
    /// <see cref="InboxCapacity"/> ÷ <see cref="InboxStripes"/> events.
    /// </summary>
    public const int InboxStripes = 8;

    private const int StripeCapacity = InboxCapacity / InboxStripes;

    private const double RebaseExponent = 32;

    private readonly InboxStripe[] _stripes = [.. Enumerable.Range(0, InboxStripes).Select(_ => new InboxStripe())];
    private readonly Lock _modelLock = new();
    private readonly double _halfLifeTicks;
    private readonly ITimer? _timer;
    private int _foldQueued;

    // The model, touched only under _modelLock.
    private PairCountRow[] _pairs = [];
    private double[] _itemCounts = [];
    private double[] _penalty = [];
    private double[] _penaltyOf = [];
    private bool[] _dirty = [];
    private bool _anyDirty;
    private bool _rebuildAll;
    private int _refreshesSinceFull;
    private long _epochTicks;
    private readonly float[] _sortKeys = new float[CandidateSlots];
    private readonly int[] _sortItems = new int[CandidateSlots];

    private SimilarItemsTable _table = SimilarItemsTable.Empty;

    /// <summary>A model whose refresh timer runs on <paramref name="timeProvider"/>; null: refreshed only by <see cref="Refresh"/>.</summary>
    public SimilarItems(TimeProvider? timeProvider, DateTimeOffset epoch)
    {
        _halfLifeTicks = HalfLife.Ticks;
        _epochTicks = epoch.UtcTicks;
        _timer = timeProvider?.CreateTimer(static state => ((SimilarItems)state!).Refresh(), this, RefreshInterval, RefreshInterval);
    }

    /// <summary>The published table: read the reference once per decision.</summary>
    public SimilarItemsTable Table => Volatile.Read(ref _table);

    /// <summary>Events waiting for the next refresh.</summary>
    public int Pending
    {
        get
        {
            var pending = 0;
            foreach (var stripe in _stripes)
            {
                lock (stripe.Gate)
                {
                    pending += stripe.Filling.Count;
                }
            }

            return pending;
        }
    }

    /// <summary>
    /// Queues one liked engagement with <paramref name="itemIndex"/> for the next refresh, with the
    /// user's recent items before it (oldest first; the newest <see cref="Window"/> are kept).
    /// </summary>
    public void Append(int itemIndex, long ticks, ReadOnlySpan<int> recentItems)
    {
        if (itemIndex < 0)
        {
            return;
        }

        var recent = recentItems.Length > Window ? recentItems[^Window..] : recentItems;
        if (recent.Contains(itemIndex))
        {
            return;
        }

        // One thread's events share a part, so a replay on one thread folds them in the order tracked.
        var stripe = _stripes[Environment.CurrentManagedThreadId & (InboxStripes - 1)];
        int pending;
        while (true)
        {
            lock (stripe.Gate)
            {
                if (stripe.Filling.Count < StripeCapacity)
                {
                    stripe.Filling.Add(itemIndex, ticks, recent);
                    pending = stripe.Filling.Count;
                    break;
                }
            }

            // The background fold fell behind: this call folds, so no event is lost and a replay
            // folds the same events whatever the thread pool did. Outside the part's lock: Fold
            // takes the model lock first.
            FoldQueued();
        }

        if (pending >= StripeCapacity / 2 && Interlocked.CompareExchange(ref _foldQueued, 1, 0) == 0)
        {
            // Only folds: what decisions see changes on the timer (or a forget or merge), never on a
            // pool thread's schedule, so a replay is deterministic.
            // Queued as itself: a delegate and its state would allocate a work item on the tracking thread.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>
    /// Folds the inbox into the counts and publishes a table with the changed rows rebuilt. Waits for
    /// a fold in progress rather than skipping, so every refresh publishes (a replay on a fake clock
    /// publishes the same tables at the same moments, run after run).
    /// </summary>
    public void Refresh()
    {
        lock (_modelLock)
        {
            RefreshLocked();
        }
    }

    /// <summary>The fold <see cref="Append"/> queued, on a pool thread.</summary>
    void IThreadPoolWorkItem.Execute() => FoldQueued();

    /// <summary>Folds a half-full inbox into the counts off the request path, without publishing.</summary>
    private void FoldQueued()
    {
        lock (_modelLock)
        {
            Fold();
        }
    }

    /// <summary>Forgets the indices (they now belong to new keys): their counts, every count of them, their rows and every link to them; events still in the inbox are folded first.</summary>
    public void Forget(ReadOnlySpan<int> itemIndices)
    {
        lock (_modelLock)
        {
            Fold();
            var forgotten = new bool[_itemCounts.Length];
            foreach (var index in itemIndices)
            {
                if ((uint)index < (uint)forgotten.Length)
                {
                    forgotten[index] = true;
                    _itemCounts[index] = 0;
                    _pairs[index] = default;
                }
            }

            for (var item = 0; item < _pairs.Length; item++)
            {
                _pairs[item].RemoveWhere(forgotten);
            }

            _rebuildAll = true;
            Publish();
        }
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>
    /// Folds the inbox, then hands every item with events to <paramref name="visit"/>: its count
    /// n(i) and its pair counts, for snapshots. Counts do not decay (<see cref="HalfLife"/> is zero),
    /// so they are written as they are.
    /// </summary>
    internal void VisitCounts(CountsVisitor visit)
    {
        lock (_modelLock)
        {
            Fold();
            for (var item = 0; item < _itemCounts.Length; item++)
            {
                if (_itemCounts[item] > 0 || _pairs[item].Count > 0)
                {
                    visit(item, _itemCounts[item], _pairs[item].Items, _pairs[item].Counts);
                }
            }
        }
    }

    /// <summary>Adds another model's counts of one item (from a snapshot: disjoint events add up); call <see cref="PublishAll"/> after the last.</summary>
    internal void MergeCounts(int item, double count, ReadOnlySpan<int> pairItems, ReadOnlySpan<float> pairCounts)
    {
        lock (_modelLock)
        {
            var highest = item;
            foreach (var other in pairItems)
            {
                highest = Math.Max(highest, other);
            }

            EnsureLength(highest + 1);
            _itemCounts[item] += count;
            for (var i = 0; i < pairItems.Length; i++)
            {
                Add(item, pairItems[i], pairCounts[i]);
            }
        }
    }

    /// <summary>Publishes a table with every row rebuilt (a merge changes counts every row depends on).</summary>
    internal void PublishAll()
    {
        lock (_modelLock)
        {
            _rebuildAll = true;
            Publish();
        }
    }

    /// <summary>One item's counts, as <see cref="VisitCounts"/> hands them over.</summary>
    internal delegate void CountsVisitor(int item, double count, ReadOnlySpan<int> pairItems, ReadOnlySpan<float> pairCounts);

    private void RefreshLocked()
    {
        Fold();
        if (_anyDirty || _rebuildAll)
        {
            if (++_refreshesSinceFull >= FullRebuildEvery)
            {
                _rebuildAll = true;
            }

            Publish();
        }
    }

    /// <summary>Moves the inbox's events into the counts, part by part, under the model lock.</summary>
    private void Fold()
    {
        // Cleared first, so an event appended after a part was taken can queue the next fold.
        Volatile.Write(ref _foldQueued, 0);
        foreach (var stripe in _stripes)
        {
            // The part swapped in is first grown, here, to the size the one it replaces reached: a
            // tracking thread then never grows it again.
            int reached;
            lock (stripe.Gate)
            {
                reached = stripe.Filling.Capacity;
            }

            stripe.Folding.EnsureCapacity(reached);
            lock (stripe.Gate)
            {
                (stripe.Filling, stripe.Folding) = (stripe.Folding, stripe.Filling);
            }

            FoldEvents(stripe.Folding);
        }
    }

    /// <summary>Adds one part's events to the counts and empties it, under the model lock.</summary>
    private void FoldEvents(Inbox inbox)
    {
        for (var e = 0; e < inbox.Count; e++)
        {
            var item = inbox.Items[e];
            var ticks = inbox.Ticks[e];
            var recent = inbox.RecentOf(e);
            var highest = item;
            foreach (var r in recent)
            {
                highest = Math.Max(highest, r);
            }

            EnsureLength(highest + 1);
            var amount = ScaleAt(ticks);
            _itemCounts[item] += amount;
            foreach (var r in recent)
            {
                if (r < 0)
                {
                    continue;
                }

                Add(r, item, (float)amount);
                Add(item, r, (float)amount);
            }
        }

        inbox.Clear();
    }

    /// <summary>The weight of an event at <paramref name="ticks"/> on the current epoch's scale; rebases first when it would grow too large.</summary>
    private double ScaleAt(long ticks)
    {
        if (_halfLifeTicks <= 0)
        {
            return 1;
        }

        var exponent = (ticks - _epochTicks) / _halfLifeTicks;
        if (exponent > RebaseExponent)
        {
            Rebase(ticks);
            exponent = 0;
        }

        return Math.Exp(exponent * Decay.Ln2);
    }

    private void Rebase(long ticks)
    {
        var factor = double.Exp2((_epochTicks - ticks) / _halfLifeTicks);
        for (var item = 0; item < _itemCounts.Length; item++)
        {
            _itemCounts[item] *= factor;
            _pairs[item].Scale(factor);
        }

        _epochTicks = ticks;
        _rebuildAll = true;
    }

    /// <summary>Adds to c(from, to): an existing slot, a free one, or the first lightest one's (space-saving).</summary>
    private void Add(int from, int to, float amount)
    {
        _dirty[from] = true;
        _anyDirty = true;
        _pairs[from].Add(to, amount, CandidateSlots);
    }

    /// <summary>Publishes a table whose changed rows (every row when due) are rebuilt and the rest shared with the previous table.</summary>
    private void Publish()
    {
        var previous = _table;
        var itemCount = _itemCounts.Length;
        var rowsItems = new int[]?[itemCount];
        var rowsWeights = new float[]?[itemCount];
        previous.CopyRowsTo(rowsItems, rowsWeights);
        for (var item = 0; item < itemCount; item++)
        {
            if (_rebuildAll || _dirty[item])
            {
                (rowsItems[item], rowsWeights[item]) = BuildRow(item);
                _dirty[item] = false;
            }
        }

        if (_rebuildAll)
        {
            _refreshesSinceFull = 0;
        }

        _rebuildAll = false;
        _anyDirty = false;
        Volatile.Write(ref _table, new SimilarItemsTable(Width, rowsItems, rowsWeights));
    }

    /// <summary>Item <paramref name="item"/>'s most similar items, heaviest first; null when it has none.</summary>
    private (int[]? Items, float[]? Weights) BuildRow(int item)
    {
        var pairs = _pairs[item];
        var used = pairs.Count;
        var own = _itemCounts[item];
        if (used == 0 || own <= 0)
        {
            return (null, null);
        }

        var sourceFactor = Math.Pow(own, -SourceExponent);
        var keys = _sortKeys.AsSpan(0, used);
        var neighbours = _sortItems.AsSpan(0, used);
        var found = 0;
        for (var slot = 0; slot < used; slot++)
        {
            var to = pairs.Items[slot];
            var theirs = _itemCounts[to];
            if (theirs <= 0)
            {
                continue;
            }

            // Negated, so an ascending sort puts the most similar first.
            keys[found] = (float)-(pairs.Counts[slot] * sourceFactor * Penalty(to, theirs));
            neighbours[found] = to;
            found++;
        }

        if (found == 0)
        {
            return (null, null);
        }

        keys[..found].Sort(neighbours[..found]);
        var width = Math.Min(found, Width);
        var items = new int[width];
        var weights = new float[width];
        for (var i = 0; i < width; i++)
        {
            items[i] = neighbours[i];
            weights[i] = -keys[i];
        }

        return (items, weights);
    }

    /// <summary>n(j)^-β, computed again only when n(j) changed since.</summary>
    private double Penalty(int item, double count)
    {
        if (_penaltyOf[item] != count)
        {
            _penalty[item] = Math.Pow(count, -PopularityPenalty);
            _penaltyOf[item] = count;
        }

        return _penalty[item];
    }

    private void EnsureLength(int itemCount)
    {
        if (_itemCounts.Length >= itemCount)
        {
            return;
        }

        var length = Math.Max(itemCount, _itemCounts.Length * 2);
        Array.Resize(ref _itemCounts, length);
        Array.Resize(ref _pairs, length);
        Array.Resize(ref _dirty, length);
        Array.Resize(ref _penalty, length);
        Array.Resize(ref _penaltyOf, length);
    }

    /// <summary>
    /// One part of the inbox: the events its threads appended since the last fold, under its own lock,
    /// and the part being folded (under the model lock). The two swap within the part, never with
    /// another part's, so once both have grown to what its threads append between folds, appending
    /// allocates nothing however the folds fall.
    /// </summary>
    private sealed class InboxStripe
    {
        public readonly Lock Gate = new();
        public Inbox Filling = new();
        public Inbox Folding = new();
    }

    /// <summary>
    /// Events between two folds, struct of arrays, growing on demand and reused: by doubling while a
    /// part takes few events between folds (a quiet host keeps a few KB), then, past
    /// <see cref="QuietLength"/>, at once to a part's whole capacity, so a busy host's tracking
    /// thread allocates once per part, not at every doubling.
    /// </summary>
    private sealed class Inbox
    {
        /// <summary>The most events a part holds while it grows by doubling.</summary>
        public const int QuietLength = 256;

        public int[] Items = [];
        public long[] Ticks = [];
        private int[] _recentEnd = [];
        private int[] _recent = [];
        private int _recentCount;

        public int Count { get; private set; }

        /// <summary>How many events it holds without growing.</summary>
        public int Capacity => Items.Length;

        public ReadOnlySpan<int> RecentOf(int e) =>
            _recent.AsSpan(e == 0 ? 0 : _recentEnd[e - 1], _recentEnd[e] - (e == 0 ? 0 : _recentEnd[e - 1]));

        public void Add(int item, long ticks, ReadOnlySpan<int> recent)
        {
            if (Count == Items.Length)
            {
                Grow(Count < QuietLength ? Math.Max(64, Count * 2) : StripeCapacity);
            }

            recent.CopyTo(_recent.AsSpan(_recentCount));
            _recentCount += recent.Length;
            Items[Count] = item;
            Ticks[Count] = ticks;
            _recentEnd[Count] = _recentCount;
            Count++;
        }

        public void Clear()
        {
            Count = 0;
            _recentCount = 0;
        }

        /// <summary>Grows to hold at least <paramref name="length"/> events; called off the request path.</summary>
        public void EnsureCapacity(int length)
        {
            if (Items.Length < length)
            {
                Grow(length);
            }
        }

        // Room for every event's recent items at their most (Window each), so they never grow apart.
        private void Grow(int length)
        {
            Array.Resize(ref Items, length);
            Array.Resize(ref Ticks, length);
            Array.Resize(ref _recentEnd, length);
            Array.Resize(ref _recent, length * Window);
        }
    }
}
