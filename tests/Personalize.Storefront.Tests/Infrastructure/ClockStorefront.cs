using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk;
using Personalize.Sdk.Extensibility;
using Personalize.Storefront.Measurement;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>
/// The storefront on a clock the test moves. Each derived fixture is its own app, so moving its
/// clock moves no other test's.
/// </summary>
/// <param name="visitorPrefix">What its visitors' ids start with.</param>
/// <param name="debug">Whether its visitors have the debug panel on.</param>
/// <param name="shoppers">How many simulated shoppers come before the test, or null for the store's default.</param>
public abstract class ClockStorefront(string visitorPrefix, bool debug, int? shoppers) : WebApplicationFactory<Program>
{
    private int _visitors;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>A new visitor in the holdout's treatment.</summary>
    public Visitor NewVisitor()
    {
        var holdouts = Services.GetRequiredService<IHoldoutAssigner>();
        var prefix = $"{visitorPrefix}-{Interlocked.Increment(ref _visitors)}";
        var id = Enumerable.Range(0, 1_000)
            .Select(i => $"{prefix}-{i}")
            .First(key => holdouts.Assign(StorefrontHoldout.Name, key).Arm == HoldoutArm.Treatment);
        return new Visitor(this, id, debug);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (shoppers is { } count)
        {
            builder.UseSetting("shoppers", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
