using Personalize.Sdk.Tests.TestSupport;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests;

/// <summary>
/// The request and event promises measured as a host writes them, building the request or event
/// per call, early in the process. Each key is checked for lone surrogates; the char overload of
/// <c>MemoryExtensions.IndexOfAnyInRange</c>, as CoreLib ships it precompiled, allocated 96 B a call
/// until the runtime re-jitted it (in a console probe, about 2,000 calls and 0.6 s in).
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class KeyCheckAllocationTests(ITestOutputHelper output)
{
    private const int Calls = 1_000;

    [Fact]
    public void Building_a_request_per_request_allocates_nothing()
    {
        // PersonalizationRequest: "A small value type, so building one per request allocates nothing."
        string[] candidates = ["books-1", "books-2"];
        var users = new[] { "user-1", "user-2" };

        var bytes = Allocations.Fewest(i => GC.KeepAlive(new PersonalizationRequest(users[i & 1]) { Candidates = candidates, Count = 5, Placement = "home" }.UserKey), 3, Calls);
        output.WriteLine($"{bytes / Calls} B a request");

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Ranking_into_a_span_with_the_request_built_per_call_allocates_nothing_once_warm()
    {
        // IPersonalizer.Rank(span): "Once warm this overload allocates nothing"; the request as docs/migrating-from-azure-personalizer.md builds it.
        using var sdk = WarmShoppers.WarmSdk();
        var member = WarmShoppers.TreatedMember(sdk);
        var buffer = new RankedItem[4];
        sdk.Personalizer.Rank(new PersonalizationRequest(member) { Placement = "home" }, buffer, out _);

        var bytes = Allocations.Fewest(i => sdk.Personalizer.Rank(new PersonalizationRequest(member) { Placement = "home" }, buffer, out _), 3, Calls);
        output.WriteLine($"{bytes / Calls} B a decision");

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Tracking_an_event_built_per_call_allocates_nothing_once_warm()
    {
        // PersonalizationEvent: "A small value type: recording an event allocates nothing once the person's profile holds what it records";
        // README: personalizer.Track(PersonalizationEvent.View("visitor-42", "boots")).
        using var sdk = WarmShoppers.WarmSdk();
        string[] items = ["books-1", "books-2", "hiking-1", "garden-2"];
        foreach (var item in items)
        {
            sdk.Personalizer.Track(PersonalizationEvent.View("account", item));
        }

        var bytes = Allocations.Fewest(i => sdk.Personalizer.Track(PersonalizationEvent.View("account", items[i % items.Length])), 3, Calls);
        output.WriteLine($"{bytes / Calls} B an event");

        Assert.Equal(0, bytes);
    }
}
