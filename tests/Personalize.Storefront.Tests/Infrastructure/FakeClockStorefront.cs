using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk;
using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>
/// The storefront on a clock the test moves, for what happens when time passes (an undo window
/// closing), with fewer simulated shoppers; its visitors have the debug panel on.
/// </summary>
public sealed class FakeClockStorefront() : ClockStorefront("clock", debug: true, shoppers: 300)
{
    /// <summary>What the SDK holds about a key.</summary>
    public PersonalData PersonalData(string userKey) => Services.GetRequiredService<IPersonalizer>().GetPersonalData(userKey);
}
