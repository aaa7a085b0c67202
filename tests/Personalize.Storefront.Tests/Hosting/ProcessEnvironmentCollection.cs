namespace Personalize.Storefront.Tests.Hosting;

/// <summary>Tests that set environment variables of the test process: they run alone, while no other test builds a host.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
