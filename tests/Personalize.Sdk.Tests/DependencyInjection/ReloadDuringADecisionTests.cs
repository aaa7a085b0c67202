using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.DependencyInjection;

public sealed class ReloadDuringADecisionTests
{
    [Fact]
    public void A_decision_sized_under_one_settings_object_is_made_under_the_same_one()
    {
        var configuration = new ConfigurationManager();
        configuration["Personalization:MaxCount"] = "2";
        var time = new ReloadingClock(TestSdk.Start);
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(time);
        services.Configure<PersonalizationOptions>(configuration.GetSection("Personalization"));
        services.AddPersonalization().AddCatalog(TestCatalog.Items);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        personalizer.Track(PersonalizationEvent.View("ann", "books-1"));

        // The reload lands after the result was sized and before the decision read its settings.
        time.OnTimestamp = () =>
        {
            configuration["Personalization:MaxCount"] = "10";
            configuration["Personalization:KillSwitch"] = "true";
            ((IConfigurationRoot)configuration).Reload();
        };
        var decision = personalizer.Rank(new PersonalizationRequest("ann") { Count = 10 });

        Assert.Null(time.OnTimestamp);
        Assert.Equal(2, decision.Items.Count);
        Assert.NotEqual(DecisionReason.KillSwitch, decision.Reason);
        Assert.Equal(DecisionReason.KillSwitch, personalizer.Rank(new PersonalizationRequest("ann") { Count = 10 }).Reason);
    }

    /// <summary>Runs an action at the first timestamp a decision reads, its first step.</summary>
    private sealed class ReloadingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public Action? OnTimestamp;

        public override long GetTimestamp()
        {
            Interlocked.Exchange(ref OnTimestamp, null)?.Invoke();
            return base.GetTimestamp();
        }
    }
}
