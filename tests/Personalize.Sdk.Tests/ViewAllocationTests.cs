using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests;

/// <summary>every public member documented "Allocation-free", read from a custom signal and guardrail; and the convenient overload's documented 296 B.</summary>
[Collection(AllocationCollection.Name)]
public sealed class ViewAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_allocation_free_member_of_the_views_reads_without_allocating()
    {
        using var sdk = WarmShoppers.WarmSdk(
            options => options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap),
            builder => builder.AddSignal(new EveryReader(), 1f, 1f).AddGuardrail(new ReadingGuardrail()));
        var member = WarmShoppers.TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member);
        sdk.Personalizer.Rank(request, buffer, out _);

        var bytes = Allocations.Fewest(i => sdk.Personalizer.Rank(request, buffer, out _), 3, 1_000);

        Assert.True(EveryReader.Reads > 0);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void The_convenient_overload_allocates_296_bytes_for_ten_items()
    {
        // README "Performance" and docs/performance.md: "allocates only the Decision and the items shown, 296 B for ten".
        using var sdk = WarmShoppers.WarmSdk(options => options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap));
        var request = new PersonalizationRequest("shopper-1") { Count = 10 };
        Assert.Equal(10, sdk.Personalizer.Rank(request).Items.Count);

        var perCall = Allocations.Fewest(i => sdk.Personalizer.Rank(request), 3, 1_000) / 1_000;
        output.WriteLine($"{perCall} B a decision of ten");

        Assert.Equal(296, perCall);
    }

    private sealed class EveryReader : ISignalProvider
    {
        public static long Reads;

        public string Name => "every-reader";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var profile = context.Profile;
            var total = profile.TotalCategoryAffinity + profile.TotalAttributeAffinity + profile.Confidence + profile.EventCount + (profile.IsNew ? 1 : 0);
            total += context.ItemPopularity.Length + context.ItemRecentPopularity.Length + context.CategoryCount + DecisionContext.LinkedRecentItems;
            total += profile.LastComplaint is { } complaint ? complaint.Ticks % 7 : 0;
            total += profile.FirstSeen is { } first ? first.Ticks % 7 : 0;
            total += profile.LastSeen is { } last ? last.Ticks % 7 : 0;
            foreach (var item in profile.RecentItems)
            {
                var neighbours = context.GetNextStepNeighbours(item);
                total += neighbours.Items.Length + neighbours.Weights.Length;
            }

            for (var i = 0; i < candidates.Length; i++)
            {
                var c = candidates[i];
                var read = profile.GetItemCategoryAffinity(c) + profile.GetItemAttributeAffinity(c)
                    + (profile.IsStatedLike(c) ? 1 : 0) + (profile.IsStatedDislike(c) ? 1 : 0)
                    + (profile.GetPurchaseTime(c) is null ? 0 : 1) + (profile.GetDismissalTime(c) is null ? 0 : 1)
                    + profile.GetShowCount(c, TimeSpan.FromDays(1)) + context.GetCategoryIndex(c);
                column[i] = (float)Math.Clamp(read / (1 + total), 0, 1);
            }

            Interlocked.Increment(ref Reads);
        }
    }

    private sealed class ReadingGuardrail : IGuardrail
    {
        public string Name => "reading";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            var profile = context.Profile;
            for (var i = 0; i < candidates.Length; i++)
            {
                eligible[i] &= profile.GetDismissalTime(candidates[i]) is null || profile.GetShowCount(candidates[i], TimeSpan.FromHours(1)) < 100;
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "reading";
    }
}
