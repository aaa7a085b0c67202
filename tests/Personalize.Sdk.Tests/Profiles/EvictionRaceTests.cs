using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>
/// Eviction against the person's other keys and against a person coming back while a maintenance
/// pass runs: an evicted person leaves nothing an erasure can no longer reach, and a person used
/// after the pass chose them is not evicted.
/// </summary>
public sealed class EvictionRaceTests
{
    [Fact]
    public void An_evicted_stitched_profile_leaves_no_unit_or_alias_an_erasure_could_not_reach()
    {
        using var sdk = new TestSdk(
            options => options.ProfileIdleExpiration = TimeSpan.FromHours(1),
            builder => builder.AddHoldout("site", 5_000));
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.Rank("guest");                             // the ledger measures the unit "guest"
        sdk.View("guest", "books-1");
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account")); // profile "account", unit "guest"
        Assert.NotEmpty(personalizer.StructuresHolding("guest"));

        sdk.Time.Advance(TimeSpan.FromHours(2));
        sdk.View("account", "books-2");                // finds the profile idle: evicted with its links

        Assert.Empty(personalizer.StructuresHolding("guest"));
        Assert.True(sdk.Personalizer.Forget("account"));
        Assert.Empty(personalizer.StructuresHolding("account"));
    }

    [Fact]
    public async Task A_capacity_trim_leaves_nothing_of_a_guest_merged_and_erased_after_the_pass_chose_it()
    {
        using var sdk = new TestSdk(options => options.MaxProfiles = 20);
        var personalizer = (Personalizer)sdk.Personalizer;
        var step = TimeSpan.FromMilliseconds(100);
        sdk.View("x", "books-1");
        sdk.Time.Advance(step);
        sdk.View("guest", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest")); // narrower than the default: kept apart at an eviction
        sdk.Time.Advance(step);
        sdk.View("account", "books-2");
        sdk.Time.Advance(step);
        for (var i = 0; i < 17; i++)
        {
            sdk.View($"filler-{i}", "books-1");
        }

        await personalizer.ProfileMaintenance;         // 20 profiles: nothing trimmed yet
        Assert.Equal(20, sdk.ProfileCount);

        // The pass chose x and the guest (least recently used); as it takes x, the guest signs in
        // (merged into the account, its profile retired) and the person is erased.
        string? raced = null;
        personalizer.ProfileStore.RaceBeforeEviction = key =>
        {
            raced = key;
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));
            Assert.True(sdk.Personalizer.Forget("account"));
        };
        sdk.View("y", "books-3");                      // 21 > 20: the pass takes the two least recently used
        await personalizer.ProfileMaintenance;

        Assert.Equal("x", raced);
        Assert.Empty(personalizer.StructuresHolding("guest"));
        Assert.True(sdk.Personalizer.GetPersonalData("guest").IsEmpty);
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("guest"));
    }

    [Fact]
    public async Task A_capacity_trim_keeps_a_profile_used_after_the_pass_chose_it()
    {
        using var sdk = new TestSdk(options => options.MaxProfiles = 20);
        var personalizer = (Personalizer)sdk.Personalizer;
        var factory = sdk.Services.GetRequiredService<IMeterFactory>();
        IdentifyResult? raced = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "personalize.profiles.evicted" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            // On the maintenance thread, after it evicted the oldest profile and before the next one it chose.
            raced ??= sdk.Personalizer.Identify("guest", "account");
        });
        listener.Start();

        sdk.View("oldest", "books-1");
        sdk.Time.Advance(TimeSpan.FromSeconds(2));
        sdk.View("account", "books-2");
        sdk.Time.Advance(TimeSpan.FromSeconds(2));
        sdk.View("guest", "books-3");
        for (var i = 0; i < 17; i++)
        {
            sdk.View($"filler-{i}", "books-1");
        }

        await personalizer.ProfileMaintenance;
        sdk.Time.Advance(TimeSpan.FromSeconds(2));
        sdk.View("last", "books-1");                   // 21 > 20: the pass chooses the two least recently used
        await personalizer.ProfileMaintenance;

        Assert.Equal(IdentifyResult.Stitched, raced);
        Assert.True(sdk.Personalizer.GetPersonalData("oldest").IsEmpty);
        Assert.Equal(2, sdk.Personalizer.GetPersonalData("guest").Profile?.EventCount ?? 0);
    }
}
