namespace Personalize.Sdk;

/// <summary>What <see cref="IPersonalizer.Identify"/> did.</summary>
public enum IdentifyResult
{
    /// <summary>
    /// The anonymous profile was merged into the known one; both keys now reach it. When the
    /// anonymous key was already stitched to another account (a shared device signing in to a
    /// second one), nothing is merged: the key alone moves to the known profile, and what it did
    /// so far stays with the first account.
    /// </summary>
    Stitched = 0,

    /// <summary>
    /// Both keys already reached the same profile, or were the same key: nothing was merged or
    /// linked. The known key is still marked signed in (decisions and events for it count as
    /// identified in the readiness report), and this server holds its profile: an empty one, or one
    /// recalled from a shared store.
    /// </summary>
    AlreadyStitched = 1,

    /// <summary>Refused: the known profile already has as many aliases as <see cref="PersonalizationOptions.MaxAliasesPerProfile"/> allows.</summary>
    RefusedAliasLimit = 2,

    /// <summary>Refused: the "known" key is itself an anonymous alias, and a known identity never becomes an alias of an anonymous one.</summary>
    RefusedKnownKeyIsAlias = 3,
}
