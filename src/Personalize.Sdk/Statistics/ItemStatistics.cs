namespace Personalize.Sdk.Statistics;

/// <summary>
/// Statistics about items across all users, indexed by the stable item index: popularity (over
/// two time scales: the popularity half-life and the shorter trend half-life), and for each item a
/// bounded list of the items people went on to next (co-occurrence).
/// </summary>
/// <remarks>
/// Each decays with a half-life (co-occurrence with the popularity half-life). Rather than decaying every value on every read, each event's
/// weight is scaled up by 2^((t - epoch) / halfLife): ratios between values are then exactly those
/// of the decayed values, and a read is a plain array load. When the scale grows large, the arrays
/// are rebased to a new epoch, copied and swapped, so readers always see consistent arrays.
/// Writes lock only the items they change, one stripe of items at a time (64 stripes by item
/// index), so events about different items do not wait for each other; growing the arrays,
/// rebasing and forgetting take every stripe, in order. Reads take no lock (a reader may see a
/// neighbour list mid-update, which only blurs one co-occurrence score for one decision). When the catalog gives an index to
/// a new key, everything about it is forgotten (<see cref="Forget"/>), links to it included.
/// </remarks>
internal sealed class ItemStatistics : IItemStatistics, IDisposable
{
    /// <summary>How many next-step neighbours each item keeps.</summary>
    public const int NeighbourSlots = 16;

    /// <summary>How many of the user's most recent items an event is linked from.</summary>
    public const int LinkedRecentItems = 5;

    private const double RebaseExponent = 512;

    private const int StripeCount = 64;

    private readonly StripeLocks _stripes = new(StripeCount);
    private readonly double _halfLifeTicks;
    private readonly double _trendHalfLifeTicks;
    private long _epochTicks;
    private double[] _popularity = [];
    private double[] _recentPopularity = [];
    private int[] _neighbours = [];
    private double[] _neighbourWeights = [];
    private long[] _lastEngagedTicks = [];
    // By item index, the catalog build that last gave the index to a new key (Forget): a write
    // checked against an older build is for the old key and lands nowhere.
    private long[] _forgottenAt = [];
    // Whether any index was ever given to a new key: until then no write needs the checks. Set
    // under every stripe, read under one.
    private bool _anyForgotten;
    private readonly SimilarItems _similar;

    /// <summary>Statistics whose popularity and links decay by <paramref name="halfLife"/>, and recent popularity by <paramref name="trendHalfLife"/>.</summary>
    /// <param name="halfLife">The popularity half-life (also the next-step links').</param>
    /// <param name="epoch">The start of the scale.</param>
    /// <param name="trendHalfLife">The half-life of recent popularity; null: a seventh of <paramref name="halfLife"/>.</param>
    /// <param name="timeProvider">The clock of the similar-items model's background refresh; null: it is refreshed only by <see cref="SimilarItemsModel"/>'s <see cref="SimilarItems.Refresh"/>.</param>
    public ItemStatistics(TimeSpan halfLife, DateTimeOffset epoch, TimeSpan? trendHalfLife = null, TimeProvider? timeProvider = null)
    {
        _halfLifeTicks = halfLife.Ticks;
        _trendHalfLifeTicks = (trendHalfLife ?? (halfLife / 7)).Ticks;
        _epochTicks = epoch.UtcTicks;
        _similar = new SimilarItems(timeProvider, epoch);
    }

    /// <summary>The item-to-item model fed by <see cref="Record"/>.</summary>
    public SimilarItems SimilarItemsModel => _similar;

    /// <summary>The similar-items model's published table.</summary>
    public SimilarItemsTable SimilarItems => _similar.Table;

    /// <summary>Scaled popularity by item index; compare values only with each other.</summary>
    public ReadOnlySpan<double> Popularity => Volatile.Read(ref _popularity);

    /// <summary>Scaled popularity over the trend half-life by item index; compare values only with each other.</summary>
    public ReadOnlySpan<double> RecentPopularity => Volatile.Read(ref _recentPopularity);


    /// <summary>The next-step neighbours of an item (-1 for an empty slot) and their scaled weights.</summary>
    public (ReadOnlyMemory<int> Items, ReadOnlyMemory<double> Weights) NeighboursOf(int itemIndex)
    {
        var items = Volatile.Read(ref _neighbours);
        var weights = Volatile.Read(ref _neighbourWeights);
        // In long: a custom signal may pass any index, and a large one must not wrap to a real row.
        var start = (long)itemIndex * NeighbourSlots;
        return itemIndex >= 0 && start + NeighbourSlots <= items.Length && start + NeighbourSlots <= weights.Length
            ? (items.AsMemory((int)start, NeighbourSlots), weights.AsMemory((int)start, NeighbourSlots))
            : (ReadOnlyMemory<int>.Empty, ReadOnlyMemory<double>.Empty);
    }

