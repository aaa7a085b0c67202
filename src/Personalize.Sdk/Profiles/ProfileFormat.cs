using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The binary form of a profile, for a store outside the process (docs/profile-format.md). Items,
/// categories and attributes are written by key and name, never by this process's indices, so a
/// profile written on one server reads back on another, or after a restart, against its catalog.
/// </summary>
/// <remarks>
/// Version 1, little-endian: a magic byte and a version byte, then the fields in a fixed order;
/// counts and string lengths are unsigned LEB128 varints, strings UTF-8, times 64-bit ticks (UTC),
/// affinities 64-bit IEEE doubles as stored (undecayed, with their own update time). An entry whose
/// item has left the writer's catalog is not written; one the reader's catalog does not know is
/// skipped. A reader refuses a newer version and any truncated or malformed input (a non-finite
/// affinity included) with <see cref="InvalidDataException"/>; its target may then hold part of the input, so a caller
/// that must not half apply reads into a scratch profile first (a state merge reads every profile
/// before changing anything).
/// </remarks>
internal static class ProfileFormat
{
    public const byte Magic = 0x50;
    public const byte Version = 1;

    private const byte NoConsent = 0xFF;

    /// <summary>Writes <paramref name="profile"/> in the current version.</summary>
    public static void Write(ProfileData profile, CatalogSnapshot catalog, IBufferWriter<byte> output)
    {
        var writer = new Writer(output);
        writer.Byte(Magic);
        writer.Byte(Version);
        writer.Varint((uint)profile.EventCount);
        writer.Int64(profile.FirstSeenTicks);
        writer.Int64(profile.LastSeenTicks);
        writer.Int64(profile.LastComplaintTicks);
        writer.Byte(profile.Consent is { } consent ? (byte)consent : NoConsent);
        writer.NullableString(profile.UnitKey);
        writer.Int64(profile.UnitSinceTicks);
        WriteAffinities(ref writer, profile.Categories, id => id < catalog.CategorySpace ? catalog.GetCategoryName(id) : null);
        WriteAffinities(ref writer, profile.Attributes, id => id < catalog.AttributeSpace ? catalog.GetAttributeToken(id) : null);
        WriteItems(ref writer, profile.RecentItems.Items, profile.RecentItems.TicksAt, catalog);
        WriteItems(ref writer, profile.Purchases.Items, profile.Purchases.TicksAt, catalog);
        WriteItems(ref writer, profile.Dismissed.Items, profile.Dismissed.TicksAt, catalog);

        var preferences = profile.Preferences;
        writer.Varint((uint)Enumerable.Range(0, preferences.Count).Count(slot => NameOf(preferences.At(slot), catalog) is not null));
        for (var slot = 0; slot < preferences.Count; slot++)
        {
            var statement = preferences.At(slot);
            if (NameOf(statement, catalog) is { } name)
            {
                writer.Byte(statement.IsAttribute ? (byte)1 : (byte)0);
                writer.String(name);
                writer.Byte(statement.Likes ? (byte)1 : (byte)0);
                writer.Int64(statement.Ticks);
            }
        }

        var shows = profile.Shows;
        writer.Varint((uint)Enumerable.Range(0, shows.Count).Count(slot => catalog.GetItem(shows.ItemAt(slot)) is not null));
        for (var slot = 0; slot < shows.Count; slot++)
        {
            if (catalog.GetItem(shows.ItemAt(slot)) is { } item)
            {
                writer.String(item.Key);
                writer.Varint((uint)shows.CountAt(slot));
                writer.Int64(shows.FirstShownAt(slot));
            }
        }
    }

