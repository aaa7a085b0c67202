using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Guardrails;

/// <summary>
/// A guardrail only removes (<see cref="IGuardrail.Apply"/> "never sets" a flag): one that sets
/// flags back cannot return a candidate an earlier guardrail removed, and each removal is credited
/// to the guardrail that made it first.
/// </summary>
public sealed class GuardrailsOnlyRemoveTests
{
    [Fact]
    public void A_guardrail_that_sets_every_flag_does_not_bring_back_a_dismissed_item()
    {
        using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new AllowsEverything()));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "hiking-1"));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = true });

        Assert.DoesNotContain(decision.Items, item => item.ItemKey == "hiking-1");
        var removal = Assert.Single(decision.Explanation!.Removed);
        Assert.Equal(("hiking-1", BuiltInGuardrails.Dismissed), (removal.ItemKey, removal.Guardrail));
    }

    [Fact]
    public void A_guardrail_after_the_one_that_set_flags_back_sees_and_credits_only_its_own_removals()
    {
        var last = new RemovesHiking();
        using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new AllowsEverything()).AddGuardrail(last));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "hiking-1"));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = true });

        Assert.DoesNotContain(decision.Items, item => item.ItemKey.StartsWith("hiking-", StringComparison.Ordinal));
        Assert.False(last.SawHiking1Eligible);
        Assert.Equal(
            [("hiking-1", BuiltInGuardrails.Dismissed), ("hiking-2", "no-hiking"), ("hiking-3", "no-hiking"), ("hiking-4", "no-hiking")],
            decision.Explanation!.Removed.Select(r => (r.ItemKey, r.Guardrail)).OrderBy(r => r.ItemKey, StringComparer.Ordinal));
    }

    /// <summary>Breaks the contract: sets every flag, as if to undo the guardrails before it.</summary>
    private sealed class AllowsEverything : IGuardrail
    {
        public string Name => "allows-everything";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible) => eligible.Fill(true);

        public string Explain(in DecisionContext context, int itemIndex) => "Never removes anything.";
    }

    /// <summary>Removes every hiking item, and notes whether the dismissed one reached it still eligible.</summary>
    private sealed class RemovesHiking : IGuardrail
    {
        public string Name => "no-hiking";

        public bool SawHiking1Eligible { get; private set; }

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                var item = context.GetItem(candidates[i]);
                SawHiking1Eligible |= item.Key == "hiking-1" && eligible[i];
                if (item.Key.StartsWith("hiking-", StringComparison.Ordinal))
                {
                    eligible[i] = false;
                }
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "No hiking today.";
    }
}
