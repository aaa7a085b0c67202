using Personalize.Sdk;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Learning;

/// <summary>
/// How the store learns its mix of signals from outcomes, tuned for a demo: the thank-you page
/// learns as an apprentice (the configured weights serve until offline evaluation says the learned
/// ones are better), the cart online (the learned weights serve once enough decisions settled).
/// The other pages keep their configured mix, so what a shopper sees there never explores.
/// </summary>
internal static class StorefrontLearning
{
    /// <summary>The placements that learn, and how, in the report's order.</summary>
    public static IReadOnlyDictionary<string, LearningMode> Placements { get; } = new Dictionary<string, LearningMode>(StringComparer.Ordinal)
    {
        [StorefrontPlacements.Thanks] = LearningMode.Apprentice,
        [StorefrontPlacements.Cart] = LearningMode.Online,
    };

    /// <summary>Short waits, so the <c>/learning</c> page moves within a minute of the store opening.</summary>
    public static void Configure(LearningOptions learning)
    {
        learning.RewardWaitTime = TimeSpan.FromSeconds(20);
        learning.UpdateInterval = TimeSpan.FromSeconds(3);
        learning.MinSettledDecisions = 100;

        // The simulated shoppers replay the same way every start: their cart and thank-you choices
        // follow what those pages showed, so the exploration must draw the same too.
        learning.ExplorationSeed = 20_261_204;
    }
}
