using Personalize.Sdk;
using Personalize.Sdk.Reporting;

namespace Personalize.ConsoleSample;

/// <summary>One step of the story: what happened, and what the SDK decided after it.</summary>
/// <param name="Number">The step's number, from 1.</param>
/// <param name="Title">What happened, in a sentence.</param>
/// <param name="Decision">The decision that followed, explained.</param>
internal sealed record StoryStep(int Number, string Title, Decision Decision)
{
    public DecisionExplanation Explanation => Decision.Explanation!;

    /// <summary>The recommended items that carry a next-step link (other shoppers went on to them after what this one did last).</summary>
    public IReadOnlyList<string> FollowingOn =>
        [.. Explanation.Items
            .Where(item => item.Contributions.Any(contribution => contribution.Signal == "co-occurrence" && contribution.Contribution > 0))
            .Select(item => item.ItemKey)];
}
