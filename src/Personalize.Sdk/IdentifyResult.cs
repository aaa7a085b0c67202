namespace Personalize.Sdk;

/// <summary>What <see cref="IPersonalizer.Identify"/> did.</summary>
public enum IdentifyResult
{
    /// <summary>The anonymous profile was merged into the known one; both keys now reach it.</summary>
    Stitched = 0,

    /// <summary>
    /// Both keys already reached the same profile, or were the same key: nothing was merged or
    /// linked. The known key is still marked signed in (decisions and events for it count as
    /// identified in the readiness report), and this server holds its profile: an empty one, or one
    /// recalled from a shared store.
    /// </summary>
    AlreadyStitched = 1,

    /// <summary>
    /// Refused: the stitch would take the known profile past <see cref="PersonalizationOptions.MaxAliasesPerProfile"/>
    /// aliases, counting the anonymous key and the aliases it brings with it.
    /// </summary>
    RefusedAliasLimit = 2,

    /// <summary>
    /// Refused: the "known" key is itself stitched to another (a guest's key, or an account already
    /// merged into another), and a known identity never becomes an alias of an alias. Sign in to the
    /// account it reaches instead. Every server answers alike: whether a key was ever signed in is not
    /// part of the rule, as it is not shared.
    /// </summary>
    RefusedKnownKeyIsAlias = 3,

    /// <summary>
    /// Refused: the anonymous key is already stitched to another known key (a shared device signed in
    /// to one account, now signing in to a second), whether it was a guest's key, a key once signed in
    /// as itself, or an account already merged into another. One account is never merged into another
    /// through a device: give the new session a new anonymous key (at sign-out, say) and stitch that.
    /// </summary>
    RefusedAnonymousKeyIsLinked = 4,
}