    /// <summary>
    /// Records one engagement with <paramref name="itemIndex"/>, under one lock and one decay
    /// scale: when it happened, and for a positive weight its popularity and next-step links from
    /// the user's most recent items to it (the newest counts fully, older ones 1/rank). Each
    /// neighbour list keeps its heaviest entries (space-saving: a new neighbour replaces the
    /// lightest and inherits its weight, which bounds the error).
    /// </summary>
    /// <param name="itemIndex">The item engaged with.</param>
    /// <param name="weight">The event's weight.</param>
    /// <param name="ticks">When.</param>
    /// <param name="recentItems">The user's recent items just before this event, oldest first: the similar-items model's window.</param>
    /// <param name="earlier">How many of them, the oldest, are dated at or before the event: the only ones linked to it (all, by default).</param>
    /// <param name="catalogVersion">The catalog build the indices were checked against (no check, by default).</param>
    public void Record(int itemIndex, double weight, long ticks, ReadOnlySpan<int> recentItems, int earlier = int.MaxValue, long catalogVersion = long.MaxValue)
    {
        var from = recentItems[..Math.Min(earlier, recentItems.Length)];
        var count = Math.Min(from.Length, LinkedRecentItems);
        var highest = itemIndex;
        for (var i = 0; i < count; i++)
        {
            highest = Math.Max(highest, from[from.Length - 1 - i]);
        }

        EnsureLength(highest + 1);

        // The exponents the rebase check divides out are the scale's too, while the epoch stays.
        var seenEpoch = Volatile.Read(ref _epochTicks);
        var (exponent, trendExponent) = Exponents(ticks, seenEpoch);
        if (weight > 0 && Math.Max(exponent, trendExponent) > RebaseExponent)
        {
            RebaseIfNeeded(ticks);
        }

        // The scale is computed under a stripe, where no rebase can move the epoch, and again only
        // if a rebase happened between two stripes.
        double scale = 0, trendScale = 0;
        long epoch;
        using (_stripes.Enter(StripeOf(itemIndex)))
        {
            // Under a stripe no Forget runs (it takes them all): the index is the key the event
            // named, or it went to a new key since and nothing of the event may land on it.
            if (ForgottenSince(itemIndex, catalogVersion))
            {
                return;
            }

            MarkEngagedLocked(itemIndex, ticks);
            if (weight <= 0)
            {
                return;
            }

            epoch = _epochTicks;
            if (epoch != seenEpoch)
            {
                (exponent, trendExponent) = Exponents(ticks, epoch);
            }

            (scale, trendScale) = Scale(exponent, trendExponent);
            _popularity[itemIndex] += weight * scale;
            _recentPopularity[itemIndex] += weight * trendScale;

            // Appended under the stripe too, so a Forget (which folds the inbox) runs before or after it, never between.
            AppendSimilar(itemIndex, ticks, recentItems, catalogVersion);
        }

        var rank = 0;
        for (var i = 0; i < count; i++)
        {
            var previous = from[from.Length - 1 - i];
            if (previous == itemIndex)
            {
                continue;
            }

            rank++;
            using (_stripes.Enter(StripeOf(previous)))
            {
                if (ForgottenSince(previous, catalogVersion) || ForgottenSince(itemIndex, catalogVersion))
                {
                    continue;
                }

                if (_epochTicks != epoch)
                {
                    epoch = _epochTicks;
                    (scale, _) = Scale(ticks, epoch);
                }

                Link(previous, itemIndex, weight * scale / rank);
            }
        }
    }

    /// <summary>Records that someone engaged with the item without liking it (a dismissal): the catalog keeps such keys a while.</summary>
    public void MarkEngaged(int itemIndex, long ticks, long catalogVersion = long.MaxValue)
    {
        EnsureLength(itemIndex + 1);
        using (_stripes.Enter(StripeOf(itemIndex)))
        {
            if (!ForgottenSince(itemIndex, catalogVersion))
            {
                MarkEngagedLocked(itemIndex, ticks);
            }
        }
    }

    public long LastEngagedTicks(int itemIndex)
    {
        var engaged = Volatile.Read(ref _lastEngagedTicks);
        return (uint)itemIndex < (uint)engaged.Length ? engaged[itemIndex] : 0;
    }

