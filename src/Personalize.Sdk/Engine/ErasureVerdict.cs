namespace Personalize.Sdk.Engine;

/// <summary>What an <see cref="ErasureLog"/> can tell work in flight about its person.</summary>
internal enum ErasureVerdict
{
    /// <summary>No erasure since the work began named its keys.</summary>
    NotErased,

    /// <summary>An erasure since the work began named one of its keys.</summary>
    Erased,

    /// <summary>
    /// An erasure since the work began that the log no longer holds whole marked the bucket of one
    /// of its keys: that key's, or another that shares the bucket. The person's own state decides.
    /// </summary>
    Perhaps,
}
