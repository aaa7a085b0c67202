using Personalize.Sdk.Profiles;
using Personalize.Sdk.Redis.Diagnostics;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>Which of a person's fetched records a recall adds to their profile.</summary>
internal static class RecalledRecords
{
    /// <summary>
    /// The fetched records to add, oldest first: each once (a resent batch can still store a record twice, see <see cref="PersonRecords"/>),
    /// none from before a withdrawal of consent by the person the key is stitched to (<see cref="PersonHistory.PersonWithdrewAt"/>)
    /// but the key's own withdrawal, unless the person gave consent since (<see cref="PersonHistory.PersonConsentedAt"/>),
    /// not those the profile got while the fetch was in flight (<paramref name="state"/>), and not
    /// another server's that the reader has yet to apply (past <paramref name="applied"/>). The kept
    /// lists' changes that the records no longer hold are older than all they hold: they come
    /// first, in the order they happened.
    /// </summary>
    /// <param name="history">The person's records and kept lists as Redis holds them (<see cref="PersonRecordCodec"/>).</param>
    /// <param name="state">What the profile got meanwhile.</param>
    /// <param name="applied">The journal writes the reader has applied.</param>
    /// <param name="self">This server's id: its own records are judged by their running number.</param>
    /// <param name="metrics">Counts a record that cannot be read.</param>
    /// <param name="unreadable">Told of each record that cannot be read (to log it), if given.</param>
    public static List<PersonalizationEvent> Select(PersonHistory history, RecallState state, JournalPositions applied, Guid self, RedisMetrics metrics, Action<Exception>? unreadable = null)
    {
        var seen = new HashSet<(Guid, long, int)>();
        var recent = Read(history.Records, seen, state, applied, self, metrics, unreadable, history.PersonWithdrewAt, history.PersonConsentedAt);
        if (history.Kept.Length == 0 || history.Records.Length < PersonRecords.Limit)
        {
            // Kept changes spill only from full records: beside records that are not full they are
            // left from before an erasure or withdrawal (by a server of the version before them).
            return recent;
        }

        // Read after the records, so a change both hold is taken at its place among the records.
        var older = Read(history.Kept, seen, state, applied, self, metrics, unreadable, history.PersonWithdrewAt, history.PersonConsentedAt);
        return [.. older.OrderBy(static change => change.Timestamp?.UtcTicks ?? long.MinValue), .. recent];
    }

    private static List<PersonalizationEvent> Read(RedisValue[] fetched, HashSet<(Guid, long, int)> seen, RecallState state, JournalPositions applied, Guid self, RedisMetrics metrics, Action<Exception>? unreadable, long? withdrewAt, long? consentedAt)
    {
        var events = new List<PersonalizationEvent>(fetched.Length);
        foreach (var element in fetched)
        {
            try
            {
                if (!PersonRecordCodec.TryDecode((ReadOnlyMemory<byte>)element, out var batch, out var index, out var number, out var payload) ||
                    !JournalCodec.TryReadProfileEvent(payload, out var origin, out _, out var personalizationEvent) ||
                    !seen.Add((origin, batch, index)))
                {
                    continue;
                }

                // The person withdrew consent since: what this key held of them then is erased. Not a
                // withdrawal itself: made with this key on a server that did not hold the link, it is
                // the person's, dated as their own (their records hold none of it), until they gave
                // consent again, which their tombstone holds for five minutes.
                var withdrawn = personalizationEvent.Kind == EventKind.Consent && !ProfileUpdate.MayStoreBehaviour(personalizationEvent.Consent)
                    ? consentedAt is { } consented && personalizationEvent.Timestamp?.UtcTicks <= consented
                    : withdrewAt is { } withdrawal && personalizationEvent.Timestamp?.UtcTicks <= withdrawal;
                var known = origin == self ? state.HasLocal(number) : !applied.Covers(origin, batch, index) || state.HasRemote(origin, batch, index);
                if (!known && !withdrawn)
                {
                    events.Add(personalizationEvent);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A corrupt record must not cost the person the others, whatever its reading throws
                // (a bad length prefix is a FormatException, a bad decimal an IOException).
                metrics.JournalEntrySkipped();
                unreadable?.Invoke(exception);
            }
        }

        return events;
    }
}
