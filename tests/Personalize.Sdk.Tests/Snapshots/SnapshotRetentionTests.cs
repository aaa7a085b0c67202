using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Tests.TestSupport;
using static Personalize.Sdk.Tests.Snapshots.StateSnapshotTests;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// What a snapshot keeps of people a server would no longer hold: a person idle past
/// <see cref="PersonalizationOptions.ProfileIdleExpiration"/> is left out with their identity links,
/// however they became idle, and a narrower consent kept apart after an eviction survives the round trip.
/// </summary>
public sealed class SnapshotRetentionTests
{
    private static bool Holds(byte[] state, string text) =>
        state.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    // docs/scaling.md "Restarts": people idle past ProfileIdleExpiration are left out of the
    // snapshot -- "the profiles and identity links a server would hold".
    [Fact]
    public void A_withdrawal_here_erases_the_outcomes_a_snapshot_brings_without_the_persons_profile()
    {
        using var source = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        source.View("user", "books-1");
        source.Rank("user");
        source.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-1", revenue: 42m));
        source.Time.Advance(TimeSpan.FromDays(31));
        source.Personalizer.GetConsent("user"); // evicted as idle: the unit stays, the profile goes
        Assert.Equal(0, Impl(source).ProfileCount);
        var state = Write(source).State;

        using var target = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        target.Time.SetUtcNow(source.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        target.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        Merge(target, state);

        var unit = Assert.Single(target.Personalizer.GetPersonalData("user").Holdouts);
        Assert.Equal((false, 0.0), (unit.Converted, unit.Revenue));
    }

    [Fact]
    public void A_withdrawal_taken_before_the_restore_also_erases_the_outcomes_the_snapshot_brings()
    {
        using var source = Server();
        source.View("user", "books-1");
        source.Rank("user");
        source.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-1", revenue: 42m));
        Assert.True(Assert.Single(source.Personalizer.GetPersonalData("user").Holdouts).Converted);
        var state = Write(source).State;

        using var target = Server();
        target.Time.SetUtcNow(source.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        target.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        Merge(target, state);

        var data = target.Personalizer.GetPersonalData("user");
        Assert.Equal(ConsentFlags.None, data.Consent);
        Assert.Empty(data.Profile?.RecentItems ?? []);
        var unit = Assert.Single(data.Holdouts);
        Assert.Equal((false, 0.0), (unit.Converted, unit.Revenue));
    }

    [Fact]
    public void Identity_links_of_a_person_left_out_as_idle_are_left_out_too()
    {
        using var source = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        source.View("guest-7", "kitchen-1");
        source.Personalizer.Identify("guest-7", "alice");
        source.Time.Advance(TimeSpan.FromDays(20));
        source.Rank("alice");                       // a decision keeps the profile in memory
        source.Time.Advance(TimeSpan.FromDays(11)); // 31 days since the last event
        var (state, counts) = Write(source);
        Assert.Equal(0, counts.Profiles);           // alice is left out as idle
        Assert.Equal(0, counts.Aliases);
        Assert.False(Holds(state, "guest-7"));

        using var target = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        Merge(target, state);

        Assert.Equal(0, Impl(target).IdentityCount);
        Assert.Equal(0, Impl(target).ProfileCount);
        Assert.Empty(target.Personalizer.GetPersonalData("guest-7").LinkedKeys);
    }

    // README "Privacy" table: a stated consent granting less than DefaultConsent, once the profile is
    // evicted, is kept ... "with Personalize.Sdk.Redis a restarted server gets it back from the
    // snapshots and the journal". IStateSnapshot: the state holds everything shared through the journal.
    [Fact]
    public void A_withdrawal_kept_apart_after_eviction_survives_a_snapshot_round_trip()
    {
        using var source = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        source.View("guest-7", "kitchen-1");
        source.Personalizer.Identify("guest-7", "alice");
        source.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("alice"));
        source.Time.Advance(TimeSpan.FromDays(31));

        // Evicted as idle (GetConsent evicts an idle profile first): the withdrawal is kept apart,
        // under the profile's key and under the key the eviction unlinked.
        Assert.Equal(ConsentFlags.None, source.Personalizer.GetConsent("alice"));
        Assert.Equal(ConsentFlags.None, source.Personalizer.GetConsent("guest-7"));
        Assert.Equal(0, Impl(source).ProfileCount);

        using var target = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        Merge(target, Write(source).State);

        Assert.Equal(ConsentFlags.None, target.Personalizer.GetConsent("alice"));
        Assert.Equal(ConsentFlags.None, target.Personalizer.GetConsent("guest-7"));

        // The device's copy is still the account's: forgetting the account reaches it after the restore.
        Assert.True(target.Personalizer.Forget("alice"));
        Assert.Equal(ConsentFlags.Personalization, target.Personalizer.GetConsent("guest-7") & ConsentFlags.Personalization);
    }

    // StateFormat version 3: a remembered consent is kept with when it was stated, so on a restored
    // server a recall fetched before the withdrawal cannot overrule it with an older consent.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_withdrawal_kept_apart_keeps_its_date_through_a_snapshot_round_trip(bool consentedLater)
    {
        using var source = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        source.View("user", "kitchen-1");
        source.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        var withdrawnAt = source.Time.GetUtcNow();
        source.Time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(ConsentFlags.None, source.Personalizer.GetConsent("user"));
        Assert.Equal(0, Impl(source).ProfileCount);

        using var target = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        Merge(target, Write(source).State);
        var statedAt = withdrawnAt + (consentedLater ? TimeSpan.FromMinutes(1) : -TimeSpan.FromMinutes(1));
        ((IReplica)target.Personalizer).ApplyRecalled("user", [],
        [
            PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization) with { Timestamp = statedAt },
            PersonalizationEvent.View("user", "kitchen-2") with { Timestamp = statedAt.AddSeconds(1) },
        ]);

        var data = target.Personalizer.GetPersonalData("user");
        Assert.Equal(consentedLater ? ConsentFlags.Personalization : ConsentFlags.None, data.Consent);
        Assert.Equal(consentedLater ? ["kitchen-2"] : [], (data.Profile?.RecentItems ?? []).Select(item => item.ItemKey));
    }

