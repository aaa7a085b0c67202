namespace Personalize.Sdk.Engine;

/// <summary>
/// Lets the erasure guard and the erasure and withdrawal logs go of the keys whose window has
/// ended, on the clock the decision and event paths already read: whether or not anything is
/// looked up or erased again, no erased key outlives its window by more than the next decision or
/// event. Three field reads until one is due; never waits, never allocates.
/// </summary>
internal sealed class ErasedKeysExpiry(ErasureGuard guard, ErasureLog erasures, ErasureLog withdrawals)
{
    /// <summary>Lets go of what has expired by <paramref name="nowTicks"/>, the clock as the caller read it.</summary>
    public void RunIfDue(long nowTicks)
    {
        guard.SweepIfDue(nowTicks);
        erasures.ExpireIfDue(nowTicks);
        withdrawals.ExpireIfDue(nowTicks);
    }
}
