using System.Collections.Concurrent;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The default in-memory profile store: a concurrent dictionary with a sliding idle expiry and a
/// capacity, both enforced off the request path. A request only ever adds one profile or drops
/// one that it finds expired; trimming to capacity and scanning for idle profiles run on the
/// thread pool, one pass at a time.
/// </summary>
/// <remarks>
/// Past <c>maxProfiles</c> a trim is scheduled at once and takes the least recently used
/// profiles down to 95% of it; until it has run, the store may hold a few more profiles than
/// <c>maxProfiles</c>. An evicted profile is erased and retired, so a writer racing the eviction
/// resolves again and lands on a new profile instead of an orphan.
/// </remarks>
internal sealed class MemoryProfileStore : IProfileStore
{
    // Creation is serialised per stripe so two first events of one user never create two profiles.
    private const int StripeCount = 64;

    private readonly ConcurrentDictionary<string, UserProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Lock[] _stripes;
    private readonly int _maxProfiles;
    private readonly int _trimTarget;
    private readonly long _idleTicks;
    private readonly long _scanIntervalTicks;
    private readonly TimeProvider _timeProvider;
    private readonly Action<string, ProfileEviction> _evicted;
    private int _count;
    private int _maintaining;
    private long _nextScanTicks;
    private Task _maintenance = Task.CompletedTask;

    public MemoryProfileStore(int maxProfiles, TimeSpan idleExpiration, TimeProvider timeProvider, Action<string, ProfileEviction> evicted)
    {
        _maxProfiles = maxProfiles;
        _trimTarget = maxProfiles - (maxProfiles / 20);
        _idleTicks = idleExpiration.Ticks;

        // Idle profiles are looked for at most once a minute, or once per idle period when shorter.
        _scanIntervalTicks = Math.Min(TimeSpan.TicksPerMinute, _idleTicks);
        _timeProvider = timeProvider;
        _evicted = evicted;
        _nextScanTicks = timeProvider.GetUtcNow().UtcTicks + _scanIntervalTicks;
        _stripes = new Lock[StripeCount];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Lock();
        }
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Completes when no maintenance pass is running and the store is within capacity; tests await it instead of sleeping.</summary>
    internal async Task WhenMaintained()
    {
        while (true)
        {
            var pass = Volatile.Read(ref _maintenance);
            await pass.ConfigureAwait(false);
            if (Volatile.Read(ref _maintaining) == 0 && ReferenceEquals(pass, Volatile.Read(ref _maintenance)))
            {
                if (Count <= _maxProfiles)
                {
                    return;
                }

                ScheduleMaintenance(_timeProvider.GetUtcNow().UtcTicks);
            }
        }
    }

    public UserProfile? Find(string userKey) => Find(userKey, nowTicks: null);

    public UserProfile? Find(string userKey, long nowTicks) => Find(userKey, (long?)nowTicks);

    private UserProfile? Find(string userKey, long? nowTicks)
    {
        if (!_profiles.TryGetValue(userKey, out var profile))
        {
            return null;
        }

        // Read only once the profile is found: the clock costs about as much as the lookup.
        var now = nowTicks ?? _timeProvider.GetUtcNow().UtcTicks;
        if (now - profile.LastAccessTicks > _idleTicks)
        {
            Evict(userKey, profile, ProfileEviction.Expired);
            return null;
        }

        if (now - profile.LastAccessTicks > TimeSpan.TicksPerSecond)
        {
            // Sliding expiry to the second: a hot profile's cache line is not written per read.
            profile.LastAccessTicks = now;
        }

        return profile;
    }

    public UserProfile? Peek(string userKey) =>
        _profiles.TryGetValue(userKey, out var profile) && _timeProvider.GetUtcNow().UtcTicks - profile.LastAccessTicks <= _idleTicks ? profile : null;

    public UserProfile GetOrCreate(string userKey)
    {
        if (Find(userKey) is { } existing)
        {
            return existing;
        }

        UserProfile created;
        lock (_stripes[(uint)userKey.GetHashCode() % StripeCount])
        {
            if (Find(userKey) is { } raced)
            {
                return raced;
            }

            created = new UserProfile { LastAccessTicks = _timeProvider.GetUtcNow().UtcTicks };
            _profiles[userKey] = created;
        }

        var count = Interlocked.Increment(ref _count);
        if (count > _maxProfiles || created.LastAccessTicks >= Volatile.Read(ref _nextScanTicks))
        {
            ScheduleMaintenance(created.LastAccessTicks);
        }

        return created;
    }

    public UserProfile? Remove(string userKey)
    {
        if (!_profiles.TryRemove(userKey, out var profile))
        {
            return null;
        }

        Interlocked.Decrement(ref _count);
        return profile;
    }

    /// <summary>Every profile not idle past its expiry, with its key, as the store holds them while enumerating (a snapshot's fuzzy view).</summary>
    internal IEnumerable<KeyValuePair<string, UserProfile>> Live()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        foreach (var entry in _profiles)
        {
            if (now - entry.Value.LastAccessTicks <= _idleTicks)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Whether any profile is assigned to holdouts by <paramref name="unitKey"/>; scans them all, for tests.</summary>
    internal bool AnyUnit(string unitKey) => _profiles.Values.Any(profile => profile.UnitKey == unitKey);

    public void Dispose()
    {
    }

    /// <summary>
    /// Starts a maintenance pass on the thread pool unless one is running, judging idleness by
    /// <paramref name="nowTicks"/>, the clock as the caller read it. The pass never reads the clock
    /// itself: a clock read on a pool thread can fire the SDK's timers there (a fake clock fires due
    /// timers on whichever thread reads it), which would make a replay's background refreshes land
    /// at different moments from run to run.
    /// </summary>
    private void ScheduleMaintenance(long nowTicks)
    {
        if (Interlocked.CompareExchange(ref _maintaining, 1, 0) == 0)
        {
            Volatile.Write(ref _maintenance, Task.Run(() => Maintain(nowTicks)));
        }
    }

    /// <summary>Drops profiles idle at <paramref name="now"/>, then trims the least recently used down to the target.</summary>
    private void Maintain(long now)
    {
        try
        {
            Volatile.Write(ref _nextScanTicks, now + _scanIntervalTicks);
            var live = new List<KeyValuePair<string, UserProfile>>(Count);
            foreach (var entry in _profiles)
            {
                if (now - entry.Value.LastAccessTicks > _idleTicks)
                {
                    Evict(entry.Key, entry.Value, ProfileEviction.Expired);
                }
                else
                {
                    live.Add(entry);
                }
            }

            var excess = Count - _trimTarget;
            if (Count > _maxProfiles && excess > 0)
            {
                live.Sort(static (a, b) => a.Value.LastAccessTicks.CompareTo(b.Value.LastAccessTicks));
                foreach (var entry in live.Take(excess))
                {
                    Evict(entry.Key, entry.Value, ProfileEviction.Capacity);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _maintaining, 0);
        }

        if (Count > _maxProfiles)
        {
            // Profiles added while this pass ran: go again.
            ScheduleMaintenance(now);
        }
    }

    /// <summary>Removes exactly this profile (not a newer one under the same key), erases and reports it.</summary>
    private void Evict(string userKey, UserProfile profile, ProfileEviction reason)
    {
        if (!_profiles.TryRemove(new KeyValuePair<string, UserProfile>(userKey, profile)))
        {
            return;
        }

        Interlocked.Decrement(ref _count);
        profile.Erase();
        _evicted(userKey, reason);
    }
}
