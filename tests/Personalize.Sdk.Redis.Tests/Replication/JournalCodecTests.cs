using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.Replication;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>The journal's binary form: every change reads back as it was written, on another server only.</summary>
public sealed class JournalCodecTests
{
    private static readonly Guid Writer = Guid.NewGuid();
    private static readonly Guid Reader = Guid.NewGuid();
    private static readonly DateTimeOffset When = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Kinds => ["view", "click", "cart", "purchase", "dismiss", "complaint", "complaint-about-nothing", "rating", "category", "attribute", "consent", "withdrawal"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_event_kind_reads_back_with_all_its_data(string kind)
    {
        var written = Event(kind);
        var replica = new RecordingReplica();

        Assert.True(JournalCodec.Apply(JournalCodec.Event(Writer, "profile-1", written, When), Reader, replica));

        var (profileKey, read) = Assert.Single(replica.Events);
        Assert.Equal("profile-1", profileKey);
        Assert.Equal(written with { Timestamp = When }, read);
    }

    [Theory]
    [InlineData((int)ConsentFlags.Personalization | 4, ConsentFlags.Personalization)]
    [InlineData(-1, ConsentFlags.Personalization | ConsentFlags.SensitiveCategories)]
    [InlineData(4, ConsentFlags.None)]
    public void A_consent_entry_with_bits_this_version_does_not_know_keeps_only_the_known_ones(int written, ConsentFlags read)
    {
        // ConsentGiven refuses such bits, so the entry is patched as a newer version might write it:
        // the consent is the entry's last field.
        var payload = JournalCodec.Event(Writer, "profile-1", PersonalizationEvent.ConsentGiven("u", ConsentFlags.Personalization), When);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(payload.Length - sizeof(int)), written);
        var replica = new RecordingReplica();

        Assert.True(JournalCodec.Apply(payload, Reader, replica));

        var (_, e) = Assert.Single(replica.Events);
        Assert.Equal(EventKind.Consent, e.Kind);
        Assert.Equal(read, e.Consent); // none known: consent withdrawn
    }

    [Fact]
    public void An_event_recorded_anonymously_stays_anonymous()
    {
        var replica = new RecordingReplica();

        JournalCodec.Apply(JournalCodec.Event(Writer, null, PersonalizationEvent.View("u", "i"), When), Reader, replica);

        Assert.Null(Assert.Single(replica.Events).ProfileKey);
    }

    [Fact]
    public void An_event_recorded_anonymously_carries_no_user_key_and_replays_as_the_same_event_under_a_placeholder()
    {
        var written = PersonalizationEvent.Purchase("no-consent-person", "books-1", 2, 9.5m);
        var payload = JournalCodec.Event(Writer, null, written, When);
        var replica = new RecordingReplica();

        Assert.Equal(-1, payload.AsSpan().IndexOf("no-consent-person"u8));
        Assert.True(JournalCodec.Apply(payload, Reader, replica));

        var (profileKey, read) = Assert.Single(replica.Events);
        Assert.Null(profileKey);
        Assert.Equal(PersonalizationEvent.Purchase(JournalCodec.AnonymousUserKey, "books-1", 2, 9.5m) with { Timestamp = When }, read);
    }

    [Fact]
    public void Stitches_erasures_and_exposures_read_back()
    {
        var replica = new RecordingReplica();

        JournalCodec.Apply(JournalCodec.Stitch(Writer, "guest", "alice", When), Reader, replica);
        JournalCodec.Apply(JournalCodec.Forget(Writer, "bob", When), Reader, replica);
        JournalCodec.Apply(JournalCodec.Forget(Writer, "device", When, owner: "alice"), Reader, replica);
        JournalCodec.Apply(JournalCodec.Exposure(Writer, "global", "unit-7", HoldoutArm.Control, When), Reader, replica);

        Assert.Equal([$"stitch guest alice {When:O}", $"forget bob {When:O}", $"forget device {When:O} of alice", $"exposure global unit-7 Control {When:O}"], replica.Other);
    }

    [Fact]
    public void An_erasure_journaled_before_erasures_carried_their_time_reads_back_without_one()
    {
        var replica = new RecordingReplica();
        var withTime = JournalCodec.Forget(Writer, "bob", When);

        Assert.True(JournalCodec.Apply(withTime[..^sizeof(long)], Reader, replica));

        Assert.Equal(["forget bob (no time)"], replica.Other);
    }

