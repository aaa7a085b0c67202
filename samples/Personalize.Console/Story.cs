using Personalize.Sdk;
using Personalize.Sdk.Reporting;

namespace Personalize.ConsoleSample;

/// <summary>Ranks after each step of the script, prints the decision with its reasons, and sums the story up at the end.</summary>
internal sealed class Story(IPersonalizer personalizer, TextWriter output)
{
    private readonly List<StoryStep> _steps = [];

    /// <summary>Ranks five items for <paramref name="user"/> and prints them with their reasons and what the guardrails removed.</summary>
    public StoryStep Show(string user, string title)
    {
        var decision = personalizer.Rank(new PersonalizationRequest(user) { Count = 5, Explain = true });
        var step = new StoryStep(_steps.Count + 1, title, decision);
        _steps.Add(step);

        output.WriteLine();
        output.WriteLine($"== {step.Number}. {title}");
        output.WriteLine($"   [{decision.Variant}] {step.Explanation.Summary}");
        foreach (var item in step.Explanation.Items)
        {
            output.WriteLine($"   {DemoCatalog.TitleOf(item.ItemKey),-22} {item.Score,5:0.00}  {item.Reason,-36} {Shares(item)}");
        }

        foreach (var removed in step.Explanation.Removed)
        {
            output.WriteLine($"   (removed {DemoCatalog.TitleOf(removed.ItemKey)}: {removed.Reason})");
        }

        return step;
    }

    /// <summary>
    /// Says which of the step's items follow on from <paramref name="lastItem"/>: those whose reason
    /// cites it, and those with a next-step share whose reason does not, naming each one's largest
    /// share, the first its reason is taken from (a row gives each reason once, so an item whose
    /// largest share would repeat one above it says what else is true of it).
    /// </summary>
    public void ExplainNextSteps(StoryStep step, string lastItem)
    {
        var title = DemoCatalog.TitleOf(lastItem);
        var citing = step.Explanation.Items.Where(item => item.Reason.EndsWith(title, StringComparison.Ordinal)).Select(item => item.ItemKey).ToList();
        var linked = step.Explanation.Items.Where(item => step.FollowingOn.Contains(item.ItemKey) && !citing.Contains(item.ItemKey)).ToList();
        output.WriteLine($"   Why: {(citing.Count == 0 ? $"no reason cites {title}" : $"{Titles(citing)} {(citing.Count == 1 ? "cites" : "cite")} {title}")}."
            + (linked.Count == 0 ? string.Empty : $" {Titles([.. linked.Select(item => item.ItemKey)])} also {(linked.Count == 1 ? "has" : "have")} a \"next step\" share, but a row gives each reason once, from each item's largest share first: {LargestShares(linked)}."));
    }

    /// <summary>What the SDK decided, step by step, and what its guardrails held back at the end.</summary>
    public void Summarize()
    {
        output.WriteLine();
        output.WriteLine("== What the SDK decided");
        foreach (var step in _steps)
        {
            var top = step.Explanation.Items.Take(3).Select(item => item.ItemKey).ToList();
            output.WriteLine($"   {step.Number}. {step.Decision.Variant} ({step.Decision.Reason}): {Titles(top)}. {step.Explanation.Summary}");
        }

        var last = _steps[^1];
        var held = last.Explanation.Removed.GroupBy(removal => removal.Guardrail).ToList();
        output.WriteLine(held.Count == 0
            ? "   At the end, no guardrail had to hold anything back."
            : $"   At the end, guardrails held back {last.Explanation.Removed.Count} items: "
              + string.Join("; ", held.Select(group => $"{group.Key}: {Titles([.. group.Select(removal => removal.ItemKey)])}")) + ".");
        output.WriteLine("   Every ranking was decided in this process, with a reason for each item; nothing was fetched or sent anywhere.");
    }

    /// <summary>An item's three largest shares of its score, in the story's words: "popular 0.83, next step 0.64".</summary>
    private static string Shares(ItemExplanation item) =>
        "(" + string.Join(", ", item.Contributions
            .Where(contribution => contribution.Contribution > 0.005f)
            .OrderByDescending(contribution => contribution.Contribution)
            .Take(3)
            .Select(contribution => $"{SignalNames.For(contribution.Signal)} {contribution.Contribution:0.00}")) + ")";

    /// <summary>Items grouped by their largest share: "your shelf for Pour-over kettle, Spice rack; popular for Headlamp".</summary>
    private static string LargestShares(IEnumerable<ItemExplanation> items) =>
        string.Join("; ", items
            .GroupBy(item => SignalNames.For(item.Contributions.MaxBy(contribution => contribution.Contribution)!.Signal))
            .Select(group => $"{group.Key} for {Titles([.. group.Select(item => item.ItemKey)])}"));

    private static string Titles(IReadOnlyList<string> keys) => string.Join(", ", keys.Select(DemoCatalog.TitleOf));
}
