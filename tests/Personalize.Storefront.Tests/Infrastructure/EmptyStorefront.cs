namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>A store with no simulated shoppers, so the holdout's arms start empty.</summary>
public sealed class EmptyStorefront() : ClockStorefront("empty", debug: false, shoppers: 0);
