namespace Personalize.Sdk.Profiles;

/// <summary>
/// Where profiles live. The engine only finds, creates and removes them; a profile's state is
/// read and written through <see cref="UserProfile"/> itself.
/// </summary>
/// <remarks>
/// Internal for now: a store outside the process would need a stable serialised form of a
/// profile, which is not part of the public contract yet.
/// </remarks>
internal interface IProfileStore : IDisposable
{
    /// <summary>How many profiles the store holds now.</summary>
    int Count { get; }

    /// <summary>The profile stored under <paramref name="userKey"/>, or null; counts as a use of it (sliding expiry).</summary>
    UserProfile? Find(string userKey);

    /// <summary>As <see cref="Find(string)"/>, judged at <paramref name="nowTicks"/>: for a caller that has just read the clock.</summary>
    UserProfile? Find(string userKey, long nowTicks);

    /// <summary>The profile stored under <paramref name="userKey"/>, or null, without counting as a use: for reads on behalf of the host, not the person.</summary>
    UserProfile? Peek(string userKey);

    /// <summary>
    /// As <see cref="Peek"/>, but a profile idle past its expiry is evicted first, as <see cref="Find(string)"/>
    /// would evict it: for reports on behalf of the person (their consent, their data), which must
    /// show what is held once the eviction has run (a narrower consent kept apart, the links gone).
    /// </summary>
    UserProfile? PeekEvictingIdle(string userKey);

    /// <summary>The profile stored under <paramref name="userKey"/>, created once if missing, even under races.</summary>
    UserProfile GetOrCreate(string userKey);

    /// <summary>
    /// As <see cref="GetOrCreate(string)"/>; <paramref name="createdVersion"/> is the new profile's
    /// <see cref="UserProfile.WriteVersion"/> as this call made it, or -1 when another call had made it.
    /// </summary>
    UserProfile GetOrCreate(string userKey, out int createdVersion);

    /// <summary>Removes a profile and returns it, or null when there was none.</summary>
    UserProfile? Remove(string userKey);

    /// <summary>Removes <paramref name="profile"/> if it is still the one stored under <paramref name="userKey"/>; false otherwise.</summary>
    bool Remove(string userKey, UserProfile profile);
}
