using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalize.Sdk;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>
/// The storefront on a clock the test moves, for learning: decisions settle when their reward
/// wait is over, which the test makes happen at once.
/// </summary>
public sealed class LearningStorefront() : ClockStorefront("learning", debug: false, shoppers: null)
{
    /// <summary>Moves the clock past the reward wait, a learner's update at a time, so every decision made so far is settled and learned from.</summary>
    public void SettleEverything()
    {
        var learning = Services.GetRequiredService<IOptions<PersonalizationOptions>>().Value.Learning;
        var until = Clock.GetUtcNow() + learning.RewardWaitTime + learning.UpdateInterval;
        while (Clock.GetUtcNow() < until)
        {
            Clock.Advance(learning.UpdateInterval);
        }
    }
}
