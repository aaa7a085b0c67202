namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>
/// Allocation measurements run alone: <c>GC.GetAllocatedBytesForCurrentThread</c> is per thread, but other
/// tests hammering <c>ArrayPool</c> could still steal or trim the pooled buffer mid-measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    /// <summary>Collection name.</summary>
    public const string Name = "Allocation";
}