    /// <summary>Zeroes the indices' popularity, engagement and neighbour lists, and removes every link to them.</summary>
    public void Forget(ReadOnlySpan<int> itemIndices, long catalogVersion = 0)
    {
        EnterAll();
        try
        {
            // Every index is covered, so a write in flight that would grow the arrays to it finds it forgotten.
            var highest = -1;
            foreach (var index in itemIndices)
            {
                highest = Math.Max(highest, index);
            }

            Grow(highest + 1);
            var forgotten = new bool[_popularity.Length];
            foreach (var index in itemIndices)
            {
                if ((uint)index >= (uint)forgotten.Length)
                {
                    continue;
                }

                forgotten[index] = true;
                _forgottenAt[index] = Math.Max(_forgottenAt[index], catalogVersion);
                _anyForgotten = true;
                _popularity[index] = 0;
                _recentPopularity[index] = 0;
                _lastEngagedTicks[index] = 0;
                _neighbours.AsSpan(index * NeighbourSlots, NeighbourSlots).Fill(-1);
                _neighbourWeights.AsSpan(index * NeighbourSlots, NeighbourSlots).Clear();
            }

            for (var slot = 0; slot < _neighbours.Length; slot++)
            {
                if ((uint)_neighbours[slot] < (uint)forgotten.Length && forgotten[_neighbours[slot]])
                {
                    _neighbours[slot] = -1;
                    _neighbourWeights[slot] = 0;
                }
            }

            // Under the stripes too: an event's append, made under its item's stripe, comes before
            // this (and is folded and forgotten here) or after it (and finds the index forgotten).
            _similar.Forget(itemIndices);
        }
        finally
        {
            ExitAll();
        }
    }

    /// <summary>The start of the scale the values are stored at now.</summary>
    internal long EpochTicks => Volatile.Read(ref _epochTicks);

    /// <summary>How many item indices the arrays hold.</summary>
    internal int Length => Volatile.Read(ref _popularity).Length;

    /// <summary>
    /// One item's state, read under its stripe and expressed at <paramref name="epochTicks"/>
    /// (rescaled when a rebase has moved the epoch since): for snapshots. Copies the item's
    /// neighbours into the spans (at least <see cref="NeighbourSlots"/> long) and returns how many.
    /// </summary>
    internal int ReadItem(int itemIndex, long epochTicks, out double popularity, out double recentPopularity, out long lastEngagedTicks, Span<int> neighbours, Span<double> weights)
    {
        using (_stripes.Enter(StripeOf(itemIndex)))
        {
            var (factor, trendFactor) = Factors(_epochTicks, epochTicks);
            popularity = _popularity[itemIndex] * factor;
            recentPopularity = _recentPopularity[itemIndex] * trendFactor;
            lastEngagedTicks = _lastEngagedTicks[itemIndex];
            var count = 0;
            var start = itemIndex * NeighbourSlots;
            for (var slot = start; slot < start + NeighbourSlots; slot++)
            {
                if (_neighbours[slot] >= 0)
                {
                    neighbours[count] = _neighbours[slot];
                    weights[count++] = _neighbourWeights[slot] * factor;
                }
            }

            return count;
        }
    }

    /// <summary>
    /// Moves the epoch to <paramref name="epochTicks"/> when nothing has been recorded yet, so that
    /// merging statistics kept at that epoch copies their values exactly instead of rescaling them.
    /// </summary>
    internal void AdoptEpochIfEmpty(long epochTicks)
    {
        EnterAll();
        try
        {
            if (_popularity.AsSpan().IndexOfAnyExcept(0d) < 0 && _recentPopularity.AsSpan().IndexOfAnyExcept(0d) < 0 && _neighbourWeights.AsSpan().IndexOfAnyExcept(0d) < 0)
            {
                Volatile.Write(ref _epochTicks, epochTicks);
            }
        }
        finally
        {
            ExitAll();
        }
    }

