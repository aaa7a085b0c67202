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
/// The storefront on a clock the test moves, for learning: decisions settle when their reward
/// wait is over, which the test makes happen at once. Its own app, so no other test's clock moves.
/// </summary>
public sealed class LearningStorefront : WebApplicationFactory<Program>
{
    private int _visitors;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>A new visitor in the holdout's treatment, with the debug panel off.</summary>
    public Visitor NewVisitor()
    {
        var holdouts = Services.GetRequiredService<IHoldoutAssigner>();
        var prefix = $"learning-{Interlocked.Increment(ref _visitors)}";
        var id = Enumerable.Range(0, 1_000)
            .Select(i => $"{prefix}-{i}")
            .First(key => holdouts.Assign(StorefrontHoldout.Name, key).Arm == HoldoutArm.Treatment);
        return new Visitor(this, id, debug: false);
    }

    /// <summary>Moves the clock past the reward wait, a learner's update at a time, so every decision made so far is settled and learned from.</summary>
    public void SettleEverything()
    {
        var learning = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PersonalizationOptions>>().Value.Learning;
        var until = Clock.GetUtcNow() + learning.RewardWaitTime + learning.UpdateInterval;
        while (Clock.GetUtcNow() < until)
        {
            Clock.Advance(learning.UpdateInterval);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
