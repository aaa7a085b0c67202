using Personalize.Sdk.Privacy;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk;

internal sealed partial class Personalizer
{
    // Rounds of recalls a data-access request waits through: each round recalls the keys the last one linked.
    private const int MaxAccessRecallRounds = 4;

    public HoldoutAssignment GetHoldoutAssignment(string userKey, string holdout)
    {
        WellFormedText.ThrowIfInvalidKey(userKey);
        ArgumentNullException.ThrowIfNull(holdout);
        var key = _identity.Resolve(userKey);

        // Peek, not find: reading an arm must not keep an idle profile alive.
        var unit = _profiles.Peek(key)?.ReadUnitKey() ?? key;
        return _holdouts.Assign(holdout, unit);
    }

    public ConsentFlags GetConsent(string userKey)
    {
        WellFormedText.ThrowIfInvalidKey(userKey);
        var key = _identity.Resolve(userKey);

        // An idle profile is evicted first, as a decision would: its narrower consent is then the one kept apart.
        return _profiles.PeekEvictingIdle(key)?.ReadConsent() ?? _consents.For(key);
    }

    public Task<PersonalData> GetPersonalDataAsync(string userKey, CancellationToken cancellationToken = default)
    {
        WellFormedText.ThrowIfInvalidKey(userKey);
        return RecallThenReportAsync(userKey, cancellationToken);
    }

    /// <summary>
    /// Recalls the person from a shared store unless this server holds them, waits for the recalls
    /// of every key linked to them (a recalled person's stitched keys are recalled in turn, their
    /// records following into the profile; a key stitched to a person this server let go comes back
    /// linked to them), and goes round again while the keys change; then reports.
    /// </summary>
    private async Task<PersonalData> RecallThenReportAsync(string userKey, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> waitedFor = [];
        for (var round = 0; round < MaxAccessRecallRounds; round++)
        {
            string canonical;
            bool held;
            lock (_identityGate)
            {
                canonical = _identity.Resolve(userKey);
                held = _profiles.PeekEvictingIdle(canonical) is not null;
            }

            await _recall.RecallAsync(canonical, missing: !held, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> keys;
            lock (_identityGate)
            {
                canonical = _identity.Resolve(userKey);
                // The person's key and aliases; the key alone when nothing is linked to it.
                keys = _identity.KeysOf(canonical) is { Count: > 0 } linked ? linked : [canonical];
            }

            foreach (var key in keys)
            {
                await _recall.RecallAsync(key, missing: false, cancellationToken).ConfigureAwait(false);
            }

            if (keys.SequenceEqual(waitedFor, StringComparer.Ordinal))
            {
                break;
            }

            waitedFor = keys;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return GetPersonalData(userKey);
    }

    public PersonalData GetPersonalData(string userKey)
    {
        WellFormedText.ThrowIfInvalidKey(userKey);
        var now = _timeProvider.GetUtcNow();
        lock (_identityGate)
        {
            // An idle profile is evicted first, as a decision would, so the report is what is held
            // from then on (its links gone, a narrower consent kept apart), not an expired profile.
            var canonical = _identity.Resolve(userKey);
            var live = _profiles.PeekEvictingIdle(canonical);
            var keys = _identity.KeysOf(canonical);
            ProfileData? copy = null;
            if (live is not null)
            {
                copy = new ProfileData();
                live.ReadInto(copy, catalog: null);
            }

            // Read after the copy, so it is at least as new as any snapshot the copy was written under.
            var snapshot = _catalog.Current;
            copy?.DropReassignedIds(snapshot);

            var units = new HashSet<string>(keys, StringComparer.Ordinal) { userKey, canonical };
            if (copy?.UnitKey is { } unitKey)
            {
                units.Add(unitKey);
            }

            return new PersonalData
            {
                UserKey = userKey,
                GeneratedAt = now,
                LinkedKeys = keys,
                StatedConsent = copy?.Consent ?? _consents.Stated(canonical),
                Consent = copy?.Consent ?? _consents.For(canonical),
                Profile = copy is null ? null : PersonalDataReader.Summarize(copy, snapshot, now, _affinityHalfLifeTicks),
                WaitingDecisions = [.. Learner.WaitingDecisions(units).Select(waiting => new PersonalDecision
                {
                    Id = waiting.Id,
                    Placement = waiting.Placement,
                    MadeAt = new DateTimeOffset(waiting.Ticks, TimeSpan.Zero),
                    Shown = waiting.Shown,
                })],
                Holdouts = [.. units.Order(StringComparer.Ordinal).SelectMany(unit => _ledger.Find(unit).Select(entry => new HoldoutMembership
                {
                    Holdout = entry.Holdout,
                    Unit = unit,
                    Arm = entry.Unit.Arm,
                    FirstExposed = new DateTimeOffset(entry.Unit.FirstExposedTicks, TimeSpan.Zero),
                    Converted = entry.Unit.Converted,
                    Revenue = entry.Unit.Revenue,
                }))],
            };
        }
    }

    /// <summary>
    /// Names every per-user structure that holds anything under <paramref name="key"/>: the
    /// identity map, the profile store (as a profile's key or its holdout unit), the measurement
    /// ledger, the consents remembered past an eviction and this thread's decision scratch. Erasure tests assert it is empty.
    /// </summary>
    internal IReadOnlyList<string> StructuresHolding(string key)
    {
        var holding = new List<string>();
        lock (_identityGate)
        {
            if (_identity.KeysOf(_identity.Resolve(key)).Count > 0)
            {
                holding.Add("identity map");
            }

            if (_profiles.Peek(key) is not null || ((MemoryProfileStore)_profiles).AnyUnit(key))
            {
                holding.Add("profile store");
            }

            if (_ledger.Find(key).Any())
            {
                holding.Add("measurement ledger");
            }

            if (_consents.Stated(key) is not null)
            {
                holding.Add("remembered consents");
            }
        }

        var scratch = Scoring.DecisionScratch.Rent();
        if (scratch.Profile.UnitKey == key || !scratch.Profile.IsEmpty)
        {
            holding.Add("decision scratch");
        }

        Scoring.DecisionScratch.Return(scratch);
        return holding;
    }

    /// <summary>
    /// Names every record of erasures and withdrawals that still holds <paramref name="key"/>: the
    /// erasure guard, the erasure log and the withdrawal log. They hold an erased person's keys for a
    /// window after the erasure by design, so they are apart from <see cref="StructuresHolding"/>.
    /// </summary>
    internal IReadOnlyList<string> ErasureRecordsHolding(string key)
    {
        var holding = new List<string>();
        if (_erasures.Holds(key))
        {
            holding.Add("erasure guard");
        }

        if (_erasureLog.HoldsWhole(key))
        {
            holding.Add("erasure log");
        }

        if (_withdrawalLog.HoldsWhole(key))
        {
            holding.Add("withdrawal log");
        }

        return holding;
    }

    /// <summary>A copy of the profile <paramref name="userKey"/> reaches, or null; for format and erasure tests.</summary>
    internal ProfileData? CopyProfile(string userKey)
    {
        if (_profiles.Peek(_identity.Resolve(userKey)) is not { } live)
        {
            return null;
        }

        var copy = new ProfileData();
        live.ReadInto(copy, catalog: null);
        copy.DropReassignedIds(_catalog.Current);
        return copy;
    }
}