    /// <summary>Reads a profile into <paramref name="target"/> (cleared first; part-filled when this throws), resolving names against <paramref name="catalog"/>.</summary>
    /// <param name="data">The profile's bytes.</param>
    /// <param name="target">The profile read into.</param>
    /// <param name="catalog">The catalog names are resolved against.</param>
    /// <param name="halfLifeTicks">The affinity half-life.</param>
    /// <param name="nowTicks">
    /// The reader's clock (UTC ticks): a time more than <paramref name="toleranceTicks"/> ahead of it
    /// is read as now (an affinity dated years ahead would never decay, and would outweigh every
    /// other one). Null reads every time as written.
    /// </param>
    /// <param name="toleranceTicks">How far ahead of <paramref name="nowTicks"/> a time is read as written: the clock skew an event may have.</param>
    /// <exception cref="InvalidDataException">The data is not a profile of a version this SDK reads, or is truncated or malformed.</exception>
    public static void Read(ReadOnlySpan<byte> data, ProfileData target, CatalogSnapshot catalog, double halfLifeTicks, long? nowTicks = null, long toleranceTicks = 0)
    {
        var reader = new Reader(data, nowTicks, toleranceTicks);
        if (reader.Byte() != Magic)
        {
            throw new InvalidDataException("This is not a Personalize.Sdk profile.");
        }

        var version = reader.Byte();
        if (version != Version)
        {
            throw new InvalidDataException($"Profile format version {version} is not supported; this SDK reads version {Version}.");
        }

        target.Clear();
        target.EventCount = reader.NonNegativeInt32();
        target.FirstSeenTicks = reader.Ticks();
        target.LastSeenTicks = reader.Ticks();
        target.LastComplaintTicks = reader.Ticks();
        var consent = reader.Byte();
        target.Consent = consent == NoConsent ? null : (ConsentFlags)consent;
        target.UnitKey = reader.NullableString();
        target.UnitSinceTicks = reader.Ticks();
        ReadAffinities(ref reader, ref target.Categories, catalog.TryGetCategoryId, halfLifeTicks);
        ReadAffinities(ref reader, ref target.Attributes, catalog.TryGetAttributeId, halfLifeTicks);
        ReadItems(ref reader, catalog, (item, ticks) => target.RecentItems.Add(item, ticks));
        ReadItems(ref reader, catalog, (item, ticks) => target.WritablePurchases.Add(item, ticks));
        ReadItems(ref reader, catalog, (item, ticks) => target.WritableDismissed.Add(item, ticks));

        var preferences = reader.Count();
        for (var i = 0; i < preferences; i++)
        {
            var isAttribute = reader.Byte() == 1;
            var name = reader.String();
            var likes = reader.Byte() == 1;
            var ticks = reader.Ticks();
            if (isAttribute ? catalog.TryGetAttributeId(name, out var id) : catalog.TryGetCategoryId(name, out id))
            {
                target.WritablePreferences.Set(isAttribute, id, likes, ticks);
            }
        }

        var shows = reader.Count();
        for (var i = 0; i < shows; i++)
        {
            var key = reader.String();
            var count = reader.NonNegativeInt32();
            var firstShown = reader.Ticks();
            if (catalog.TryGetIndex(key, out var item))
            {
                target.WritableShows.Restore(item, count, firstShown);
            }
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException("The profile has trailing bytes.");
        }

        target.IdsCheckedAt = catalog.Version;
    }

    private static string? NameOf((bool IsAttribute, int Id, bool Likes, long Ticks) statement, CatalogSnapshot catalog) =>
        statement.IsAttribute
            ? statement.Id < catalog.AttributeSpace ? catalog.GetAttributeToken(statement.Id) : null
            : statement.Id < catalog.CategorySpace ? catalog.GetCategoryName(statement.Id) : null;

    private static void WriteAffinities(ref Writer writer, in DecayedTable table, Func<int, string?> nameOf)
    {
        var named = 0;
        for (var slot = 0; slot < table.Count; slot++)
        {
            named += nameOf(table.IdAt(slot)) is null ? 0 : 1;
        }

        writer.Varint((uint)named);
        for (var slot = 0; slot < table.Count; slot++)
        {
            if (nameOf(table.IdAt(slot)) is { } name)
            {
                var (value, ticks) = table.StoredAt(slot);
                writer.String(name);
                writer.Double(value);
                writer.Int64(ticks);
            }
        }
    }

    private static void WriteItems(ref Writer writer, ReadOnlySpan<int> items, Func<int, long> ticksAt, CatalogSnapshot catalog)
    {
        var known = 0;
        foreach (var item in items)
        {
            known += catalog.GetItem(item) is null ? 0 : 1;
        }

        writer.Varint((uint)known);
        for (var slot = 0; slot < items.Length; slot++)
        {
            if (catalog.GetItem(items[slot]) is { } catalogItem)
            {
                writer.String(catalogItem.Key);
                writer.Int64(ticksAt(slot));
            }
        }
    }

