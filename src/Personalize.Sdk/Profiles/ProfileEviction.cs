namespace Personalize.Sdk.Profiles;

/// <summary>Why the store let a profile go.</summary>
internal enum ProfileEviction
{
    /// <summary>The store was over <see cref="PersonalizationOptions.MaxProfiles"/> and this was among the least recently used.</summary>
    Capacity,

    /// <summary>Nobody touched it for <see cref="PersonalizationOptions.ProfileIdleExpiration"/>.</summary>
    Expired,
}