    // StateFormat: version 2 (remembered consents without their date) is still read; a recalled consent overrules them.
    [Fact]
    public void A_version_2_states_undated_withdrawal_is_kept_apart_until_a_recalled_consent()
    {
        var state = CraftedState.With(version: 2, consents: writer =>
        {
            writer.Byte(1);
            writer.String("user");
            writer.Byte((byte)ConsentFlags.None);
        });

        using var target = Server();
        Merge(target, state);
        Assert.Equal(ConsentFlags.None, target.Personalizer.GetConsent("user"));
        target.View("user", "kitchen-1");
        Assert.Null(target.Personalizer.GetPersonalData("user").Profile);

        ((IReplica)target.Personalizer).ApplyRecalled("user", [], [PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization) with { Timestamp = TestSdk.Start }]);
        Assert.Equal(ConsentFlags.Personalization, target.Personalizer.GetConsent("user"));
    }

    // docs/scaling.md "Restarts": people idle past ProfileIdleExpiration are left out of the snapshot;
    // README "Privacy": the profile and identity links are held until ProfileIdleExpiration (30 days)
    // without an event or decision. The snapshot compactor starts a new shadow from the previous
    // snapshot every SnapshotInterval, so a snapshot is merged and written again over and over.
    [Fact]
    public void A_profile_without_events_is_not_carried_forward_from_snapshot_to_snapshot_forever()
    {
        using var first = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        first.View("guest-7", "kitchen-1");
        first.Personalizer.Identify("guest-7", "alice");
        first.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("alice")); // zeroes her last event
        first.Personalizer.Identify("guest-9", "carol"); // a sign-in with no event
        var state = Write(first).State;
        var now = first.Time.GetUtcNow();

        // Five shadows, a week apart, each starting from the previous one's snapshot; nobody touches alice or carol.
        TestSdk? last = null;
        for (var hop = 1; hop <= 5; hop++)
        {
            last?.Dispose();
            last = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
            last.Time.SetUtcNow(now + TimeSpan.FromDays(7 * hop));
            Merge(last, state);
            state = Write(last).State;
        }

        using (last)
        {
            // 35 days without an event or decision: neither profile nor link is carried forward.
            Assert.False(Holds(state, "guest-9"), "the 35-day-idle signed-in key's link is still in the snapshot");
            Assert.False(Holds(state, "carol"), "the 35-day-idle signed-in account is still in the snapshot");
            Assert.Equal(0, Impl(last!).IdentityCount);
            Assert.Empty(last!.Personalizer.GetPersonalData("guest-7").LinkedKeys);

            // Alice's withdrawal is not dropped with her profile: it is kept apart, as an eviction keeps it.
            using var restored = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
            restored.Time.SetUtcNow(last.Time.GetUtcNow());
            Merge(restored, state);
            Assert.Equal((0, 0), (Impl(restored).ProfileCount, Impl(restored).IdentityCount));
            Assert.Equal(ConsentFlags.None, restored.Personalizer.GetConsent("alice"));
            Assert.Equal(ConsentFlags.None, restored.Personalizer.GetConsent("guest-7"));
        }
    }

    // StateFormat: version 1 (no activity in profile records, no remembered consents) is still read.
    [Fact]
    public void A_version_1_state_still_merges()
    {
        using var source = Server();
        source.View("guest", "books-1", "books-2");
        source.Personalizer.Identify("guest", "alice");
        var (state, written) = Write(source);
        var old = AsVersion1(state, "alice");

        using var target = Server();
        target.Time.SetUtcNow(source.Time.GetUtcNow());

        Assert.Equal(written, Merge(target, old));
        Assert.Equal(PersonalDataOf(source, "guest"), PersonalDataOf(target, "guest"));
    }

    /// <summary>A state of one profile (<paramref name="key"/>) and no remembered consents, as version 1 wrote it.</summary>
    private static byte[] AsVersion1(byte[] state, string key)
    {
        var name = Encoding.UTF8.GetBytes(key);
        var bytes = state.ToList();
        for (var at = StateFormat.Magic.Length + 1; at + 2 + name.Length + CraftedState.ProfileRecordHead + 3 < bytes.Count; at++)
        {
            var lengthAt = at + 2 + name.Length + CraftedState.ProfileRecordHead;
            if (bytes[at] != StateFormat.Record || bytes[at + 1] != name.Length || !state.AsSpan(at + 2, name.Length).SequenceEqual(name))
            {
                continue;
            }

            var length = bytes[lengthAt] < 0x80 ? bytes[lengthAt] : (bytes[lengthAt] & 0x7F) | (bytes[lengthAt + 1] << 7);
            var profileAt = lengthAt + (bytes[lengthAt] < 0x80 ? 1 : 2);
            if (bytes[profileAt] != ProfileFormat.Magic)
            {
                continue;
            }

            // The profiles' end, then the empty remembered consents section's: the latter goes, then the record's head.
            var end = profileAt + length;
            Assert.Equal((StateFormat.End, StateFormat.End), (bytes[end], bytes[end + 1]));
            bytes.RemoveAt(end + 1);
            bytes.RemoveRange(at + 2 + name.Length, CraftedState.ProfileRecordHead);
            var old = bytes.ToArray();
            old[StateFormat.Magic.Length] = 1;
            BinaryPrimitives.WriteUInt64LittleEndian(old.AsSpan(old.Length - 8), XxHash64.HashToUInt64(old.AsSpan(0, old.Length - 8)));
            return old;
        }

        throw new InvalidOperationException($"No profile record for {key}.");
    }
}
