using System.Buffers;
using Personalize.Sdk.Diagnostics;
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
    private const byte OwnConsent = 1;
    private const byte AliasConsent = 2;

    /// <summary>The item statistics, for tests.</summary>
    internal ItemStatistics Statistics => (ItemStatistics)_statistics;

    public StateCounts WriteState(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StateWriter(output);
        // What is idle past its expiry is evicted first, as a lookup would: the eviction drops its
        // links and the units under its other keys, and keeps a narrower consent apart.
        var store = (MemoryProfileStore)_profiles;
        store.EvictIdle();
        var leftOut = new LeftOut(IdleSinceLastActivity(store));
        StateFormat.WriteHeader(writer);
        var aliases = WriteIdentity(writer, leftOut);
        var profiles = WriteProfiles(writer, store, leftOut);
        WriteRememberedConsents(writer, leftOut);
        int items;
        using (_catalog.HoldBuilds())
        {
            // Named by the catalog of this moment, no build running: an index that changed hands
            // since the profiles were written would name another item's statistics.
            items = StatisticsState.Write(writer, (ItemStatistics)_statistics, _catalog.Current);
        }

        var units = LedgerState.Write(writer, _ledger as MeasurementLedger, leftOut.Units);
        var erasures = WriteErasures(writer);
        writer.Seal();
        return new StateCounts(profiles, aliases, items, units, erasures);
    }

    public StateCounts MergeState(ReadOnlySequence<byte> state)
    {
        // Read through once changing nothing, so a state that fails anywhere (a profile of a newer
        // version, a malformed record deep inside) is refused whole rather than half merged.
        Merge(state, _catalog.Current, apply: false);

        // Applied with catalog builds held off, profiles and statistics by one catalog: an index that
        // changed hands meanwhile would give a new key the old item's state, and an item added
        // meanwhile would be restored in one section and not the other.
        using (_catalog.HoldBuilds())
        {
            return Merge(state, _catalog.Current, apply: true);
        }
    }

    /// <summary>Reads every section of <paramref name="state"/>, merging it into this server's state only when <paramref name="apply"/>.</summary>
    private StateCounts Merge(ReadOnlySequence<byte> state, Catalog.CatalogSnapshot catalog, bool apply)
    {
        var reader = new StateReader(StateFormat.Open(state, out var version));
        var refused = apply ? new HashSet<string>(StringComparer.Ordinal) : null;
        var aliases = MergeIdentity(ref reader, refused);
        if (refused is { Count: > 0 })
        {
            Log.RestoredLinksRefused(_logger, refused.Count);
        }
        var withdrawn = apply ? new HashSet<string>(StringComparer.Ordinal) : null;
        var touched = apply ? new HashSet<string>(StringComparer.Ordinal) : null;
        var profiles = MergeProfiles(ref reader, catalog, version, touched);
        if (version >= 2)
        {
            MergeRememberedConsents(ref reader, version, apply);
        }

        if (touched is not null)
        {
            ForgetUnconsentedBehaviour(touched, withdrawn!);
        }

        var items = StatisticsState.Merge(ref reader, apply ? (ItemStatistics)_statistics : null, catalog, _timeProvider.GetUtcNow().UtcTicks);


        // A refused link's key is not the snapshot's person's here: what the snapshot measured
        // under it stays out (in the totals only, as anonymous counts), or no erasure of theirs would reach it.
        var units = LedgerState.Merge(ref reader, apply ? _ledger as MeasurementLedger : null, refused);

        // The snapshot's holdout outcomes of people who withdrew here (before the restore, or in
        // its records) are their behaviour: erased as a withdrawal erases them, the totals kept.
        // Units come without their person's profile too (evicted as idle where it was written), so
        // every unit is checked by the consent its key's person states here.
        if (withdrawn is not null && _ledger is MeasurementLedger measured)
        {
            for (var holdout = 0; holdout < _holdouts.Holdouts.Count; holdout++)
            {
                foreach (var unit in measured.LedgerOf(holdout).Units.Keys)
                {
                    var resolved = _identity.Resolve(unit);
                    // Stated (or kept apart) only: a consent wider than the default is not kept past an
                    // eviction, so the default cannot tell who never consented from who did.
                    if ((_profiles.Peek(resolved)?.ReadConsent() ?? _consents.Stated(resolved)) is { } stated && !ProfileUpdate.MayStoreBehaviour(stated))
                    {
                        withdrawn.Add(unit);
                    }
                }
            }
        }

        foreach (var key in withdrawn ?? [])
        {
            _ledger.ForgetOutcomes(key);
        }

        var erasures = MergeErasures(ref reader, apply);
        if (!reader.AtEnd)
        {
            throw new InvalidDataException("The state has trailing bytes.");
        }

        return new StateCounts(profiles, aliases, items, units, erasures);
    }

    /// <summary>
    /// The live profiles whose last activity (<see cref="ActivityTicks"/>) is older than
    /// <see cref="PersonalizationOptions.ProfileIdleExpiration"/>: a shadow replaying old events
    /// touches its profiles now, so only the events' own times keep snapshots from carrying an idle
    /// person forward from one snapshot to the next. Kept in memory (a decision may have used them
    /// since), they are left out of the state as an eviction would leave them.
    /// </summary>
    private Dictionary<string, UserProfile> IdleSinceLastActivity(MemoryProfileStore store)
    {
        var idle = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        var now = _timeProvider.GetUtcNow().UtcTicks;
        foreach (var (key, profile) in store.Live())
        {
            if (now - ActivityTicks(profile.ReadLastSeenTicks(), Volatile.Read(ref profile.LastAccessTicks)) > _profileIdleTicks)
            {
                idle[key] = profile;
            }
        }

        return idle;
    }

    /// <summary>
    /// A profile's last activity, as a state carries it: its last event; with none (a sign-in
    /// without an event, or a withdrawal, which erases the events' times) when it was last used.
    /// </summary>
    private static long ActivityTicks(long lastSeenTicks, long lastAccessTicks) => lastSeenTicks > 0 ? lastSeenTicks : lastAccessTicks;

    /// <summary>
    /// Under the identity lock: stitches and erasures wait, decisions and events do not. The links
    /// of a person left out (<paramref name="leftOut"/>), or whose profile is gone (an eviction
    /// about to drop them), are left out too, with what an eviction drops or keeps with them.
    /// </summary>
    private int WriteIdentity(StateWriter writer, LeftOut leftOut)
    {
        var written = 0;
        lock (_identityGate)
        {
            foreach (var (key, profile) in leftOut.Profiles)
            {
                leftOut.Evicted(key, _identity.KeysOf(key), profile.ReadUnitKey(), profile.ReadDatedConsent(), _consents);
            }

            foreach (var (key, canonical, known) in _identity.Entries())
            {
                var alias = !string.Equals(key, canonical, StringComparison.Ordinal);
                if (leftOut.Profiles.ContainsKey(canonical) || _profiles.Peek(canonical) is null)
                {
                    if (alias)
                    {
                        leftOut.Units.Add(key);
                    }

                    continue;
                }

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
    /// Each profile copied lock-free (as a decision copies it), then written by item key with its
    /// last activity; those <see cref="IdleSinceLastActivity"/> found idle are left out. Each copy is
    /// named by a snapshot read after it, so an id a newer build gave to another item, category or
    /// value is never written under the name it had before.
    /// </summary>
    private int WriteProfiles(StateWriter writer, MemoryProfileStore store, LeftOut leftOut)
    {
        var copy = new ProfileData();
        var buffer = new ArrayBufferWriter<byte>(1024);
        var written = 0;
        foreach (var (key, profile) in store.Live())
        {
            if (leftOut.Profiles.ContainsKey(key))
            {
                continue;
            }

            var lastAccess = Volatile.Read(ref profile.LastAccessTicks);
            profile.ReadInto(copy, catalog: null);
            var current = _catalog.Current;
            copy.DropReassignedIds(current);
            buffer.ResetWrittenCount();
            ProfileFormat.Write(copy, current, buffer);
            writer.Byte(StateFormat.Record);
            writer.String(key);
            writer.Int64(ActivityTicks(copy.LastSeenTicks, lastAccess));
            writer.Int64(copy.ConsentTicks);
            writer.Byte(copy.ConsentRecalled ? (byte)1 : (byte)0);
            writer.Varint((uint)buffer.WrittenCount);
            writer.Bytes(buffer.WrittenSpan);
            written++;
        }

        writer.Byte(StateFormat.End);
        return written;
    }

    /// <summary>The consents kept apart after evictions, and those the people left out above would have kept apart.</summary>
    private void WriteRememberedConsents(StateWriter writer, LeftOut leftOut)
    {
        foreach (var (key, consent, owner) in _consents.Entries())
        {
            leftOut.Consents.TryAdd(key, (consent, owner));
        }

        foreach (var (key, (consent, owner)) in leftOut.Consents)
        {
            writer.Byte(owner is null ? OwnConsent : AliasConsent);
            writer.String(key);
            writer.Byte((byte)consent.Consent);
            writer.Int64(consent.StatedTicks);
            if (owner is not null)
            {
                writer.String(owner);
            }
        }

        writer.Byte(StateFormat.End);
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

    /// <summary>
    /// Links as a replicated stitch would (merging any profile the alias has here into its
    /// profile's), under the identity lock, past the alias limit (they are not new stitches); only
    /// reads without <paramref name="refused"/>. A link this server's own links refuse (the key is
    /// another person's here) is counted as a refused sign-in, and its key put in <paramref name="refused"/>.
    /// Returns the records read; when applied, those that took.
    /// </summary>
    private int MergeIdentity(ref StateReader reader, HashSet<string>? refused)
    {
        var apply = refused is not null;
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
                            var result = Stitch(key, canonical, restoring: true);
                            if (result is not (IdentifyResult.Stitched or IdentifyResult.AlreadyStitched))
                            {
                                _metrics.IdentifyCompleted(result);
                                refused!.Add(key);
                                continue;
                            }

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
    /// <paramref name="touched"/> each profile is only read (into a scratch copy); with it, each
    /// record's key is put there, for <see cref="ForgetUnconsentedBehaviour"/> to judge once the
    /// section (and the remembered consents) are in.
    /// </summary>
    private int MergeProfiles(ref StateReader reader, Catalog.CatalogSnapshot catalog, byte version, HashSet<string>? touched)
    {
        var apply = touched is not null;
        var read = 0;
        var incoming = new ProfileData();
        var merged = new ProfileData();
        while (Record(ref reader, "profile"))
        {
            var key = reader.String();
            var activity = version >= 2 ? reader.Int64() : 0;
            var (consentTicks, consentRecalled) = version >= 3 ? (NotAhead(reader.Int64()), reader.Byte() != 0) : (0, false);
            // A time further ahead than an event may be is read as now, as an erasure's is (NotAhead).
            ProfileFormat.Read(reader.Bytes(reader.Length()), incoming, catalog, _affinityHalfLifeTicks, _timeProvider.GetUtcNow().UtcTicks, EventPipeline.FutureTolerance.Ticks);
            if (incoming.Consent is not null)
            {
                // When the consent was stated, and whether a later recalled one overrules it, as the writer held them.
                (incoming.ConsentTicks, incoming.ConsentRecalled) = (consentTicks, consentRecalled);
            }
            if (!apply)
            {
                read++;
                continue;
            }

            // Kept whole for now: whether the person's consent lets their behaviour be stored is
            // judged once every record (and remembered consent) is in, whatever their order.
            var merge = new IncomingProfile(incoming, _affinityHalfLifeTicks, _services, ConsentFlags.Personalization);
            UserProfile target;
            do
            {
                // Retired by a racing stitch or eviction: resolve again.
                target = _profiles.GetOrCreate(_identity.Resolve(key));
            }
            while (!target.Write(merge, MergeProfile));

            // Idle from its last activity, not from this merge, so a restart does not reset its expiry
            // (a version 1 state carries none: its last event, if it has one, stands for it).
            target.ReadInto(merged, catalog);
            if (Math.Max(activity, merged.LastSeenTicks) is > 0 and var since)
            {
                target.LastAccessTicks = Math.Min(Volatile.Read(ref target.LastAccessTicks), since);
            }

            touched!.Add(key);
            read++;
        }

        return read;
    }

    /// <summary>
    /// After a restore's profiles and remembered consents are in: each person a profile record
    /// reached is judged once, by the consent in force here (stated, else remembered, else the
    /// default), and without personalization keeps none of the behaviour restored, nor their
    /// holdout outcomes (<paramref name="withdrawn"/>), as tracking would have kept none.
    /// </summary>
    private void ForgetUnconsentedBehaviour(HashSet<string> touched, HashSet<string> withdrawn)
    {
        foreach (var key in touched)
        {
            var resolved = _identity.Resolve(key);
            var profile = _profiles.Peek(resolved);
            if (ProfileUpdate.MayStoreBehaviour(profile?.ReadConsent() ?? _consents.For(resolved)))
            {
                continue;
            }

            withdrawn.UnionWith([key, resolved, .. _identity.KeysOf(resolved)]);
            if (profile?.ReadUnitKey() is { } unit)
            {
                withdrawn.Add(unit);
            }

            profile?.Write(0, static (data, in _) => data.ForgetBehaviour());
        }
    }

    /// <summary>
    /// Keeps each consent apart as the eviction that kept it did, unless this server knows better:
    /// the profile a key has here states its own (a consent stated here wins, as it wins the
    /// profiles' merge), or takes it when it states none; a key linked to a person here is theirs (a
    /// stitch takes a kept consent so); a key this server keeps a consent for keeps it; and a copy
    /// kept for a person's other key follows a consent the person stated here.
    /// </summary>
    private void MergeRememberedConsents(ref StateReader reader, byte version, bool apply)
    {
        lock (_identityGate)
        {
            while (reader.Byte() is var tag && tag != StateFormat.End)
            {
                if (tag is not (OwnConsent or AliasConsent))
                {
                    throw new InvalidDataException("A remembered consent record in the state is malformed.");
                }

                var key = reader.String();
                var consent = new KeptConsent((ConsentFlags)reader.Byte(), version >= 3 ? NotAhead(reader.Int64()) : 0);
                var owner = tag == AliasConsent ? reader.String() : null;
                if (apply)
                {
                    Remember(key, consent, owner);
                }
            }
        }
    }

    private void Remember(string key, KeptConsent consent, string? owner)
    {
        if (!string.Equals(_identity.Resolve(key), key, StringComparison.Ordinal) || _consents.Stated(key) is not null)
        {
            return;
        }

        if (_profiles.Peek(key) is { } profile)
        {
            if (profile.ReadConsent() is null)
            {
                var kept = new ProfileData();
                kept.TakeBack(consent);
                var merge = new IncomingProfile(kept, _affinityHalfLifeTicks, _services, _consents.For(key));
                profile.Write(merge, MergeProfile);
            }

            return;
        }

        if (owner is null)
        {
            _consents.Remember(key, consent);
        }
        else
        {
            _consents.RememberAliases(owner, _profiles.Peek(_identity.Resolve(owner))?.ReadDatedConsent() ?? consent, [key]);
        }
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

    /// <summary>
    /// What a state leaves out with the people idle past their expiry: their profiles, the holdout
    /// units under their other keys, and the narrower consents an eviction would keep apart.
    /// </summary>
    private sealed class LeftOut(Dictionary<string, UserProfile> profiles)
    {
        public Dictionary<string, UserProfile> Profiles { get; } = profiles;

        public HashSet<string> Units { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (KeptConsent Consent, string? Owner)> Consents { get; } = new(StringComparer.Ordinal);

        /// <summary>As <see cref="OnProfileEvicted"/> would for <paramref name="key"/>'s profile, without changing anything.</summary>
        public void Evicted(string key, IReadOnlyList<string> keys, string? unitKey, KeptConsent? consent, RememberedConsents consents)
        {
            Units.UnionWith(UnlinkedWith(key, keys, unitKey));
            if (consents.Keeps(consent?.Consent))
            {
                var kept = consent.GetValueOrDefault();
                Consents[key] = (kept, null);
                foreach (var other in keys)
                {
                    if (!string.Equals(other, key, StringComparison.Ordinal))
                    {
                        Consents[other] = (kept, key);
                    }
                }
            }
        }
    }

    private readonly record struct IncomingProfile(ProfileData Data, double HalfLifeTicks, ProfileServices Services, ConsentFlags Unstated);
}
