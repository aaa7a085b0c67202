using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;
using static Personalize.Sdk.Tests.Snapshots.StateSnapshotTests;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// README "Identity": Forget erases the profile, every alias and every measurement record at once.
/// A restore brings a snapshot's links back as they were, past a smaller MaxAliasesPerProfile (they
/// are not new sign-ins); a link this server's own links refuse is counted, and what the snapshot
/// measured under its key stays out (counted, and logged by number only), so nothing of the person escapes their erasure.
/// </summary>
public sealed class RestoredAliasTests
{
    [Fact]
    public void Links_past_a_smaller_alias_limit_are_restored_and_erased_with_the_person()
    {
        using var source = Server();
        Guests(source, "alice", 5);
        var (state, written) = Write(source);
        using var target = Server(options => options.MaxAliasesPerProfile = 2);
        target.Time.SetUtcNow(source.Time.GetUtcNow());

        var restored = Merge(target, state);

        Assert.Equal(written.Aliases, restored.Aliases);
        Assert.Superset(new HashSet<string>(["guest-1", "guest-2", "guest-3", "guest-4", "guest-5"]), new HashSet<string>(target.Personalizer.GetPersonalData("alice").LinkedKeys));
        Assert.True(target.Personalizer.Forget("alice"));
        for (var g = 1; g <= 5; g++)
        {
            var left = target.Personalizer.GetPersonalData($"guest-{g}");
            Assert.True(left.IsEmpty, $"guest-{g} still holds {left.ToJson()}");
        }
    }

    [Fact]
    public void The_alias_limit_still_refuses_a_new_sign_in_after_a_restore_past_it()
    {
        using var source = Server();
        Guests(source, "alice", 3);
        using var target = Server(options => options.MaxAliasesPerProfile = 2);
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        Merge(target, Write(source).State);

        Assert.Equal(IdentifyResult.RefusedAliasLimit, target.Personalizer.Identify("guest-9", "alice"));
    }

    [Fact]
    public void A_link_refused_on_restore_is_counted_and_what_the_snapshot_measured_under_its_key_stays_out()
    {
        using var source = Server();
        Guests(source, "alice", 2);
        var (state, written) = Write(source);
        var logs = new FakeLogCollector();
        using var target = new TestSdk(build: builder => builder
            .AddHoldout("global", basisPoints: 5_000)
            .Services.AddSingleton<IChangeJournal>(new LoopbackJournal())
            .AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        target.View("guest-1", "kitchen-1");
        Assert.Equal(IdentifyResult.Stitched, target.Personalizer.Identify("guest-1", "bob"));
        using var stitches = new MetricCollector<long>(target.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "Personalize.Sdk", "personalize.identity.stitches");

        var restored = Merge(target, state);

        Assert.Equal(written.Aliases - 1, restored.Aliases);
        var refusal = Assert.Single(stitches.GetMeasurementSnapshot());
        Assert.Equal("refused_anonymous_key_is_linked", refusal.Tags["result"]);
        var logged = Assert.Single(logs.GetSnapshot(), record => record.Id.Id == 24);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains("held 1 sign-in links", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guest-", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", logged.Message, StringComparison.Ordinal);
        Assert.True(target.Personalizer.Forget("alice"));
        Assert.True(target.Personalizer.GetPersonalData("guest-2").IsEmpty);
        var guest = target.Personalizer.GetPersonalData("guest-1");
        Assert.Contains("bob", guest.LinkedKeys);
        Assert.Empty(guest.Holdouts);
    }

    /// <summary><paramref name="count"/> guests, each ranked in the holdout and buying, then signing in as <paramref name="account"/>.</summary>
    private static void Guests(TestSdk server, string account, int count)
    {
        for (var g = 1; g <= count; g++)
        {
            server.View($"guest-{g}", TestCatalog.Items[g].Key);
            server.Rank($"guest-{g}");
            server.Personalizer.Track(PersonalizationEvent.Purchase($"guest-{g}", TestCatalog.Items[g].Key, 1, 10m));
            Assert.Equal(IdentifyResult.Stitched, server.Personalizer.Identify($"guest-{g}", account));
        }
    }
}