    /// <summary>
    /// Adds another statistics object's state of one item (from a snapshot), kept at
    /// <paramref name="sourceEpochTicks"/>: rescaled to this epoch, then added, since the two saw
    /// disjoint events. Neighbours add their weights to the same neighbour's; the heaviest
    /// <see cref="NeighbourSlots"/> of the union are kept. The later engagement time is kept.
    /// </summary>
    internal void MergeItem(int itemIndex, long sourceEpochTicks, double popularity, double recentPopularity, long lastEngagedTicks, ReadOnlySpan<int> neighbours, ReadOnlySpan<double> weights)
    {
        var highest = itemIndex;
        foreach (var neighbour in neighbours)
        {
            highest = Math.Max(highest, neighbour);
        }

        EnsureLength(highest + 1);
        using (_stripes.Enter(StripeOf(itemIndex)))
        {
            var (factor, trendFactor) = Factors(sourceEpochTicks, _epochTicks);
            _popularity[itemIndex] += popularity * factor;
            _recentPopularity[itemIndex] += recentPopularity * trendFactor;
            MarkEngagedLocked(itemIndex, lastEngagedTicks);
            var items = _neighbours.AsSpan(itemIndex * NeighbourSlots, NeighbourSlots);
            var slotWeights = _neighbourWeights.AsSpan(itemIndex * NeighbourSlots, NeighbourSlots);

            // Same neighbours first, so a neighbour held on both sides competes with its summed weight.
            Span<bool> placed = stackalloc bool[NeighbourSlots];
            for (var i = 0; i < neighbours.Length && i < NeighbourSlots; i++)
            {
                var slot = items.IndexOf(neighbours[i]);
                if (slot >= 0)
                {
                    slotWeights[slot] += weights[i] * factor;
                    placed[i] = true;
                }
            }

            for (var i = 0; i < neighbours.Length && i < NeighbourSlots; i++)
            {
                if (placed[i] || neighbours[i] == itemIndex)
                {
                    continue;
                }

                var weight = weights[i] * factor;
                var slot = items.IndexOf(-1);
                if (slot < 0)
                {
                    slot = 0;
                    for (var j = 1; j < slotWeights.Length; j++)
                    {
                        if (slotWeights[j] < slotWeights[slot])
                        {
                            slot = j;
                        }
                    }

                    if (slotWeights[slot] >= weight)
                    {
                        continue;
                    }
                }

                items[slot] = neighbours[i];
                slotWeights[slot] = weight;
            }
        }
    }

    /// <summary>The factors that turn values kept at <paramref name="fromEpoch"/> into values kept at <paramref name="toEpoch"/>, for each half-life.</summary>
    private (double Factor, double TrendFactor) Factors(long fromEpoch, long toEpoch) =>
        fromEpoch == toEpoch ? (1, 1) : (double.Exp2((fromEpoch - toEpoch) / _halfLifeTicks), double.Exp2((fromEpoch - toEpoch) / _trendHalfLifeTicks));

    /// <summary>Stops the similar-items model's refresh timer.</summary>
    public void Dispose() => _similar.Dispose();

    /// <summary>Whether a build newer than <paramref name="catalogVersion"/> gave the index to a new key; under a stripe.</summary>
    private bool ForgottenSince(int itemIndex, long catalogVersion) =>
        _anyForgotten && (uint)itemIndex < (uint)_forgottenAt.Length && _forgottenAt[itemIndex] > catalogVersion;

    /// <summary>Hands the event to the similar-items model without the recent items a newer build gave to new keys; under a stripe.</summary>
    private void AppendSimilar(int itemIndex, long ticks, ReadOnlySpan<int> recentItems, long catalogVersion)
    {
        if (!_anyForgotten)
        {
            _similar.Append(itemIndex, ticks, recentItems);
            return;
        }

        var stale = 0;
        foreach (var recent in recentItems)
        {
            stale += ForgottenSince(recent, catalogVersion) ? 1 : 0;
        }

        if (stale == 0)
        {
            _similar.Append(itemIndex, ticks, recentItems);
            return;
        }

        // Rare (a catalog build raced the event): the others, in their order.
        Span<int> kept = recentItems.Length <= 64 ? stackalloc int[recentItems.Length] : new int[recentItems.Length];
        var length = 0;
        foreach (var recent in recentItems)
        {
            if (!ForgottenSince(recent, catalogVersion))
            {
                kept[length++] = recent;
            }
        }

        _similar.Append(itemIndex, ticks, kept[..length]);
    }

    private void MarkEngagedLocked(int itemIndex, long ticks) =>
        _lastEngagedTicks[itemIndex] = Math.Max(_lastEngagedTicks[itemIndex], ticks);

    private void Link(int from, int to, double amount)
    {
        var items = _neighbours.AsSpan(from * NeighbourSlots, NeighbourSlots);
        var weights = _neighbourWeights.AsSpan(from * NeighbourSlots, NeighbourSlots);
        var slot = items.IndexOf(to);
        if (slot < 0)
        {
            slot = items.IndexOf(-1);
        }

        if (slot < 0)
        {
            slot = 0;
            for (var i = 1; i < weights.Length; i++)
            {
                if (weights[i] < weights[slot])
                {
                    slot = i;
                }
            }
        }

        items[slot] = to;
        weights[slot] += amount;
    }

