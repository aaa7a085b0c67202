using System.Buffers;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk;

/// <summary>The whole shared state, written and merged for a shared store's snapshots (<see cref="StateFormat"/>).</summary>
internal sealed partial class Personalizer : IStateSnapshot
{
    private const byte KnownKey = 1;
    private const byte Alias = 2;
    private const byte KnownAlias = 3;

    /// <summary>The item statistics, for tests.</summary>
    internal ItemStatistics Statistics => (ItemStatistics)_statistics;

    public StateCounts WriteState(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StateWriter(output);
        var catalog = _catalog.Current;
        StateFormat.WriteHeader(writer);
        var aliases = WriteIdentity(writer);
        var profiles = WriteProfiles(writer, catalog);
        var items = StatisticsState.Write(writer, (ItemStatistics)_statistics, catalog);
        var units = LedgerState.Write(writer, _ledger as MeasurementLedger);
        var erasures = WriteErasures(writer);
        writer.Seal();
        return new StateCounts(profiles, aliases, items, units, erasures);
    }

    public StateCounts MergeState(ReadOnlySequence<byte> state)
    {
        // Read through once changing nothing, so a state that fails anywhere (a profile of a newer
        // version, a malformed record deep inside) is refused whole rather than half merged.
        var catalog = _catalog.Current;
        Merge(state, catalog, apply: false);
        return Merge(state, catalog, apply: true);
    }

    /// <summary>Reads every section of <paramref name="state"/>, merging it into this server's state only when <paramref name="apply"/>.</summary>
    private StateCounts Merge(ReadOnlySequence<byte> state, Catalog.CatalogSnapshot catalog, bool apply)
    {
        var reader = new StateReader(StateFormat.Open(state));
        var aliases = MergeIdentity(ref reader, apply);
        var profiles = MergeProfiles(ref reader, catalog, apply);
        var items = StatisticsState.Merge(ref reader, apply ? (ItemStatistics)_statistics : null, catalog);
        var units = LedgerState.Merge(ref reader, apply ? _ledger as MeasurementLedger : null);
        var erasures = MergeErasures(ref reader, apply);
        if (!reader.AtEnd)
        {
            throw new InvalidDataException("The state has trailing bytes.");
        }

        return new StateCounts(profiles, aliases, items, units, erasures);
    }

    /// <summary>Under the identity lock: stitches and erasures wait, decisions and events do not.</summary>
    private int WriteIdentity(StateWriter writer)
    {
        var written = 0;
        lock (_identityGate)
        {
            foreach (var (key, canonical, known) in _identity.Entries())
            {
                var alias = !string.Equals(key, canonical, StringComparison.Ordinal);
                writer.Byte(!alias ? KnownKey : known ? KnownAlias : Alias);
                writer.String(key);
                if (alias)
                {
                    writer.String(canonical);
                }

                written++;
            }
        }

        writer.Byte(StateFormat.End);
        return written;
    }

    /// <summary>
    /// Each profile copied lock-free (as a decision copies it), then written by item key. A profile
    /// whose last event is older than <see cref="PersonalizationOptions.ProfileIdleExpiration"/> is
    /// left out: a shadow replaying old events touches its profiles now, so only the events' own
    /// times keep snapshots from carrying an idle person forward from one snapshot to the next.
    /// </summary>
    private int WriteProfiles(StateWriter writer, Catalog.CatalogSnapshot catalog)
    {
        var copy = new ProfileData();
        var buffer = new ArrayBufferWriter<byte>(1024);
        var written = 0;
        var now = _timeProvider.GetUtcNow().UtcTicks;
        foreach (var (key, profile) in ((MemoryProfileStore)_profiles).Live())
        {
            profile.ReadInto(copy, catalog);
            if (copy.LastSeenTicks > 0 && now - copy.LastSeenTicks > _profileIdleTicks)
            {
                continue;
            }

            buffer.ResetWrittenCount();
            ProfileFormat.Write(copy, catalog, buffer);
            writer.Byte(StateFormat.Record);
            writer.String(key);
            writer.Varint((uint)buffer.WrittenCount);
            writer.Bytes(buffer.WrittenSpan);
            written++;
        }

        writer.Byte(StateFormat.End);
        return written;
    }

