using System.Numerics;
using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Learning;

/// <summary>
/// Decisions waiting for rewards: a ring of fixed capacity made once, indexed by the decision id's
/// counter, so logging a decision and finding it again by id allocate nothing. For automatic
/// rewards from what a person does next, each entry links to the previous decision of its person
/// bucket (a hash of the unit key), newest first, so every decision of theirs still waiting is
/// found, and the most recent that showed an item takes its reward. Entries are guarded by 64 lock
/// stripes; a writer never waits long.
/// </summary>
/// <remarks>
/// Memory: capacity × (pool × (signals + 9) × 4 + 109) bytes, made when the first placement learns.
/// Rewards and probabilities are kept as doubles, so a reward reaches the log exactly as given and a
/// probability exactly as the policy computed it. When the ring comes
/// round to a decision still waiting, that decision is dropped unsettled (counted).
/// The items a decision showed after its pool's slots (a count above the pool) are not logged, but
/// kept, as catalog indexes, in a second ring of capacity × pool indexes that decisions take from in
/// turn, so that such a decision is still an outcome's last touch. While the decisions made within
/// one turn of the ring show on average at most a pool's worth of items beyond their pools, every
/// waiting decision keeps them all; past that the oldest waiting ones lose theirs (found out exactly,
/// never read as another decision's) and are then found by their logged slots alone.
/// </remarks>
internal sealed class PendingDecisions
{
    private const int StripeCount = 64;

    // How much later than a newer decision an older one may be logged (the time a decision takes to
    // make, a thread descheduled mid-decision included) and still be found by an outcome's walk.
    private static readonly long LogSkewTicks = TimeSpan.FromMinutes(1).Ticks;

