using System.Text;
using Personalize.Sdk.Engine;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// The binary form of a journal entry: a format version, the server that wrote it, the kind, then
/// the kind's fields (strings as UTF-8 with a length, times as UTC ticks). Items are named by key,
/// so another server with its own item indices reads it back.
/// </summary>
internal static class JournalCodec
{
    public const byte Version = 1;

    /// <summary>
    /// The user key written for an event recorded anonymously (without consent, or after the person's
    /// erasure): nothing about the person may reach Redis, and replicas feed such an event only into
    /// item statistics, which never read the key.
    /// </summary>
    public const string AnonymousUserKey = "anonymous";

    // The version, the writer's id and the kind.
    private const int HeaderSize = 1 + 16 + 1;

    public static byte[] Event(Guid origin, string? profileKey, in PersonalizationEvent e, DateTimeOffset timestamp)
    {
        var userKey = profileKey is null ? AnonymousUserKey : e.UserKey;
        var size = HeaderSize + SpanJournalWriter.SizeOfOptional(profileKey) + 1 + SpanJournalWriter.SizeOf(userKey)
            + SpanJournalWriter.SizeOfOptional(e.ItemKey) + sizeof(long) + sizeof(int) + 16 + sizeof(float) + 1
            + SpanJournalWriter.SizeOfOptional(e.PreferenceName) + SpanJournalWriter.SizeOfOptional(e.PreferenceValue) + 1 + sizeof(int);
        var payload = new byte[size];
        var writer = Begin(payload, origin, profileKey is null ? JournalEntryKind.AnonymousEvent : JournalEntryKind.Event);
        writer.WriteOptional(profileKey);
        writer.Write((byte)e.Kind);
        writer.Write(userKey);
        writer.WriteOptional(e.ItemKey);
        writer.Write(timestamp.UtcTicks);
        writer.Write(e.Quantity);
        writer.Write(e.Revenue);
        writer.Write(e.RatingValue);
        writer.Write((byte)e.PreferenceTarget);
        writer.WriteOptional(e.PreferenceName);
        writer.WriteOptional(e.PreferenceValue);
        writer.Write(e.Likes);
        writer.Write((int)e.Consent);
        return payload;
    }

    public static byte[] Stitch(Guid origin, string anonymousKey, string knownKey, DateTimeOffset stitchedAt)
    {
        var payload = new byte[HeaderSize + SpanJournalWriter.SizeOf(anonymousKey) + SpanJournalWriter.SizeOf(knownKey) + sizeof(long)];
        var writer = Begin(payload, origin, JournalEntryKind.Stitch);
        writer.Write(anonymousKey);
        writer.Write(knownKey);
        writer.Write(stitchedAt.UtcTicks);
        return payload;
    }

    /// <param name="origin">The writing server.</param>
    /// <param name="userKey">The key erased.</param>
    /// <param name="erasedAt">When.</param>
    /// <param name="owner">For a key erased as one of another key's person, that key: a server that links it to someone else leaves it with them.</param>
    public static byte[] Forget(Guid origin, string userKey, DateTimeOffset erasedAt, string? owner = null)
    {
        var payload = new byte[HeaderSize + SpanJournalWriter.SizeOf(userKey) + sizeof(long) + (owner is null ? 0 : SpanJournalWriter.SizeOfOptional(owner))];
        var writer = Begin(payload, origin, JournalEntryKind.Forget);
        writer.Write(userKey);
        writer.Write(erasedAt.UtcTicks);
        if (owner is not null)
        {
            writer.WriteOptional(owner);
        }

        return payload;
    }

    public static byte[] Exposure(Guid origin, string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp)
    {
        var payload = new byte[HeaderSize + SpanJournalWriter.SizeOf(holdout) + SpanJournalWriter.SizeOf(unitKey) + 1 + sizeof(long)];
        var writer = Begin(payload, origin, JournalEntryKind.Exposure);
        writer.Write(holdout);
        writer.Write(unitKey);
        writer.Write((byte)arm);
        writer.Write(timestamp.UtcTicks);
        return payload;
    }

    public static byte[] Reward(Guid origin, Guid decisionId, string? itemKey, double reward)
    {
        var payload = new byte[HeaderSize + 16 + SpanJournalWriter.SizeOfOptional(itemKey) + sizeof(long)];
        var writer = Begin(payload, origin, JournalEntryKind.Reward);
        writer.Write(decisionId);
        writer.WriteOptional(itemKey);
        writer.Write(BitConverter.DoubleToInt64Bits(reward));
        return payload;
    }

    /// <summary>The server that wrote an encoded entry, or null when the entry is not of this format.</summary>
    public static Guid? OriginOf(ReadOnlySpan<byte> payload) =>
        payload.Length >= 18 && payload[0] == Version ? new Guid(payload.Slice(1, 16)) : null;