    /// <summary>The factors that make an event at <paramref name="ticks"/> comparable with the rest, for each half-life, at <paramref name="epoch"/>.</summary>
    private (double Scale, double TrendScale) Scale(long ticks, long epoch)
    {
        var (exponent, trendExponent) = Exponents(ticks, epoch);
        return Scale(exponent, trendExponent);
    }

    /// <summary>The scales of <see cref="Exponents"/>' exponents.</summary>
    private static (double Scale, double TrendScale) Scale(double exponent, double trendExponent) =>
        (exponent == 0 ? 1 : Math.Exp(exponent * Decay.Ln2), trendExponent == 0 ? 1 : Math.Exp(trendExponent * Decay.Ln2));

    /// <summary>How many half-lives (of each) <paramref name="ticks"/> lies after <paramref name="epoch"/>.</summary>
    private (double Exponent, double TrendExponent) Exponents(long ticks, long epoch) =>
        ((ticks - epoch) / _halfLifeTicks, (ticks - epoch) / _trendHalfLifeTicks);

    /// <summary>Moves the epoch to <paramref name="ticks"/> when values scaled for it would grow too large (about once in 512 half-lives), under every stripe.</summary>
    private void RebaseIfNeeded(long ticks)
    {
        if (!NeedsRebase(ticks))
        {
            return;
        }

        EnterAll();
        try
        {
            if (NeedsRebase(ticks))
            {
                Rebase(ticks);
            }
        }
        finally
        {
            ExitAll();
        }
    }

    private bool NeedsRebase(long ticks)
    {
        var elapsed = ticks - Volatile.Read(ref _epochTicks);
        return Math.Max(elapsed / _halfLifeTicks, elapsed / _trendHalfLifeTicks) > RebaseExponent;
    }

    /// <summary>Makes every array hold at least <paramref name="itemCount"/> items, under every stripe when it must grow.</summary>
    private void EnsureLength(int itemCount)
    {
        if (Volatile.Read(ref _popularity).Length >= itemCount)
        {
            return;
        }

        EnterAll();
        try
        {
            Grow(itemCount);
        }
        finally
        {
            ExitAll();
        }
    }

    private void Grow(int itemCount)
    {
        if (_popularity.Length < itemCount)
        {
            var length = Math.Max(itemCount, _popularity.Length * 2);
            var popularity = new double[length];
            _popularity.AsSpan().CopyTo(popularity);
            var recent = new double[length];
            _recentPopularity.AsSpan().CopyTo(recent);
            var neighbours = new int[length * NeighbourSlots];
            neighbours.AsSpan().Fill(-1);
            _neighbours.AsSpan().CopyTo(neighbours);
            var weights = new double[length * NeighbourSlots];
            _neighbourWeights.AsSpan().CopyTo(weights);
            var engaged = new long[length];
            _lastEngagedTicks.AsSpan().CopyTo(engaged);
            Volatile.Write(ref _lastEngagedTicks, engaged);
            var forgottenAt = new long[length];
            _forgottenAt.AsSpan().CopyTo(forgottenAt);
            _forgottenAt = forgottenAt;

            // Weights before items: a reader pairing new items with old weights would index past them.
            Volatile.Write(ref _neighbourWeights, weights);
            Volatile.Write(ref _neighbours, neighbours);
            Volatile.Write(ref _recentPopularity, recent);
            Volatile.Write(ref _popularity, popularity);
        }
    }

    private void Rebase(long ticks)
    {
        var factor = double.Exp2((_epochTicks - ticks) / _halfLifeTicks);
        var trendFactor = double.Exp2((_epochTicks - ticks) / _trendHalfLifeTicks);
        Volatile.Write(ref _popularity, Scaled(_popularity, factor));
        Volatile.Write(ref _recentPopularity, Scaled(_recentPopularity, trendFactor));
        Volatile.Write(ref _neighbourWeights, Scaled(_neighbourWeights, factor));
        Volatile.Write(ref _epochTicks, ticks);
    }

    private static int StripeOf(int itemIndex) => itemIndex & (StripeCount - 1);

    /// <summary>Takes every stripe, in order, so nothing else writes: for growing, rebasing and forgetting.</summary>
    private void EnterAll() => _stripes.EnterAll();

    private void ExitAll() => _stripes.ExitAll();

    private static double[] Scaled(double[] values, double factor)
    {
        var scaled = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            scaled[i] = values[i] * factor;
        }

        return scaled;
    }
}
