using System.Collections.Concurrent;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Replication;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Snapshots;

/// <summary>
/// The snapshot shadow's recall: a person the shadow's replay brings back after it (or the snapshot
/// it started from) let them go (past <see cref="PersonalizationOptions.MaxProfiles"/>, or idle)
/// gets their history up to the replay's position from their records, so the next snapshot holds
/// them whole rather than only what they did since. Driven by the compactor's thread; the shadow's
/// profile store lets people go on a pool thread (<see cref="Released"/>).
/// </summary>
/// <param name="records">The people's records.</param>
/// <param name="metrics">Counts a record that cannot be read.</param>
internal sealed class ShadowRecall(PersonRecords records, RedisMetrics metrics) : IProfileRecall
{
    // Rounds of stitched keys followed in one go: each round recalls the keys the last one stitched.
    private const int MaxRounds = 4;

    private readonly ConcurrentDictionary<string, RecallState> _pending = new(StringComparer.Ordinal);

    /// <summary>Whether people wait to be recalled.</summary>
    public bool HasPending => !_pending.IsEmpty;

    public void Missing(string profileKey, bool linked = false) => _pending.TryAdd(profileKey, new RecallState(0));

    public void Released(string profileKey) => _pending.TryRemove(profileKey, out _);

    // The shadow answers no data-access request: its compactor recalls in ApplyAsync.
    public Task RecallAsync(string profileKey, bool missing, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The shadow applied <paramref name="entry"/>: if it changed the profile of someone waiting, the fetched copy is passed over.</summary>
    public void NoteApplied(StreamEntry entry, IReplica shadow)
    {
        var payload = (byte[])entry[JournalAppendCommand.PayloadField]!;
        if (JournalCodec.OriginOf(payload) is { } origin && JournalCodec.ProfileKeyOf(payload) is { } key && _pending.TryGetValue(key, out var state) && shadow.HoldsProfile(key))
        {
            state.NoteRemote(origin, (long)entry[JournalAppendCommand.BatchField], (long)entry[JournalAppendCommand.IndexField]);
        }
    }

    /// <summary>Fetches everyone waiting (one pipelined round trip a round) and adds to the shadow what its replay has passed.</summary>
    /// <exception cref="RedisException">Redis failed: the snapshot fails, and is tried again later.</exception>
    public async Task ApplyAsync(IDatabase database, IReplica shadow, JournalPositions passed)
    {
        for (var round = 0; round < MaxRounds && !_pending.IsEmpty; round++)
        {
            var waiting = _pending.ToArray();
            foreach (var entry in waiting)
            {
                _pending.TryRemove(entry);
            }

            var histories = await records.FetchAsync(database, [.. waiting.Select(static entry => entry.Key)]).ConfigureAwait(false);
            for (var i = 0; i < waiting.Length; i++)
            {
                var events = RecalledRecords.Select(histories[i], waiting[i].Value, passed, Guid.Empty, metrics);

                // Only the links the replay has passed: Redis holds them as they are now, and a later
                // stitch applied early would merge the alias's history (and holdout unit) into the
                // person too soon. The replay stitches the others when it reaches them.
                var aliases = histories[i].AliasesStitchedBy(passed);
                if (events.Count > 0 || aliases.Length > 0)
                {
                    // May report stitched keys missing: the next round recalls them.
                    shadow.ApplyRecalled(waiting[i].Key, aliases, events);
                }
            }
        }

        _pending.Clear();
    }
}
