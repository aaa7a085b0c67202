namespace Personalize.Sdk.Profiles;

/// <summary>
/// One user's live profile. Writers take the profile's own lock; readers copy it lock-free under
/// a sequence counter (a seqlock) and retry when a write overlapped, so a decision never sees a
/// torn profile and never waits for a writer of another user.
/// </summary>
internal sealed class UserProfile
{
    private readonly Lock _writeGate = new();
    private readonly ProfileData _data = new();
    private int _sequence;

    /// <summary>Applies <paramref name="update"/> to the profile under its lock.</summary>
    /// <remarks>Generic over the state so callers pass a struct and no closure is allocated.</remarks>
    public void Write<TState>(in TState state, ProfileWriter<TState> update)
        where TState : allows ref struct
    {
        lock (_writeGate)
        {
            // Odd while writing; the full fence keeps the data writes after the increment.
            Interlocked.Increment(ref _sequence);
            try
            {
                update(_data, in state);
            }
            finally
            {
                Interlocked.Increment(ref _sequence);
            }
        }
    }

    /// <summary>Copies a consistent view of the profile into <paramref name="target"/> without locking.</summary>
    public void CopyTo(ProfileData target)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                _data.CopyTo(target);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return;
                }
            }

            spinner.SpinOnce();
        }
    }
}