    [Fact]
    public void A_stitch_journaled_before_stitches_carried_their_time_reads_back_without_one()
    {
        var replica = new RecordingReplica();
        var withTime = JournalCodec.Stitch(Writer, "guest", "alice", When);

        Assert.True(JournalCodec.Apply(withTime[..^sizeof(long)], Reader, replica));

        Assert.Equal(["stitch guest alice "], replica.Other);
    }

    [Fact]
    public void Rewards_read_back_exactly_for_a_decision_or_one_of_its_items()
    {
        var replica = new RecordingReplica();
        var decision = Guid.CreateVersion7();

        JournalCodec.Apply(JournalCodec.Reward(Writer, decision, null, 0.1), Reader, replica);
        JournalCodec.Apply(JournalCodec.Reward(Writer, decision, "sku-9", 1.0 / 3), Reader, replica);

        Assert.Equal([$"reward {decision} (first) 0.1", $"reward {decision} sku-9 {1.0 / 3:R}"], replica.Other);
    }

    [Fact]
    public void A_server_passes_over_its_own_entries()
    {
        var replica = new RecordingReplica();

        Assert.True(JournalCodec.Apply(JournalCodec.Forget(Writer, "bob", When), Writer, replica));

        Assert.Empty(replica.Other);
    }

    [Fact]
    public void An_entry_of_another_format_version_is_not_applied()
    {
        var payload = JournalCodec.Forget(Writer, "bob", When);
        payload[0] = JournalCodec.Version + 1;
        var replica = new RecordingReplica();

        Assert.False(JournalCodec.Apply(payload, Reader, replica));
        Assert.Empty(replica.Other);
    }

    private static PersonalizationEvent Event(string kind) => kind switch
    {
        "view" => PersonalizationEvent.View("u", "sku-1"),
        "click" => PersonalizationEvent.Click("u", "sku-1"),
        "cart" => PersonalizationEvent.AddToCart("u", "sku-1"),
        "purchase" => PersonalizationEvent.Purchase("u", "sku-1", 3, 59.97m),
        "dismiss" => PersonalizationEvent.Dismiss("u", "sku-1"),
        "complaint" => PersonalizationEvent.Complaint("u", "sku-1"),
        "complaint-about-nothing" => PersonalizationEvent.Complaint("u"),
        "rating" => PersonalizationEvent.Rating("u", "sku-1", 0.75f),
        "category" => PersonalizationEvent.StatedCategoryPreference("u", "coffee", likes: false),
        "attribute" => PersonalizationEvent.StatedAttributePreference("u", "brand", "Acme", likes: true),
        "consent" => PersonalizationEvent.ConsentGiven("u", ConsentFlags.Personalization),
        "withdrawal" => PersonalizationEvent.ConsentWithdrawn("u"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private sealed class RecordingReplica : IReplica
    {
        public List<(string? ProfileKey, PersonalizationEvent Event)> Events { get; } = [];

        public List<string> Other { get; } = [];

        public void ApplyEvent(string? profileKey, in PersonalizationEvent personalizationEvent) => Events.Add((profileKey, personalizationEvent));

        public void ApplyStitch(string anonymousKey, string knownKey, DateTimeOffset? stitchedAt) => Other.Add($"stitch {anonymousKey} {knownKey} {stitchedAt:O}");

        public void ApplyForget(string userKey, DateTimeOffset? erasedAt, string? owner = null) => Other.Add($"forget {userKey} {(erasedAt is { } at ? at.ToString("O") : "(no time)")}{(owner is null ? "" : $" of {owner}")}");

        public void ErasureStored(string userKey, DateTimeOffset erasedAt) => throw new NotSupportedException();

        public void ApplyExposure(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp) => Other.Add($"exposure {holdout} {unitKey} {arm} {timestamp:O}");

        public void ApplyReward(Guid decisionId, string? itemKey, double reward) => Other.Add($"reward {decisionId} {itemKey ?? "(first)"} {reward:R}");

        public bool HoldsProfile(string profileKey) => false;

        public void ApplyStoredLink(string alias, string person) => Other.Add($"stored link {alias} {person}");

        public void ApplyRecalled(string profileKey, IReadOnlyList<string> aliases, IReadOnlyList<PersonalizationEvent> events, string? stitchedTo = null, long requestedTicks = long.MinValue) => Other.Add($"recalled {profileKey} {events.Count}");
    }
}
