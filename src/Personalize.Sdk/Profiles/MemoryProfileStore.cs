using Microsoft.Extensions.Caching.Memory;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The default in-memory profile store: a <see cref="MemoryCache"/> with a size limit (one unit
/// per profile) and a sliding idle expiry, so memory stays bounded as distinct users grow.
/// </summary>
internal sealed class MemoryProfileStore : IProfileStore
{
    // Creation is serialised per stripe so two first events of one user never create two profiles.
    private const int StripeCount = 64;

    private readonly MemoryCache _cache;
    private readonly TimeSpan _idleExpiration;
    private readonly Lock[] _stripes;
    private readonly PostEvictionDelegate _onEvicted;
    private readonly Action<EvictionReason> _evicted;
    private readonly double _compaction;

    public MemoryProfileStore(int maxProfiles, TimeSpan idleExpiration, TimeProvider timeProvider, Action<EvictionReason> evicted)
    {
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = maxProfiles,
            CompactionPercentage = Math.Max(0.05, 1.0 / maxProfiles),
            Clock = new TimeProviderClock(timeProvider),
        });
        _idleExpiration = idleExpiration;

        // Compact at least one profile when full, however small the limit.
        _compaction = Math.Max(0.05, 1.0 / maxProfiles);
        _evicted = evicted;
        _onEvicted = OnEvicted;
        _stripes = new Lock[StripeCount];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Lock();
        }
    }

    public int Count => _cache.Count;

    public UserProfile? Find(string userKey) => _cache.TryGetValue(userKey, out var value) ? (UserProfile?)value : null;

    public UserProfile GetOrCreate(string userKey)
    {
        if (_cache.TryGetValue(userKey, out var existing))
        {
            return (UserProfile)existing!;
        }

        lock (_stripes[(uint)userKey.GetHashCode() % StripeCount])
        {
            if (_cache.TryGetValue(userKey, out existing))
            {
                return (UserProfile)existing!;
            }

            var profile = new UserProfile();
            Add(userKey, profile);
            if (!_cache.TryGetValue(userKey, out _))
            {
                // The cache was full and refused the entry; make room now rather than lose this user's events.
                _cache.Compact(_compaction);
                Add(userKey, profile);
            }

            return profile;
        }
    }

    /// <summary>Removes a profile from the store and returns it, or null when there was none.</summary>
    public UserProfile? Remove(string userKey)
    {
        var profile = Find(userKey);
        _cache.Remove(userKey);
        return profile;
    }

    public void Dispose() => _cache.Dispose();

    private void Add(string userKey, UserProfile profile)
    {
        using var entry = _cache.CreateEntry(userKey);
        entry.Size = 1;
        entry.SlidingExpiration = _idleExpiration;
        entry.Value = profile;
        entry.RegisterPostEvictionCallback(_onEvicted);
    }

    private void OnEvicted(object key, object? value, EvictionReason reason, object? state)
    {
        if (reason is EvictionReason.Capacity or EvictionReason.Expired)
        {
            _evicted(reason);
        }
    }
}
