using System.Collections.Concurrent;
using Personalize.Sdk.Diagnostics;

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
/// <c>maxProfiles</c>. An evicted profile is erased and retired under its lock, so a writer racing
/// the eviction either lands before (and its consent is the one kept apart) or resolves again and
/// lands on a new profile instead of an orphan.
/// </remarks>
internal sealed class MemoryProfileStore : IProfileStore, IThreadPoolWorkItem
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
    private readonly ClockSetBack _clock;
    private readonly Action<string, string?, KeptConsent?, ProfileEviction> _evicted;
    private readonly RememberedConsents _consents;
    private readonly Action<Exception>? _maintenanceFailed;
    private int _count;
    private int _maintaining;
    private long _nextScanTicks;

    // The clock as the caller that started the running pass read it.
    private long _passNowTicks;
    private long _passStepTicks;

    // Completed when the running pass ends; made only when a test waits for it.
    private TaskCompletionSource? _passEnded;

    /// <param name="maxProfiles">How many profiles to hold before the least recently used go.</param>
    /// <param name="idleExpiration">How long an unused profile is kept.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="evicted">Told of each profile evicted: its key, its holdout unit (read before it was erased), and why.</param>
    /// <param name="consents">Where an evicted profile's narrower consent is kept, and a new profile takes it back from.</param>
    /// <param name="maintenanceFailed">Told of a maintenance pass that threw part-way (on a pool thread, where nobody else would hear of it).</param>
    public MemoryProfileStore(int maxProfiles, TimeSpan idleExpiration, TimeProvider timeProvider, Action<string, string?, KeptConsent?, ProfileEviction> evicted, RememberedConsents consents, Action<Exception>? maintenanceFailed = null)
    {
        _consents = consents;
        _maintenanceFailed = maintenanceFailed;
        _maxProfiles = maxProfiles;
        // 95% of the cap, rounded down, and at least one below it: else a small cap is never trimmed under.
        _trimTarget = (int)Math.Min((long)maxProfiles * 19 / 20, maxProfiles - 1L);
        _idleTicks = idleExpiration.Ticks;

        // Idle profiles are looked for at most once a minute, or once per idle period when shorter.
        _scanIntervalTicks = Math.Min(TimeSpan.TicksPerMinute, _idleTicks);
        _timeProvider = timeProvider;
        _clock = new ClockSetBack(timeProvider);
        _evicted = evicted;
        _nextScanTicks = timeProvider.GetUtcNow().UtcTicks + _scanIntervalTicks;
        _stripes = new Lock[StripeCount];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Lock();
        }
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// For tests: runs once, with the key, on the thread evicting a profile, after the profile was
    /// chosen (idle, or least recently used) and before the eviction takes it, as another thread's
    /// call could run there.
    /// </summary>
    internal Action<string>? RaceBeforeEviction;

    /// <summary>For tests: runs once, with the key, when a lookup starts, as another thread's call could run there.</summary>
    internal Action<string>? RaceOnLookup;

    /// <summary>Completes when no maintenance pass is running and the store is within capacity; tests await it instead of sleeping.</summary>
    internal async Task WhenMaintained()
    {
        while (true)
        {
            // Published with a full fence before reading whether a pass runs; a pass ending clears
            // the flag before it takes this (fenced too), so one of the two sees the other.
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _passEnded, ended);
            if (Volatile.Read(ref _maintaining) == 0)
            {
                if (Count <= _maxProfiles)
                {
                    return;
                }

                ScheduleMaintenance(_timeProvider.GetUtcNow().UtcTicks);
            }

            await ended.Task.ConfigureAwait(false);
        }
    }

    public UserProfile? Find(string userKey) => Find(userKey, nowTicks: null, slide: true);

    public UserProfile? Find(string userKey, long nowTicks) => Find(userKey, nowTicks, slide: true);

    public UserProfile? PeekEvictingIdle(string userKey) => Find(userKey, nowTicks: null, slide: false);

    /// <summary>The live profile, an idle one evicted first; <paramref name="slide"/>: a read that counts as access.</summary>
    private UserProfile? Find(string userKey, long? nowTicks, bool slide)
    {
        if (RaceOnLookup is not null)
        {
            Interlocked.Exchange(ref RaceOnLookup, null)?.Invoke(userKey);
        }

        if (!_profiles.TryGetValue(userKey, out var profile))
        {
            return null;
        }

        // Read only once the profile is found: the clock costs about as much as the lookup.
        var now = nowTicks ?? _timeProvider.GetUtcNow().UtcTicks;
        var lastAccess = Volatile.Read(ref profile.LastAccessTicks);
        if (now - lastAccess > _idleTicks)
        {
            Evict(userKey, profile, lastAccess, ProfileEviction.Expired);
            return null;
        }

        if (slide && now - profile.LastAccessTicks > TimeSpan.TicksPerSecond)
        {
            // Sliding expiry to the second: a hot profile's cache line is not written per read.
            profile.LastAccessTicks = now;
        }

        if (DueTime.IsDue(now, Volatile.Read(ref _nextScanTicks), _scanIntervalTicks) && Volatile.Read(ref _maintaining) == 0)
        {
            // Known people coming back create no profile: their decisions start the idle scan too,
            // or the idle would stay as long as no stranger arrives.
            ScheduleMaintenance(now);
        }

        return profile;
    }

    public UserProfile? Peek(string userKey) =>
        _profiles.TryGetValue(userKey, out var profile) && _timeProvider.GetUtcNow().UtcTicks - profile.LastAccessTicks <= _idleTicks ? profile : null;

    public UserProfile GetOrCreate(string userKey) => GetOrCreate(userKey, out _);

    public UserProfile GetOrCreate(string userKey, out int createdVersion)
    {
        UserProfile created;
        while (true)
        {
            if (Find(userKey) is { } existing)
            {
                createdVersion = -1;
                return existing;
            }

            // No eviction under the stripe: its callback takes the identity lock, which a stitch
            // holds while it takes a stripe. A profile added meanwhile (or an idle one) is looked at again outside.
            lock (_stripes[(uint)userKey.GetHashCode() % StripeCount])
            {
                // A consent remembered at an eviction is in the profile before anyone can write to it.
                created = new UserProfile { LastAccessTicks = _timeProvider.GetUtcNow().UtcTicks };
                var remembered = _consents.Take(userKey);
                if (remembered is { } consent)
                {
                    created.Write(consent, static (data, in kept) => data.TakeBack(kept));
                }

                // Read before anyone else can write to it.
                createdVersion = created.WriteVersion;
                if (_profiles.TryAdd(userKey, created))
                {
                    break;
                }

                // Put back only what was taken: remembering "nothing" would drop what another call kept.
                if (remembered is { } back)
                {
                    _consents.Remember(userKey, back);
                }
            }
        }

        var count = Interlocked.Increment(ref _count);
        if (count > _maxProfiles || DueTime.IsDue(created.LastAccessTicks, Volatile.Read(ref _nextScanTicks), _scanIntervalTicks))
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

    public bool Remove(string userKey, UserProfile profile)
    {
        if (!_profiles.TryRemove(new KeyValuePair<string, UserProfile>(userKey, profile)))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
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

    /// <summary>
    /// Evicts, here and now, every profile idle past its expiry that a maintenance pass has not
    /// evicted yet (<see cref="ProfileEviction.Expired"/>, as a lookup would), so what is left is what <see cref="Live"/> yields.
    /// </summary>
    internal void EvictIdle()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        foreach (var (key, profile) in _profiles)
        {
            var lastAccess = Volatile.Read(ref profile.LastAccessTicks);
            if (now - lastAccess > _idleTicks)
            {
                Evict(key, profile, lastAccess, ProfileEviction.Expired);
            }
        }
    }

    /// <summary>Whether any profile is assigned to holdouts by <paramref name="unitKey"/>; scans them all, for tests.</summary>
    internal bool AnyUnit(string unitKey) => _profiles.Values.Any(profile => profile.ReadUnitKey() == unitKey);

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
            StartMaintenance(nowTicks);
        }
    }

    // The store is its own work item: the decision that starts a pass allocates nothing, and the
    // pass carries none of the request's context (its activity, its async locals).
    private void StartMaintenance(long nowTicks)
    {
        Volatile.Write(ref _passNowTicks, nowTicks);

        // Read on the request's thread, as the clock is: a step back since the last pass.
        Volatile.Write(ref _passStepTicks, _clock.Observe());
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            Maintain(Volatile.Read(ref _passNowTicks), Volatile.Read(ref _passStepTicks));
        }
        catch (Exception exception)
        {
            // A failing eviction callback must not take the process down from a pool thread: it is
            // reported, and the next pass tries again.
            try
            {
                _maintenanceFailed?.Invoke(exception);
            }
            catch (Exception)
            {
                // Reporting failed too (a broken log provider or metrics listener): nothing else to tell.
            }
        }
    }

    /// <summary>
    /// Drops profiles idle at <paramref name="now"/>, then trims the least recently used down to the
    /// target; first moves every profile's last use by <paramref name="step"/> when the clock was set
    /// back that much (below 0).
    /// </summary>
    private void Maintain(long now, long step)
    {
        try
        {
            Volatile.Write(ref _nextScanTicks, now + _scanIntervalTicks);

            // A wall clock set back since the last scan (step below 0): the profiles last used in the
            // step's length before it are dated ahead of the clock, and would be held for their expiry
            // plus the step; moved back by it. Only those: one used since the step is dated on the
            // clock's new time (its last use must not move), and one used before that cannot be told apart.
            var live = new List<(string Key, UserProfile Profile, long LastAccess)>(Count);
            foreach (var (key, profile) in _profiles)
            {
                var lastAccess = Volatile.Read(ref profile.LastAccessTicks);
                if (step < 0 && lastAccess > now && Interlocked.CompareExchange(ref profile.LastAccessTicks, lastAccess + step, lastAccess) == lastAccess)
                {
                    lastAccess += step;
                }

                if (now - lastAccess > _idleTicks)
                {
                    Evict(key, profile, lastAccess, ProfileEviction.Expired);
                }
                else
                {
                    live.Add((key, profile, lastAccess));
                }
            }

            var excess = Count - _trimTarget;
            if (Count > _maxProfiles && excess > 0)
            {
                live.Sort(static (a, b) => a.LastAccess.CompareTo(b.LastAccess));
                foreach (var (key, profile, lastAccess) in live.Take(excess))
                {
                    Evict(key, profile, lastAccess, ProfileEviction.Capacity);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _maintaining, 0);
            Interlocked.Exchange(ref _passEnded, null)?.TrySetResult();
        }

        if (Count > _maxProfiles)
        {
            // Profiles added while this pass ran: go again.
            ScheduleMaintenance(now);
        }
    }

    /// <summary>
    /// Removes exactly this profile (not a newer one under the same key), erases and reports it,
    /// unless it was used since <paramref name="seenTicks"/>, when it was judged idle or least
    /// recently used (a person who came back meanwhile, by a stitch or an event, is neither any
    /// more), or was retired meanwhile (merged by a stitch, erased by <c>Forget</c>, evicted).
    /// </summary>
    /// <remarks>
    /// Under the key's stripe, then the profile's lock (the order <see cref="GetOrCreate(string)"/> takes
    /// them in; a stitch takes profile locks only, under no stripe): a write to the profile lands
    /// either before, and its consent is the one kept apart, or after the profile is retired, and
    /// the writer resolves again onto a new profile, which cannot be made until the consent is kept
    /// apart. The consent is kept apart before the profile leaves the dictionary (a decision that
    /// finds it gone reads it there), and only for a profile this removed. The callback runs
    /// outside both locks: it takes the identity lock, which a stitch holds while it takes a stripe.
    /// </remarks>
    private void Evict(string userKey, UserProfile profile, long seenTicks, ProfileEviction reason)
    {
        if (RaceBeforeEviction is not null)
        {
            Interlocked.Exchange(ref RaceBeforeEviction, null)?.Invoke(userKey);
        }

        string? unitKey;
        KeptConsent? consent;
        lock (_stripes[(uint)userKey.GetHashCode() % StripeCount])
        {
            lock (profile)
            {
                if (profile.IsRetired || Volatile.Read(ref profile.LastAccessTicks) != seenTicks)
                {
                    return;
                }

                var before = _consents.Kept(userKey);
                consent = profile.DatedConsent;
                _consents.Remember(userKey, consent);
                if (!_profiles.TryRemove(new KeyValuePair<string, UserProfile>(userKey, profile)))
                {
                    // Removed by a Forget under way, which erases it: nothing is kept for it.
                    _consents.Remember(userKey, before);
                    return;
                }

                unitKey = profile.ReadUnitKey();
                profile.Erase();
            }
        }

        Interlocked.Decrement(ref _count);
        _evicted(userKey, unitKey, consent, reason);
    }
}