    private readonly int _mask;
    private readonly int _pool;
    private readonly int _signals;
    private readonly Lock[] _stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new Lock())];

    private readonly long[] _sequence;
    private readonly Guid[] _id;
    private readonly long[] _ticks;
    private readonly string?[] _unit;
    private readonly CatalogSnapshot?[] _snapshot;
    private readonly int[] _placement;
    private readonly ServingPolicy[] _policy;
    private readonly int[] _version;
    private readonly float[] _confidence;
    private readonly int[] _cap;
    private readonly int[] _poolCount;
    private readonly int[] _slotCount;
    private readonly int[] _items;
    private readonly int[] _categories;
    private readonly float[] _values;
    private readonly float[] _defaultScores;
    private readonly int[] _chosen;
    private readonly double[] _probability;
    private readonly double[] _reward;
    private readonly bool[]?[] _computed;

    // The items shown beyond the pool: a ring of indexes taken in turn (_beyondNext counts every one
    // ever taken), each entry's from _beyondStart on. An entry's are intact while fewer than the
    // ring's length were taken after its start.
    private readonly int[] _beyond;
    private readonly long[] _beyondStart;
    private readonly int[] _beyondCount;
    private long _beyondNext;

    private readonly long[] _previous;
    private readonly int _bucketMask;
    private readonly long[] _newest;
    private readonly Lock[] _bucketStripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new Lock())];

    public PendingDecisions(int capacity, int pool, int signals)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _mask = size - 1;
        _pool = pool;
        _signals = signals;
        _sequence = new long[size];
        _id = new Guid[size];
        _ticks = new long[size];
        _unit = new string?[size];
        _snapshot = new CatalogSnapshot?[size];
        _placement = new int[size];
        _policy = new ServingPolicy[size];
        _version = new int[size];
        _confidence = new float[size];
        _cap = new int[size];
        _poolCount = new int[size];
        _slotCount = new int[size];
        _items = new int[size * pool];
        _categories = new int[size * pool];
        _values = new float[size * pool * signals];
        _defaultScores = new float[size * pool];
        _chosen = new int[size * pool];
        _probability = new double[size * pool];
        _reward = new double[size * pool];
        _computed = new bool[]?[size];
        _beyond = new int[size * pool];
        _beyondStart = new long[size];
        _beyondCount = new int[size];

        _previous = new long[size];
        _bucketMask = size - 1;
        _newest = new long[size];
    }

    /// <summary>Logs a decision. Returns false when it took the place of one still waiting, which is then lost.</summary>
    public bool Add(scoped in PendingChoice choice, Guid id, long sequence, long ticks, string unitKey, CatalogSnapshot snapshot)
    {
        var entry = (int)(sequence & _mask);
        var bucket = Bucket(unitKey);
        bool overwrote;

        // Bucket, then entry: the only place that holds both, so the order cannot deadlock.
        lock (_bucketStripes[bucket & (StripeCount - 1)])
        {
            lock (_stripes[entry & (StripeCount - 1)])
            {
                overwrote = _sequence[entry] != 0 && Waits(entry);
                _sequence[entry] = sequence;
                _previous[entry] = _newest[bucket];
                _id[entry] = id;
                _ticks[entry] = ticks;
                _unit[entry] = unitKey;
                _snapshot[entry] = snapshot;
                _placement[entry] = choice.Placement;
                _policy[entry] = choice.Policy;
                _version[entry] = choice.Version;
                _confidence[entry] = choice.Confidence;
                _cap[entry] = choice.MaxPerCategory;
                _poolCount[entry] = choice.Items.Length;
                _slotCount[entry] = choice.Chosen.Length;
                choice.Items.CopyTo(_items.AsSpan(entry * _pool, _pool));
                choice.Categories.CopyTo(_categories.AsSpan(entry * _pool, _pool));
                choice.Signals.CopyTo(_values.AsSpan(entry * _pool * _signals, _pool * _signals));
                choice.DefaultScores.CopyTo(_defaultScores.AsSpan(entry * _pool, _pool));
                choice.Chosen.CopyTo(_chosen.AsSpan(entry * _pool, _pool));
                choice.Probabilities.CopyTo(_probability.AsSpan(entry * _pool, _pool));
                _reward.AsSpan(entry * _pool, choice.Chosen.Length).Fill(double.NaN);
                _computed[entry] = choice.Computed;
                KeepBeyond(entry, choice.Beyond);
            }

            _newest[bucket] = sequence;
        }

        return !overwrote;
    }

    /// <summary>
    /// Credits a reward to a waiting decision: to the slot showing <paramref name="itemKey"/>, or to its first slot.
    /// An item's reward is the largest it received. False when no waiting decision has that id or shows that item.
    /// </summary>
    public bool Reward(Guid id, long sequence, string? itemKey, double reward, long nowTicks, long waitTicks)
    {
        var entry = (int)(sequence & _mask);
        lock (_stripes[entry & (StripeCount - 1)])
        {
            if (_sequence[entry] != sequence || _id[entry] != id || _unit[entry] is null || nowTicks - _ticks[entry] > waitTicks)
            {
                return false;
            }

            var slot = itemKey is null ? 0 : SlotShowing(entry, itemKey);
            if (slot < 0 || _slotCount[entry] == 0)
            {
                return false;
            }

            Credit(entry, slot, reward);
            return true;
        }
    }

    /// <summary>
    /// Credits <paramref name="reward"/> to one decision (last touch): the person's most recent waiting
    /// decision, made within the wait before <paramref name="eventTicks"/> and not after it, that
    /// showed <paramref name="itemKey"/>, in the slot that showed it, whatever its placement. The
    /// person's decisions are those under any key of theirs: their holdout unit, their profile's key
    /// and the keys stitched to it (a decision made before a sign-in waits under the key the person
    /// had then). Most recent is by decision time, then by decision id counter. When that decision
    /// showed the item after its pool (not logged), the outcome is spent there: no decision takes it.
    /// An undated outcome (the host gave no time) passes <paramref name="order"/>, the decision
    /// counter when it was tracked: it happens after every decision begun before it (counter at most
    /// that), even one dated after it because the clock was set back since; a decision begun after
    /// it is judged by its date (<see cref="EventOrder"/>). Returns whether a decision took it.
    /// </summary>
    public bool Attribute(string unitKey, string profileKey, ReadOnlySpan<string> aliases, string itemKey, long eventTicks, long waitTicks, double reward, long order = EventOrder.Dated)
    {
        var latest = default(Touch);
        FindLatest(unitKey, itemKey, eventTicks, waitTicks, order, ref latest);
        if (!string.Equals(profileKey, unitKey, StringComparison.Ordinal))
        {
            FindLatest(profileKey, itemKey, eventTicks, waitTicks, order, ref latest);
        }

        foreach (var alias in aliases)
        {
            if (!string.Equals(alias, unitKey, StringComparison.Ordinal))
            {
                FindLatest(alias, itemKey, eventTicks, waitTicks, order, ref latest);
            }
        }

        // None, or the last touch showed it beyond its pool, where nothing is logged to take the reward.
        if (latest.Sequence == 0 || latest.Slot < 0)
        {
            return false;
        }

        var entry = (int)(latest.Sequence & _mask);
        lock (_stripes[entry & (StripeCount - 1)])
        {
            // Settled, or dropped (erased, consent withdrawn), since it was found: nothing takes the reward.
            if (_sequence[entry] != latest.Sequence || _unit[entry] is null)
            {
                return false;
            }

            Credit(entry, latest.Slot, reward);
            return true;
        }
    }

    /// <summary>Walks <paramref name="unitKey"/>'s bucket and keeps in <paramref name="latest"/> the most recent of its decisions that showed the item, if more recent.</summary>
    private void FindLatest(string unitKey, string itemKey, long eventTicks, long waitTicks, long order, ref Touch latest)
    {
        long sequence;
        var bucket = Bucket(unitKey);
        lock (_bucketStripes[bucket & (StripeCount - 1)])
        {
            sequence = _newest[bucket];
        }

        // Newest logged first. A decision is dated when it begins and logged when it ends, so one that
        // took longer can be logged after a newer one: the walk passes over decisions past the wait
        // (settled ones keep their place in the chain) and goes on past a match, ending only at one
        // older than the wait by more than LogSkew, or one the ring has reused; so it never takes more
        // steps than the ring holds decisions (the bound only guards that).
        for (var steps = 0; sequence != 0 && steps <= _mask; steps++)
        {
            var entry = (int)(sequence & _mask);
            lock (_stripes[entry & (StripeCount - 1)])
            {
                if (_sequence[entry] != sequence || eventTicks - _ticks[entry] > waitTicks + LogSkewTicks)
                {
                    break;
                }

                var ticks = _ticks[entry];
                if (eventTicks - ticks <= waitTicks
                    && (ticks > latest.Ticks || (ticks == latest.Ticks && sequence > latest.Sequence))
                    && string.Equals(_unit[entry], unitKey, StringComparison.Ordinal) && (eventTicks >= ticks || sequence <= order)
                    && SlotShowing(entry, itemKey) is var slot && (slot >= 0 || ShowedBeyond(entry, itemKey)))
                {
                    latest = new Touch(sequence, ticks, slot);
                }

                sequence = _previous[entry];
            }
        }
    }

    /// <summary>Drops every waiting decision of the person (erasure): they are never learned from.</summary>
    public int Forget(string unitKey) => Forget(new HashSet<string>(StringComparer.Ordinal) { unitKey });

    /// <summary>Drops every waiting decision held under any of <paramref name="unitKeys"/> (a person's keys), in one pass.</summary>
    public int Forget(IReadOnlySet<string> unitKeys)
    {
        var dropped = 0;
        for (var entry = 0; entry <= _mask; entry++)
        {
            lock (_stripes[entry & (StripeCount - 1)])
            {
                if (_sequence[entry] != 0 && _unit[entry] is { } unit && unitKeys.Contains(unit))
                {
                    // Kept in its bucket's chain (its sequence, time and link), so the walk reaches other
                    // people's older decisions; never settled, and nothing else of it stays (see Scrub).
                    Scrub(entry);
                    dropped++;
                }
            }
        }

        return dropped;
    }

    /// <summary>
    /// What the decisions waiting under any of <paramref name="unitKeys"/> hold about the person, for
    /// an access request: id, placement index, when made and the keys of the items shown (the logged
    /// slots, then those shown beyond the pool that the entry still keeps). Scans the ring.
    /// </summary>
    public List<(Guid Id, int Placement, long Ticks, string?[] Shown)> Find(IReadOnlySet<string> unitKeys)
    {
        var found = new List<(Guid Id, int Placement, long Ticks, string?[] Shown)>();
        for (var entry = 0; entry <= _mask; entry++)
        {
            lock (_stripes[entry & (StripeCount - 1)])
            {
                if (_sequence[entry] != 0 && _unit[entry] is { } unit && unitKeys.Contains(unit))
                {
                    var slots = _slotCount[entry];
                    var beyond = new int[_beyondCount[entry]];
                    var intact = ReadBeyond(entry, beyond);
                    var shown = new string?[slots + (intact ? beyond.Length : 0)];
                    for (var slot = 0; slot < slots; slot++)
                    {
                        shown[slot] = _snapshot[entry]!.GetItem(_items[(entry * _pool) + _chosen[(entry * _pool) + slot]])?.Key;
                    }

                    for (var i = slots; i < shown.Length; i++)
                    {
                        shown[i] = _snapshot[entry]!.GetItem(beyond[i - slots])?.Key;
                    }

                    found.Add((_id[entry], _placement[entry], _ticks[entry], shown));
                }
            }
        }

        found.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : DecisionIds.CounterOf(a.Id).CompareTo(DecisionIds.CounterOf(b.Id)));
        return found;
    }

    /// <summary>
    /// Takes out every decision made before <paramref name="dueTicks"/> (now minus the wait), oldest
    /// first (in the order made), with its rewards (unrewarded slots get <paramref name="defaultReward"/>).
    /// A decision made exactly the wait ago still takes rewards (<see cref="Reward"/> and
    /// <see cref="Attribute"/> refuse only past the wait), so it settles only once the wait has passed.
    /// </summary>
    public List<SettledDecision> TakeDue(long dueTicks, double defaultReward)
    {
        var due = new List<SettledDecision>();
        for (var entry = 0; entry <= _mask; entry++)
        {
            lock (_stripes[entry & (StripeCount - 1)])
            {
                if (_sequence[entry] != 0 && _ticks[entry] < dueTicks)
                {
                    // A last-touch-only decision: its wait over, it is let go, never settled.
                    if (Waits(entry))
                    {
                        due.Add(CopyOut(entry, defaultReward));
                    }

                    Retire(entry);
                }
            }
        }

        // The ring's order is not the decisions' order once it has come round; within one tick the counter is.
        due.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : DecisionIds.CounterOf(a.Id).CompareTo(DecisionIds.CounterOf(b.Id)));
        return due;
    }

    /// <summary>
    /// Moves every waiting decision of counter at most <paramref name="upToSequence"/> by
    /// <paramref name="shiftTicks"/> (negative): the wall clock was set back that much since they were
    /// made, so they are dated on the clock's new time, settle after their wait, not after the wait
    /// plus the step, and keep their order.
    /// </summary>
    public void Shift(long shiftTicks, long upToSequence)
    {
        for (var entry = 0; entry <= _mask; entry++)
        {
            lock (_stripes[entry & (StripeCount - 1)])
            {
                if (_sequence[entry] != 0 && _sequence[entry] <= upToSequence)
                {
                    _ticks[entry] += shiftTicks;
                }
            }
        }
    }

    /// <summary>Drops every decision still waiting, unsettled (at shutdown, after the last settle). Returns how many.</summary>
    public int DropAll()
    {
        var dropped = 0;
        for (var entry = 0; entry <= _mask; entry++)
        {
            lock (_stripes[entry & (StripeCount - 1)])
            {
                if (_sequence[entry] != 0)
                {
                    dropped += Waits(entry) ? 1 : 0;
                    Clear(entry);
                }
            }
        }

        return dropped;
    }

    /// <summary>
    /// Whether the entry holds a decision waiting to be settled: not dropped (erased, withdrawn), nor
    /// one only held as a last touch (<see cref="ServingPolicy.LastTouchOnly"/>). The entry's lock is held.
    /// </summary>
    private bool Waits(int entry) => _unit[entry] is not null && _policy[entry] != ServingPolicy.LastTouchOnly;

    private SettledDecision CopyOut(int entry, double defaultReward)
    {
        var pool = _poolCount[entry];
        var slots = _slotCount[entry];
        var rewards = new double[slots];
        var rewarded = new bool[slots];
        for (var slot = 0; slot < slots; slot++)
        {
            var reward = _reward[(entry * _pool) + slot];
            rewarded[slot] = !double.IsNaN(reward);
            rewards[slot] = rewarded[slot] ? reward : defaultReward;
        }

        return new SettledDecision
        {
            Id = _id[entry],
            Placement = _placement[entry],
            Ticks = _ticks[entry],
            Policy = _policy[entry],
            Version = _version[entry],
            Confidence = _confidence[entry],
            MaxPerCategory = _cap[entry],
            Snapshot = _snapshot[entry]!,
            Items = _items.AsSpan(entry * _pool, pool).ToArray(),
            Categories = _categories.AsSpan(entry * _pool, pool).ToArray(),
            Signals = _policy[entry] == ServingPolicy.Control ? [] : _values.AsSpan(entry * _pool * _signals, pool * _signals).ToArray(),
            DefaultScores = _policy[entry] == ServingPolicy.Control ? [] : _defaultScores.AsSpan(entry * _pool, pool).ToArray(),
            Chosen = _chosen.AsSpan(entry * _pool, slots).ToArray(),
            Probabilities = _probability.AsSpan(entry * _pool, slots).ToArray(),
            Rewards = rewards,
            Rewarded = rewarded,
            Computed = _computed[entry]!,
        };
    }

    /// <summary>Keeps a decision's items shown beyond its pool in the shared ring; the entry's lock is held.</summary>
    private void KeepBeyond(int entry, ReadOnlySpan<int> beyond)
    {
        // More than the whole ring (a tiny ring, a huge count): the first that fit.
        var length = Math.Min(beyond.Length, _beyond.Length);
        _beyondCount[entry] = length;
        if (length == 0)
        {
            return;
        }

        // Taken before written, with a full fence: a reader that sees these writes sees them taken.
        var start = Interlocked.Add(ref _beyondNext, length) - length;
        _beyondStart[entry] = start;
        var at = (int)(start % _beyond.Length);
        var first = Math.Min(length, _beyond.Length - at);
        beyond[..first].CopyTo(_beyond.AsSpan(at));
        beyond[first..length].CopyTo(_beyond);
    }

    /// <summary>Whether the entry showed the item beyond its pool, as far as the shared ring still keeps it; the entry's lock is held.</summary>
    private bool ShowedBeyond(int entry, string itemKey)
    {
        var length = _beyondCount[entry];
        if (length == 0)
        {
            return false;
        }

        var snapshot = _snapshot[entry]!;
        var start = _beyondStart[entry];
        var at = (int)(start % _beyond.Length);
        var found = false;
        for (var i = 0; i < length && !found; i++)
        {
            found = string.Equals(snapshot.GetItem(_beyond[at])?.Key, itemKey, StringComparison.Ordinal);
            at = at + 1 == _beyond.Length ? 0 : at + 1;
        }

        return found && Intact(start);
    }

    /// <summary>Copies the entry's items shown beyond its pool into <paramref name="destination"/> (sized to them); false when the shared ring no longer keeps them whole. The entry's lock is held.</summary>
    private bool ReadBeyond(int entry, Span<int> destination)
    {
        if (destination.IsEmpty)
        {
            return true;
        }

        var start = _beyondStart[entry];
        var at = (int)(start % _beyond.Length);
        var first = Math.Min(destination.Length, _beyond.Length - at);
        _beyond.AsSpan(at, first).CopyTo(destination);
        _beyond.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
        return Intact(start);
    }

    /// <summary>
    /// Whether the items kept from <paramref name="start"/> on, just read, were not overwritten: no
    /// decision took their place in the shared ring. Read after them, past a full fence.
    /// </summary>
    private bool Intact(long start)
    {
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _beyondNext) - start <= _beyond.Length;
    }

    private int SlotShowing(int entry, string itemKey)
    {
        var snapshot = _snapshot[entry]!;
        for (var slot = 0; slot < _slotCount[entry]; slot++)
        {
            var item = _items[(entry * _pool) + _chosen[(entry * _pool) + slot]];
            if (string.Equals(snapshot.GetItem(item)?.Key, itemKey, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        return -1;
    }

    private void Credit(int entry, int slot, double reward)
    {
        ref var current = ref _reward[(entry * _pool) + slot];
        if (double.IsNaN(current) || reward > current)
        {
            current = reward;
        }
    }

    private void Clear(int entry)
    {
        _sequence[entry] = 0;
        _unit[entry] = null;
        _snapshot[entry] = null;
        _computed[entry] = null;
        _beyondCount[entry] = 0;
    }

    /// <summary>
    /// Lets a settled decision go but keeps its place in its bucket's chain (its sequence, time and
    /// link), so an outcome's walk reaches the decisions logged before it that still wait. What it
    /// keeps names nobody: no key, no id; later decisions overwrite the rest.
    /// </summary>
    private void Retire(int entry)
    {
        _unit[entry] = null;
        _id[entry] = Guid.Empty;
        _snapshot[entry] = null;
        _computed[entry] = null;
        _beyondCount[entry] = 0;
    }

    /// <summary>
    /// Erases what an entry holds about its decision (id, items, signal values, probabilities,
    /// rewards), keeping only its place in the chain. The items it showed beyond its pool, kept in
    /// the ring all decisions share, are unlinked from it and stay there, as bare catalog indexes,
    /// until later decisions take their place.
    /// </summary>
    private void Scrub(int entry)
    {
        _unit[entry] = null;
        _snapshot[entry] = null;
        _computed[entry] = null;
        _id[entry] = Guid.Empty;
        (_placement[entry], _policy[entry], _version[entry], _confidence[entry], _cap[entry]) = (0, default, 0, 0, 0);
        (_poolCount[entry], _slotCount[entry], _beyondCount[entry], _beyondStart[entry]) = (0, 0, 0, 0);
        _items.AsSpan(entry * _pool, _pool).Clear();
        _categories.AsSpan(entry * _pool, _pool).Clear();
        _values.AsSpan(entry * _pool * _signals, _pool * _signals).Clear();
        _defaultScores.AsSpan(entry * _pool, _pool).Clear();
        _chosen.AsSpan(entry * _pool, _pool).Clear();
        _probability.AsSpan(entry * _pool, _pool).Clear();
        _reward.AsSpan(entry * _pool, _pool).Clear();
    }

    private int Bucket(string unitKey) => unitKey.GetHashCode() & _bucketMask;

    /// <summary>A waiting decision that showed an item: its id counter (0: none found), when it was made, the slot (-1: shown beyond the pool, not logged).</summary>
    private readonly record struct Touch(long Sequence, long Ticks, int Slot);
}