    private int WriteErasures(StateWriter writer)
    {
        var written = 0;
        foreach (var (key, ticks) in _erasures.Recent())
        {
            writer.Byte(StateFormat.Record);
            writer.String(key);
            writer.Int64(ticks);
            written++;
        }

        writer.Byte(StateFormat.End);
        return written;
    }

    /// <summary>Links as a replicated stitch would (merging any profile the alias has here into its profile's), under the identity lock; only reads without <paramref name="apply"/>.</summary>
    private int MergeIdentity(ref StateReader reader, bool apply)
    {
        var read = 0;
        lock (_identityGate)
        {
            while (reader.Byte() is var tag && tag != StateFormat.End)
            {
                var key = reader.String();
                switch (tag)
                {
                    case KnownKey:
                        if (apply)
                        {
                            _identity.MarkKnown(key);
                        }

                        break;
                    case Alias or KnownAlias:
                        var canonical = reader.String();
                        if (apply)
                        {
                            Stitch(key, canonical, recall: false);
                            if (tag == KnownAlias)
                            {
                                _identity.MarkKnown(key);
                            }
                        }

                        break;
                    default:
                        throw new InvalidDataException("An identity record in the state is malformed.");
                }

                read++;
            }
        }

        return read;
    }

    /// <summary>
    /// Each profile into the profile its key reaches here: copied into a new (or blank) one, so it
    /// comes back exactly, else merged into the existing one as a stitch merges. Without
    /// <paramref name="apply"/> each profile is only read (into a scratch copy).
    /// </summary>
    private int MergeProfiles(ref StateReader reader, Catalog.CatalogSnapshot catalog, bool apply)
    {
        var read = 0;
        var incoming = new ProfileData();
        var merged = new ProfileData();
        while (Record(ref reader, "profile"))
        {
            var key = reader.String();
            ProfileFormat.Read(reader.Bytes(reader.Length()), incoming, catalog, _affinityHalfLifeTicks);
            if (!apply)
            {
                read++;
                continue;
            }

            var merge = new IncomingProfile(incoming, _affinityHalfLifeTicks, _services, _consents.For(_identity.Resolve(key)));
            UserProfile target;
            do
            {
                // Retired by a racing stitch or eviction: resolve again.
                target = _profiles.GetOrCreate(_identity.Resolve(key));
            }
            while (!target.Write(merge, MergeProfile));

            // Idle from its last event, not from this merge, so a restart does not reset its expiry.
            target.ReadInto(merged, catalog);
            if (merged.LastSeenTicks > 0)
            {
                target.LastAccessTicks = Math.Min(Volatile.Read(ref target.LastAccessTicks), merged.LastSeenTicks);
            }

            read++;
        }

        return read;
    }

    private int MergeErasures(ref StateReader reader, bool apply)
    {
        var read = 0;
        while (Record(ref reader, "erasure"))
        {
            var key = reader.String();
            var ticks = reader.Int64();
            if (apply)
            {
                // Its window runs from the erasure: one dated far ahead would guard for that long.
                _erasures.Restore(key, NotAhead(ticks));
            }

            read++;
        }

        return read;
    }

    private static void MergeProfile(ProfileData target, in IncomingProfile incoming)
    {
        if (target.IsEmpty && target.Consent is null && target.UnitKey is null && target.Shows.Count == 0)
        {
            incoming.Data.CopyTo(target);
        }
        else
        {
            // The same person's own copy: its stated consent is theirs, taken when this one states none.
            target.MergeFrom(incoming.Data, incoming.HalfLifeTicks, incoming.Services, adoptConsent: true, incoming.Unstated);
        }
    }

    private static bool Record(ref StateReader reader, string what) => reader.Byte() switch
    {
        StateFormat.End => false,
        StateFormat.Record => true,
        _ => throw new InvalidDataException($"A {what} record in the state is malformed."),
    };

    private readonly record struct IncomingProfile(ProfileData Data, double HalfLifeTicks, ProfileServices Services, ConsentFlags Unstated);
}
