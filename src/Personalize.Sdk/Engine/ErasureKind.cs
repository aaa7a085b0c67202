namespace Personalize.Sdk.Engine;

/// <summary>What work in flight lost about its person: ordered, the larger undoes more.</summary>
internal enum ErasureKind
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Their consent was withdrawn: drop what was logged for learning.</summary>
    Withdrawal,

    /// <summary>They were erased: drop everything written about them.</summary>
    Erasure,
}
