using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Measurement;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>
/// The storefront on a clock the test moves, for what happens when time passes (an undo window
/// closing). Its own app, with fewer simulated shoppers, so moving its clock moves no other test's.
/// </summary>
public sealed class FakeClockStorefront : WebApplicationFactory<Program>
{
    private int _visitors;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>A new visitor in the holdout's treatment, with the debug panel on.</summary>
    public Visitor NewVisitor()
    {
        var holdouts = Services.GetRequiredService<IHoldoutAssigner>();
        var prefix = $"clock-{Interlocked.Increment(ref _visitors)}";
        var id = Enumerable.Range(0, 1_000)
            .Select(i => $"{prefix}-{i}")
            .First(key => holdouts.Assign(StorefrontHoldout.Name, key).Arm == HoldoutArm.Treatment);
        return new Visitor(this, id, debug: true);
    }

    /// <summary>What the SDK holds about a key.</summary>
    public PersonalData PersonalData(string userKey) => Services.GetRequiredService<IPersonalizer>().GetPersonalData(userKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("shoppers", "300");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