    /// <summary>
    /// Applies an encoded entry to <paramref name="replica"/> unless <paramref name="self"/> wrote it;
    /// false, with nothing applied, for an entry it cannot read: of an unknown kind, or holding a
    /// value no server writes (an exposure's arm that is no <see cref="HoldoutArm"/>, a reward
    /// outside [0, 1]).
    /// </summary>
    public static bool Apply(ReadOnlyMemory<byte> payload, Guid self, IReplica replica)
    {
        using var stream = new MemoryStream(payload.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (reader.ReadByte() != Version)
        {
            return false;
        }

        var origin = new Guid(reader.ReadBytes(16));
        var kind = (JournalEntryKind)reader.ReadByte();
        if (origin == self)
        {
            // This server applied it when it happened.
            return true;
        }

        switch (kind)
        {
            case JournalEntryKind.Event or JournalEntryKind.AnonymousEvent:
                var profileKey = ReadOptional(reader);
                var e = ReadEvent(reader);
                replica.ApplyEvent(kind == JournalEntryKind.Event ? profileKey : null, e);
                return true;
            case JournalEntryKind.Stitch:
                // The stitch's time follows the keys; entries written before it was added end at the keys.
                var anonymousKey = reader.ReadString();
                var knownKey = reader.ReadString();
                replica.ApplyStitch(anonymousKey, knownKey, stream.Position < stream.Length ? new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero) : null);
                return true;
            case JournalEntryKind.Forget:
                // The erasure's time follows the key, then the owner the key was erased as one of;
                // entries written before each was added end before it.
                var erased = reader.ReadString();
                DateTimeOffset? erasedAt = stream.Position < stream.Length ? new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero) : null;
                replica.ApplyForget(erased, erasedAt, stream.Position < stream.Length ? ReadOptional(reader) : null);
                return true;
            case JournalEntryKind.Exposure:
                var holdout = reader.ReadString();
                var unitKey = reader.ReadString();
                var arm = reader.ReadByte();
                if (arm is not ((byte)HoldoutArm.Treatment or (byte)HoldoutArm.Control))
                {
                    // As a snapshot's measured unit is read (LedgerState).
                    return false;
                }

                replica.ApplyExposure(holdout, unitKey, (HoldoutArm)arm, new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero));
                return true;
            case JournalEntryKind.Reward:
                var decisionId = new Guid(reader.ReadBytes(16));
                var itemKey = ReadOptional(reader);
                var reward = BitConverter.Int64BitsToDouble(reader.ReadInt64());
                if (!(reward is >= 0 and <= 1))
                {
                    // As IPersonalizer.Reward takes it: NaN and infinities fail this too.
                    return false;
                }

                replica.ApplyReward(decisionId, itemKey, reward);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Reads an encoded event applied to a profile: its writer, the profile's key and the event.
    /// False for any other kind of entry, or one of another format.
    /// </summary>
    /// <exception cref="EndOfStreamException">The entry is truncated.</exception>
    /// <exception cref="InvalidDataException">The entry is corrupt.</exception>
    public static bool TryReadProfileEvent(ReadOnlyMemory<byte> payload, out Guid origin, out string profileKey, out PersonalizationEvent personalizationEvent)
    {
        (origin, profileKey, personalizationEvent) = (default, string.Empty, default);
        using var reader = OpenProfileEvent(payload, out origin, out var key);
        if (reader is null || key is null)
        {
            return false;
        }

        profileKey = key;
        personalizationEvent = ReadEvent(reader);
        return true;
    }

    /// <summary>The profile an encoded event was applied to, or null for an anonymous event or another kind of entry.</summary>
    /// <exception cref="EndOfStreamException">The entry is truncated.</exception>
    public static string? ProfileKeyOf(ReadOnlyMemory<byte> payload)
    {
        using var reader = OpenProfileEvent(payload, out _, out var key);
        return key;
    }

    private static BinaryReader? OpenProfileEvent(ReadOnlyMemory<byte> payload, out Guid origin, out string? profileKey)
    {
        (origin, profileKey) = (default, null);
        var span = payload.Span;
        if (span.Length < HeaderSize || span[0] != Version || (JournalEntryKind)span[HeaderSize - 1] != JournalEntryKind.Event)
        {
            return null;
        }

        origin = new Guid(span.Slice(1, 16));
        var reader = new BinaryReader(new MemoryStream(payload[HeaderSize..].ToArray(), writable: false), Encoding.UTF8);
        profileKey = ReadOptional(reader);
        return reader;
    }

    private static PersonalizationEvent ReadEvent(BinaryReader reader)
    {
        var kind = (EventKind)reader.ReadByte();
        var user = reader.ReadString();
        var item = ReadOptional(reader);
        var timestamp = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var quantity = reader.ReadInt32();
        var revenue = reader.ReadDecimal();
        var rating = reader.ReadSingle();
        var target = (PreferenceTarget)reader.ReadByte();
        var name = ReadOptional(reader);
        var value = ReadOptional(reader);
        var likes = reader.ReadBoolean();
        // Bits that are no consent value (a journal written by a newer version) are not consent given.
        var consent = (ConsentFlags)reader.ReadInt32() & PersonalizationEvent.KnownConsent;
        var e = kind switch
        {
            EventKind.View => PersonalizationEvent.View(user, item!),
            EventKind.Click => PersonalizationEvent.Click(user, item!),
            EventKind.AddToCart => PersonalizationEvent.AddToCart(user, item!),
            EventKind.Purchase => PersonalizationEvent.Purchase(user, item!, quantity, revenue),
            EventKind.Dismiss => PersonalizationEvent.Dismiss(user, item!),
            EventKind.Complaint => PersonalizationEvent.Complaint(user, item),
            EventKind.Rating => PersonalizationEvent.Rating(user, item!, rating),
            EventKind.StatedPreference when target == PreferenceTarget.Attribute => PersonalizationEvent.StatedAttributePreference(user, name!, value!, likes),
            EventKind.StatedPreference => PersonalizationEvent.StatedCategoryPreference(user, name!, likes),
            EventKind.Consent when consent == ConsentFlags.None => PersonalizationEvent.ConsentWithdrawn(user),
            EventKind.Consent => PersonalizationEvent.ConsentGiven(user, consent),
            _ => throw new InvalidDataException($"Unknown event kind {(int)kind}."),
        };

        return e with { Timestamp = timestamp };
    }

    private static SpanJournalWriter Begin(byte[] payload, Guid origin, JournalEntryKind kind)
    {
        var writer = new SpanJournalWriter(payload);
        writer.Write(Version);
        writer.Write(origin);
        writer.Write((byte)kind);
        return writer;
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