    private static void ReadAffinities(ref Reader reader, ref DecayedTable table, TryGetId tryGetId, double halfLifeTicks)
    {
        var count = reader.Count();
        for (var i = 0; i < count; i++)
        {
            var name = reader.String();
            var value = reader.Double();
            if (!double.IsFinite(value))
            {
                // It would make the person's data export unwritable as JSON, and their ranking all zeros.
                throw new InvalidDataException("An affinity in the profile is not a finite number.");
            }

            var ticks = reader.Ticks();
            if (tryGetId(name, out var id))
            {
                // Into an empty slot, at its own time: the stored value comes back exactly.
                table.Add(id, value, ticks, halfLifeTicks);
            }
        }
    }

    private static void ReadItems(ref Reader reader, CatalogSnapshot catalog, Action<int, long> add)
    {
        var count = reader.Count();
        for (var i = 0; i < count; i++)
        {
            var key = reader.String();
            var ticks = reader.Ticks();
            if (catalog.TryGetIndex(key, out var item))
            {
                add(item, ticks);
            }
        }
    }

    private delegate bool TryGetId(string name, out int id);

    private ref struct Writer(IBufferWriter<byte> output)
    {
        public readonly void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        public readonly void Int64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }

        public readonly void Double(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }

        public readonly void Varint(uint value)
        {
            var span = output.GetSpan(5);
            var length = 0;
            while (value >= 0x80)
            {
                span[length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            span[length++] = (byte)value;
            output.Advance(length);
        }

        public readonly void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            Varint((uint)length);
            Encoding.UTF8.GetBytes(value, output.GetSpan(length));
            output.Advance(length);
        }

        /// <summary>Length plus one, so 0 can mean null.</summary>
        public readonly void NullableString(string? value)
        {
            if (value is null)
            {
                Varint(0);
                return;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            Varint((uint)length + 1);
            Encoding.UTF8.GetBytes(value, output.GetSpan(length));
            output.Advance(length);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data, long? nowTicks, long toleranceTicks)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private readonly long? _nowTicks = nowTicks;
        private readonly long _toleranceTicks = toleranceTicks;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public byte Byte() => Take(1)[0];

        /// <summary>A time, read as the reader's now when it is further ahead than an event may be.</summary>
        public long Ticks()
        {
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
            return _nowTicks is { } now && ticks > now + _toleranceTicks ? now : ticks;
        }

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public uint Varint()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var next = Byte();
                if (shift == 28 && next > 0x0F)
                {
                    // A fifth byte may hold only the top 4 bits of 32.
                    throw new InvalidDataException("A count in the profile is malformed: it does not fit in 32 bits.");
                }

                value |= (uint)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("A count in the profile is malformed.");
        }

        /// <summary>A varint that fits an <see cref="int"/> (an event or showing count).</summary>
        public int NonNegativeInt32()
        {
            var value = Varint();
            return value <= int.MaxValue ? (int)value : throw new InvalidDataException("A count in the profile is larger than a profile holds.");
        }

        /// <summary>A count of entries, bounded by what the remaining bytes could hold.</summary>
        public int Count()
        {
            var count = Varint();
            return count <= (uint)(_data.Length - _position) ? (int)count : throw new InvalidDataException("The profile is truncated.");
        }

        public string String() => Decode((int)Math.Min(Varint(), int.MaxValue));

        public string? NullableString()
        {
            var length = Varint();
            return length == 0 ? null : Decode((int)Math.Min(length - 1, int.MaxValue));
        }

        private string Decode(int length)
        {
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length));
            }
            catch (DecoderFallbackException exception)
            {
                throw new InvalidDataException("A string in the profile is not UTF-8.", exception);
            }
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || length > _data.Length - _position)
            {
                throw new InvalidDataException("The profile is truncated.");
            }

            var span = _data.Slice(_position, length);
            _position += length;
            return span;
        }
    }
}
