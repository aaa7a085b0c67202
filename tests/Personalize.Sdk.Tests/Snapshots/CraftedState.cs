using System.Buffers;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// A well-formed, sealed state written by hand, for what no server writes itself (a value a bug or
/// corruption before the checksum put there): each section empty unless its writer is given.
/// </summary>
internal static class CraftedState
{
    /// <summary>What a profile record holds between its key and its length: its last activity, when its consent was stated, whether it was recalled.</summary>
    public const int ProfileRecordHead = 8 + 8 + 1;

    public static byte[] With(Action<StateWriter>? profiles = null, Action<StateWriter>? items = null, Action<StateWriter>? ledger = null, long? epochTicks = null, Action<StateWriter>? consents = null, byte version = StateFormat.Version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new StateWriter(buffer);
        writer.Bytes(StateFormat.Magic);
        writer.Byte(version);
        writer.Byte(StateFormat.End); // identity
        profiles?.Invoke(writer);
        writer.Byte(StateFormat.End);
        consents?.Invoke(writer);
        writer.Byte(StateFormat.End); // remembered consents
        writer.Int64(epochTicks ?? TestSdk.Start.UtcTicks); // statistics epoch
        items?.Invoke(writer);
        writer.Byte(StateFormat.End);
        writer.Byte(StateFormat.End); // similar items
        if (ledger is null)
        {
            writer.Varint(0);
        }
        else
        {
            ledger(writer);
        }

        writer.Byte(StateFormat.End); // erasures
        writer.Seal();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One profile record: <paramref name="data"/> in the profile format, last active at <see cref="TestSdk.Start"/>.</summary>
    public static void Profile(StateWriter writer, string key, ProfileData data, CatalogSnapshot catalog)
    {
        var bytes = new ArrayBufferWriter<byte>();
        ProfileFormat.Write(data, catalog, bytes);
        writer.Byte(StateFormat.Record);
        writer.String(key);
        writer.Int64(TestSdk.Start.UtcTicks);
        writer.Int64(0); // consent stated: not kept
        writer.Byte(0); // consent not recalled
        writer.Varint((uint)bytes.WrittenCount);
        writer.Bytes(bytes.WrittenSpan);
    }

    /// <summary>One item record without neighbours unless given, engaged at <see cref="TestSdk.Start"/>.</summary>
    public static void Item(StateWriter writer, string key, double popularity, double recentPopularity, params (string Key, double Weight)[] neighbours)
    {
        writer.Byte(StateFormat.Record);
        writer.String(key);
        writer.Double(popularity);
        writer.Double(recentPopularity);
        writer.Int64(TestSdk.Start.UtcTicks);
        writer.Varint((uint)neighbours.Length);
        foreach (var (neighbour, weight) in neighbours)
        {
            writer.String(neighbour);
            writer.Double(weight);
        }
    }

    /// <summary>The "global" holdout with one converted treatment unit of <paramref name="revenue"/>, and arm totals to match.</summary>
    public static void ConvertedUnit(StateWriter writer, string key, double revenue, double totalRevenue, double totalSquares)
    {
        writer.Varint(1);
        writer.String("global");
        writer.Byte(StateFormat.Record);
        writer.String(key);
        writer.Byte((byte)HoldoutArm.Treatment);
        writer.Int64(TestSdk.Start.UtcTicks);
        writer.Byte(1);
        writer.Double(revenue);
        writer.Byte(StateFormat.End);
        foreach (var arm in new[] { HoldoutArm.Treatment, HoldoutArm.Control })
        {
            var treated = arm == HoldoutArm.Treatment;
            writer.Int64(treated ? 1 : 0);
            writer.Int64(treated ? 1 : 0);
            writer.Double(treated ? totalRevenue : 0);
            writer.Double(treated ? totalSquares : 0);
        }
    }

    /// <summary>A profile of one event at <see cref="TestSdk.Start"/>.</summary>
    public static ProfileData OneEvent()
    {
        var data = new ProfileData();
        data.Touch(TestSdk.Start.UtcTicks);
        return data;
    }

    public static int Category(CatalogSnapshot catalog, string name) =>
        catalog.TryGetCategoryId(name, out var id) ? id : throw new ArgumentException($"No category '{name}'.", nameof(name));
}
