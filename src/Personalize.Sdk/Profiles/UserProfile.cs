namespace Personalize.Sdk.Profiles;

/// <summary>
/// One user's live profile. Writers take the profile's own lock; readers copy it lock-free under
/// a sequence counter (a seqlock) and retry when a write overlapped, so a decision never sees a
/// torn profile and never waits for a writer of another user.
/// </summary>
/// <remarks>
/// <para>
/// A profile stitched into another, or erased, is retired: writes to it are refused so the
/// writer resolves the user again and lands on the surviving profile; no event is lost.
/// </para>
/// <para>
/// It is its own data (a <see cref="ProfileData"/>) rather than holding one: a second object cost
/// every person 24 bytes. Read the data only through <see cref="ReadInto"/>, <see cref="ReadConsent"/>
/// and <see cref="ReadUnitKey"/>, and change it only through <see cref="Write{TState}"/>. Writers
/// lock the profile itself (a monitor in its object header) rather than a separate Lock object,
/// which would cost 40 bytes more; the store never hands a profile out to lock on. The store's
/// eviction takes the same lock, so it reads the consent to keep apart and retires the profile
/// with no write in between.
/// </para>
/// </remarks>
internal sealed class UserProfile : ProfileData
{
    private int _sequence;
    private bool _retired;

    /// <summary>When the store last handed the profile out, for idle expiry and least-recently-used trimming.</summary>
    public long LastAccessTicks;

    /// <summary>When the profile's last event happened (0: none, or its behaviour was erased by a withdrawal); read without locking.</summary>
    public long ReadLastSeenTicks() => Interlocked.Read(ref LastSeenTicks);

    /// <summary>The key holdouts assign this profile by, once its first event set it.</summary>
    public string? ReadUnitKey() => Volatile.Read(ref UnitKey);

    /// <summary>Applies <paramref name="update"/> under the profile's lock; false when the profile is retired.</summary>
    /// <remarks>Generic over the state so callers pass a struct and no closure is allocated.</remarks>
    public bool Write<TState>(scoped in TState state, ProfileWriter<TState> update)
        where TState : allows ref struct
    {
        lock (this)
        {
            return WriteLocked(state, update);
        }
    }

    /// <summary>
    /// Applies <paramref name="update"/> only if the profile's lock is free right now: for the
    /// decision path, which must never wait. Returns false when it skipped.
    /// </summary>
    public bool TryWrite<TState>(scoped in TState state, ProfileWriter<TState> update)
        where TState : allows ref struct
    {
        if (!Monitor.TryEnter(this))
        {
            return false;
        }

        try
        {
            return WriteLocked(state, update);
        }
        finally
        {
            Monitor.Exit(this);
        }
    }

    /// <summary>Whether the profile was stitched into another, evicted or erased: it takes no more writes.</summary>
    public bool IsRetired => Volatile.Read(ref _retired);

    /// <summary>The consent the user last gave, with when it was stated where that is kept, or null; read under the profile's lock.</summary>
    public KeptConsent? ReadDatedConsent()
    {
        lock (this)
        {
            return DatedConsent;
        }
    }

    /// <summary>The consent the user last gave, or null; read lock-free under the sequence counter.</summary>
    public ConsentFlags? ReadConsent()
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                var consent = Consent;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return consent;
                }
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>
    /// Copies a consistent view of the profile into <paramref name="target"/> without locking,
    /// without what it holds under item indices the catalog has since given to new keys.
    /// </summary>
    /// <param name="target">The copy to fill.</param>
    /// <param name="catalog">The catalog to check item indices against; null to keep them as stored.</param>
    public void ReadInto(ProfileData target, Catalog.CatalogSnapshot? catalog)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                CopyTo(target);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    target.DropReassignedIds(catalog);
                    return;
                }

                // A torn copy may hold more entries than the retry writes: zero them, so none is left past the counts.
                target.Clear();
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>
    /// Folds this profile into <paramref name="target"/> and retires it. False when the target was
    /// retired meanwhile (evicted, erased or merged) and refused the data: this profile then stays,
    /// whole, for the caller to merge into the target's successor.
    /// </summary>
    /// <param name="target">The known profile.</param>
    /// <param name="halfLifeTicks">The affinity half-life.</param>
    /// <param name="services">The catalog and metrics.</param>
    /// <param name="adoptConsent">Whether this profile's stated consent is taken when the target states none: only for a known key that had no profile.</param>
    /// <param name="unstated">The consent in force for the target's person when the merged profile states none: without personalization, the guest's behaviour is dropped.</param>
    public bool MergeInto(UserProfile target, double halfLifeTicks, ProfileServices services, bool adoptConsent, ConsentFlags unstated)
    {
        lock (this)
        {
            if (_retired)
            {
                return true;
            }

            if (!target.Write(new MergeSource(this, halfLifeTicks, services, adoptConsent, unstated), static (profile, in source) => profile.MergeFrom(source.Data, source.HalfLifeTicks, source.Services, source.AdoptConsent, source.Unstated)))
            {
                return false;
            }

            _retired = true;
            return true;
        }
    }

    /// <summary>How many writes the profile took, twice over (odd while one is under way): unchanged means unwritten.</summary>
    public int WriteVersion => Volatile.Read(ref _sequence);

    /// <summary>
    /// Erases and retires the profile only if nothing wrote to it since it was at
    /// <paramref name="version"/>: a write since is another call's, made after whatever this one undoes.
    /// </summary>
    public bool EraseIfUnwrittenSince(int version)
    {
        lock (this)
        {
            if (_retired || _sequence != version)
            {
                return false;
            }

            EraseLocked();
            return true;
        }
    }

    /// <summary>Erases the profile's data and retires it.</summary>
    public void Erase()
    {
        lock (this)
        {
            EraseLocked();
        }
    }

    /// <summary>Retires the profile and clears its data under the sequence counter; the caller holds the lock.</summary>
    private void EraseLocked()
    {
        _retired = true;
        Interlocked.Increment(ref _sequence);
        Clear();
        Interlocked.Increment(ref _sequence);
    }

    /// <summary>The write itself; the caller holds the lock.</summary>
    private bool WriteLocked<TState>(scoped in TState state, ProfileWriter<TState> update)
        where TState : allows ref struct
    {
        if (_retired)
        {
            return false;
        }

        // Odd while writing; the full fences keep the data writes between the two increments.
        Interlocked.Increment(ref _sequence);
        try
        {
            update(this, in state);
        }
        finally
        {
            Interlocked.Increment(ref _sequence);
        }

        return true;
    }

    private readonly record struct MergeSource(ProfileData Data, double HalfLifeTicks, ProfileServices Services, bool AdoptConsent, ConsentFlags Unstated);
}
