using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Measurement;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>The storefront in memory, as in production, with its simulated shoppers replayed once for all page tests.</summary>
public sealed class StorefrontFactory : WebApplicationFactory<Program>
{
    private int _visitors;

    /// <summary>A new visitor whose key the holdout puts in <paramref name="arm"/>, with the debug panel on unless asked otherwise.</summary>
    public Visitor NewVisitor(HoldoutArm arm = HoldoutArm.Treatment, bool debug = true)
    {
        var holdouts = Services.GetRequiredService<IHoldoutAssigner>();
        var prefix = $"test-{Interlocked.Increment(ref _visitors)}";
        var id = Enumerable.Range(0, 1_000)
            .Select(i => $"{prefix}-{i}")
            .First(key => holdouts.Assign(StorefrontHoldout.Name, key).Arm == arm);
        return new Visitor(this, id, debug);
    }

    /// <summary>A new account (an email) the holdout treats, so its rows show what consent allows.</summary>
    public string TreatedAccount()
    {
        var holdouts = Services.GetRequiredService<IHoldoutAssigner>();
        return Enumerable.Range(0, 1_000)
            .Select(_ => $"{Guid.NewGuid():N}@example.com")
            .First(key => holdouts.Assign(StorefrontHoldout.Name, key).Arm == HoldoutArm.Treatment);
    }

    /// <summary>What the SDK holds about a key, read the way a data-access request reads it.</summary>
    public PersonalData PersonalData(string userKey) => Services.GetRequiredService<IPersonalizer>().GetPersonalData(userKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Production");
}
