using System.Globalization;
using Personalize.Sdk.Redis.Keys;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Each person's own keys in Redis, in the person's slot: their last <see cref="Limit"/> profile
/// changes (<c>{prefix}:p:{key}:records</c>, a list), of each kind a profile keeps longer (purchases,
/// statements, dismissals, complaints, consents) those older than the records, up to as many as a
/// profile keeps (<c>...:kept:{name}</c>, a list each, <see cref="KeptLists"/>), the keys stitched to them
/// (<c>...:aliases</c>, a set) with the journal position of each one's stitch (<c>...:linked</c>, a
/// hash), and a tombstone (<c>...:meta</c>, a hash, written by each erasure,
/// withdrawal of consent and consent given, and on each key linked to a person who withdrew) that
/// keeps changes made before an erasure, or after a withdrawal of consent, and withdrawals older
/// than a consent, from being stored again by a server that sends them late, or that does not hold
/// the person and so does not know of the withdrawal. Written beside the journal by the server that made the change; read back by
/// <see cref="ProfileRecall"/>.
/// </summary>
/// <param name="keys">The key layout.</param>
/// <param name="retention">How long a person's keys live after their last change.</param>
/// <param name="time">The clock that forgets the links followed (<see cref="TombstoneLife"/> after each); the system's by default.</param>
internal sealed class PersonRecords(RedisKeys keys, TimeSpan retention, TimeProvider? time = null) : IDisposable
{
    /// <summary>How many of a person's changes are kept: the oldest leave first.</summary>
    public const int Limit = 256;

    /// <summary>How long a tombstone outlives the last erasure, withdrawal or consent it records: as long as each server remembers an erasure in memory.</summary>
    public static readonly TimeSpan TombstoneLife = Personalizer.ErasureGuardWindow;

    // KEYS: records, meta, aliases, resent, then the kept lists (KeptLists.All), then stitched. ARGV: record,
    // ticks (19 digits, so strings compare as numbers do), kind, limit, retention ms, tombstone ms,
    // withdrawal ms, origin (the writing server's id), position (the batch's sequence, 19 digits,
    // and the place in it, 10, so they compare as strings as they do as pairs), resent ('1' when
    // the batch was sent before).
    // A change pushed out of the records that a profile keeps longer (format 2, its kept list in
    // its second byte: PersonRecordCodec) spills to that list, bounded by KeptLists.Limit. The
    // kept lists hold only what spilled since the records last filled up: they are emptied when
    // the records reach the limit from below (after an erasure or withdrawal emptied them, on a
    // server of any version), every change while full refreshes their lifetime with the records',
    // and a recall reads them only from full records (RecalledRecords).
    // A batch Redis did not acknowledge is resent whole, though Redis may have stored it (its reply
    // lost, or Redis slow): a resent change already in the records (the same bytes: its name,
    // number and payload) is not stored again, else a slow Redis would fill the last-256 window with
    // copies. A resent change that was not there is stored, and its position kept (resent, per
    // server, five minutes) so the first copy, should Redis run it later (sent on a connection
    // since dropped), is passed over. A change's first send reads only that, mostly missing, key.
    // The tombstone holds when the person was last erased (e), withdrew consent (w) and gave it (g;
    // at a withdrawal's own tick, given if it arrived after it, as a withdrawal clears it).
    // Dropped: a change from before an erasure; a withdrawal older than a consent already recorded
    // (sent late, or resent); a consent older than a withdrawal; behaviour from before a withdrawal,
    // or while consent is withdrawn. A withdrawal keeps the tombstone as long as the records it
    // leaves (not five minutes), so a server that does not hold the person, and so does not know
    // of it, cannot store their behaviour again; a consent given brings it back to five minutes.
    // One read of the tombstone and a trim only past the limit: measured 10.5 us a change, against
    // 15 us before. The stitched keys live as long as the records.
    // A withdrawal stored (or resent, finding itself stored) returns the keys linked to the person
    // either way, whose records its server then clears (ClearScript): a guest key's records would
    // otherwise come back with the guest key at a recall. A key so cleared (c) takes no change
    // from before the withdrawal, as after an erasure. A consent given (or resent, finding itself
    // stored) returns the key's own link ({to}), whose person its server then notes it on
    // (ConsentScript), as a withdrawal by the key is noted on them; a key with no link of its own (the
    // person) returns {'', the keys stitched to it}, whose own withdrawals it lifts (LiftScript).
    private static readonly string AppendScript = $$"""
        local resent = redis.call('HGET', KEYS[4], ARGV[8])
        if resent and resent >= ARGV[9] then return 0 end
        local meta = redis.call('HMGET', KEYS[2], 'e', 'w', 'g', 'c')
        if (meta[1] and meta[1] >= ARGV[2]) or (meta[4] and meta[4] >= ARGV[2]) then return 0 end
        local links = false
        if ARGV[3] == 'w' then
          if (meta[2] and meta[2] > ARGV[2]) or (meta[3] and meta[3] > ARGV[2]) then return 0 end
          links = redis.call('SMEMBERS', KEYS[3])
          table.insert(links, 1, redis.call('GET', KEYS[10]) or '')
          if meta[2] == ARGV[2] then return links end
          redis.call('DEL', KEYS[1], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9])
          redis.call('HSET', KEYS[2], 'w', ARGV[2])
          redis.call('HDEL', KEYS[2], 'g')
          redis.call('PEXPIRE', KEYS[2], ARGV[7])
        elseif ARGV[3] == 'g' then
          if meta[2] and meta[2] > ARGV[2] then return 0 end
          if not meta[3] or meta[3] < ARGV[2] then redis.call('HSET', KEYS[2], 'g', ARGV[2]) end
          redis.call('PEXPIRE', KEYS[2], ARGV[6])
          local to = redis.call('GET', KEYS[10])
          links = { to or '' }
          if not to then
            for _, alias in ipairs(redis.call('SMEMBERS', KEYS[3])) do table.insert(links, alias) end
          end
        elseif meta[2] and (ARGV[2] < meta[2] or not meta[3] or meta[3] < meta[2]) then
          return 0
        end
        if ARGV[10] == '1' then
          for _, stored in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
            if stored == ARGV[1] then return links or 0 end
          end
          redis.call('HSET', KEYS[4], ARGV[8], ARGV[9])
          redis.call('PEXPIRE', KEYS[4], ARGV[6])
        end
        local length = redis.call('RPUSH', KEYS[1], ARGV[1])
        local limit = tonumber(ARGV[4])
        if length == limit then
          redis.call('DEL', KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9])
        elseif length > limit then
          local bounds = { {{string.Join(", ", KeptLists.All.Select(KeptLists.Limit))}} }
          for _ = 1, length - limit do
            local oldest = redis.call('LPOP', KEYS[1])
            local kept = string.byte(oldest, 1) == {{PersonRecordCodec.KeptVersion}} and string.byte(oldest, 2) or 0
            if bounds[kept] and redis.call('RPUSH', KEYS[4 + kept], oldest) > bounds[kept] then
              redis.call('LTRIM', KEYS[4 + kept], -bounds[kept], -1)
            end
          end
          for i = 5, 4 + #bounds do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('PEXPIRE', KEYS[3], ARGV[5])
        if links then return links end
        return 1
        """;

    // Lua, after `to` (the key's own link) is read: returns 0 when it names none of the person's keys
    // (ARGV[first..]; '' for any), the key being another account's in Redis as far as this route
    // knows (another route, from the key the link names, may still reach it as this person's).
    private static string LeaveAnotherAccountsKey(int first) => $$"""
        if to then
          local owned = false
          for i = {{first}}, #ARGV do
            if ARGV[i] == '' or ARGV[i] == to then owned = true end
          end
          if not owned then return 0 end
        end
        """;

    // KEYS: records, meta, aliases, stitched, then the kept lists. ARGV: the withdrawal's ticks,
    // tombstone ms, withdrawal ms, then the person's keys. On a key linked to a person who withdrew consent: deletes its records and kept
    // lists, unless cleared (or erased) at or after this withdrawal already, and notes the withdrawal
    // (c) for at least TombstoneLife, so a change from before it, sent late, is not stored again.
    // Reached as the person a key was stitched to (ARGV[4] '': the withdrawal was made with that key
    // on a server that did not hold the link), the withdrawal is theirs: one older than a consent
    // they gave is refused whole (returns 0: nothing deleted, nothing followed), as their own records
    // refuse it (AppendScript). Every key reached notes the withdrawal (w, unless it was erased or
    // withdrew at or after it, or consent was given with it since), so no behaviour tracked by any
    // key of theirs is stored, by a server that does not hold the person either, until consent is
    // given again with any key of theirs: ConsentScript follows a key's link up to the chain's last
    // key, and LiftScript goes from there down to every key stitched to it. The note lives as long
    // as the records, but on a key still holding an erasure's tombstone (erased in the five minutes
    // before, then stitched to this person) only as long as that tombstone: it names the erased
    // person's key, which must not outlive its five minutes.
    // Returns the keys linked to this one either way, to be followed in turn: first the key it was
    // stitched to (or ''), then the keys stitched to it. A key whose link names none of the person's
    // keys (ARGV[4..]; '' for any) is another account's in Redis as far as this route knows: it is
    // left alone (the reply is 0).
    private static readonly string ClearScript = $$"""
        local to = redis.call('GET', KEYS[4])
        {{LeaveAnotherAccountsKey(4)}}
        local meta = redis.call('HMGET', KEYS[2], 'e', 'c', 'w', 'g')
        if ARGV[4] == '' and meta[4] and meta[4] > ARGV[1] then return 0 end
        if not (meta[1] and meta[1] >= ARGV[1]) and not (meta[2] and meta[2] >= ARGV[1]) then
          redis.call('DEL', KEYS[1], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9])
          redis.call('HSET', KEYS[2], 'c', ARGV[1])
          if not meta[1] and redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
        end
        if not (meta[1] and meta[1] >= ARGV[1]) and not (meta[3] and meta[3] >= ARGV[1]) and not (meta[4] and meta[4] > ARGV[1]) then
          redis.call('HSET', KEYS[2], 'w', ARGV[1])
          redis.call('HDEL', KEYS[2], 'g')
          if not meta[1] and redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
        end
        local links = redis.call('SMEMBERS', KEYS[3])
        table.insert(links, 1, to or '')
        return links
        """;

    // KEYS: aliases, meta, linked. ARGV: alias, ticks, retention ms, the stitch's journal position
    // (PersonRecordCodec.EncodeLink). Returns the erasure's ticks when the person was erased at or
    // after the stitch (refused); else links the alias and returns {'w', ticks} when the person
    // withdrew consent at or after the stitch (the withdrawal, run before the alias was linked, did
    // not reach its records), else 1. The position of the alias's first stitch is kept (HSETNX:
    // a repeated stitch is later in the journal, a resent one at the same place), so the snapshot shadow, replaying the
    // journal, stitches the alias no earlier than the live servers did.
    private const string StitchScript = """
        local meta = redis.call('HMGET', KEYS[2], 'e', 'w')
        if meta[1] and meta[1] >= ARGV[2] then return meta[1] end
        redis.call('SADD', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('HSETNX', KEYS[3], ARGV[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[3], ARGV[3])
        if meta[2] and meta[2] >= ARGV[2] then return {'w', meta[2]} end
        return 1
        """;

    // KEYS: the alias's stitched, the alias's meta. ARGV: the person, retention ms, the stitch's ticks.
    // The first stitch of an alias wins: one to another person, while the first one's link lives,
    // is refused (returns that person), so one account is never linked to another through a device,
    // whatever a server that did not hold the device's person answered. The same person again (a
    // resent batch) is taken, unless the alias was erased at or after the stitch (returns 0): a
    // resent batch that also erased the person must not claim the alias for them again.
    private const string ClaimScript = """
        local erased = redis.call('HGET', KEYS[2], 'e')
        if erased and erased >= ARGV[3] then return 0 end
        local to = redis.call('GET', KEYS[1])
        if to and to ~= ARGV[1] then return to end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;

    // KEYS: meta, stitched, aliases. ARGV: the consent's ticks, tombstone ms. On the person a key was
    // stitched to, when consent was given with that key (on a server that may not have held the link):
    // notes it as the person's consent (g), as their own consent is noted (AppendScript), so a
    // withdrawal made with the key, noted on them (ClearScript), is lifted by the consent given with
    // it again. Passed over when they were erased at or after it, or withdrew later (returns 0).
    // Returns the person's own link, to be followed in turn (a chain's consent reaches its last key);
    // at the last key, {'', the keys stitched to it}, whose own withdrawals it lifts (LiftScript).
    private const string ConsentScript = """
        local meta = redis.call('HMGET', KEYS[1], 'e', 'w', 'g')
        if (meta[1] and meta[1] >= ARGV[1]) or (meta[2] and meta[2] > ARGV[1]) then return 0 end
        if not meta[3] or meta[3] < ARGV[1] then redis.call('HSET', KEYS[1], 'g', ARGV[1]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        local to = redis.call('GET', KEYS[2])
        if to then return to end
        local links = redis.call('SMEMBERS', KEYS[3])
        table.insert(links, 1, '')
        return links
        """;

    // KEYS: meta, aliases, stitched. ARGV: the consent's ticks, tombstone ms, then the key it was
    // reached from (the person, or a key along their chain). On a key stitched to a person, when the
    // person gave consent: notes it (g) as their own consent is noted (AppendScript), so a withdrawal
    // the key noted before it (w: made with the key on a server that did not hold its link, or by
    // the clear of the person's withdrawal) is lifted, and one older than it that lands later (a
    // late write, or a late clear) is refused, as on the person: behaviour tracked by the key after
    // the consent is stored again, from any server. Passed over, with the keys below it, when the
    // key was erased at or after the consent or withdrew at or after it (at one tick the withdrawal
    // wins, as on the person's key a clear of that tick wins), or when its own link names another key
    // than the one it was reached from (a shared device Redis links to another account, whose
    // withdrawal is not this person's to lift) (returns 0). The tombstone it notes
    // lives five minutes, as the person's, but on a key holding an erasure's tombstone no longer than
    // that tombstone. Returns {'', the keys stitched to it}, to be followed in turn.
    private static readonly string LiftScript = $$"""
        local to = redis.call('GET', KEYS[3])
        {{LeaveAnotherAccountsKey(3)}}
        local meta = redis.call('HMGET', KEYS[1], 'e', 'w', 'g')
        if (meta[1] and meta[1] >= ARGV[1]) or (meta[2] and meta[2] >= ARGV[1]) then return 0 end
        if not meta[3] or meta[3] < ARGV[1] then redis.call('HSET', KEYS[1], 'g', ARGV[1]) end
        if not meta[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        local links = redis.call('SMEMBERS', KEYS[2])
        table.insert(links, 1, '')
        return links
        """;

    // KEYS: records, aliases, meta, erased, stitched, resent, linked, then the kept lists. ARGV: ticks, tombstone ms. Deletes the person's
    // records, kept lists, links (and their stitches' positions) and resent positions and returns every key linked to them either way (stitched to them, or the
    // one they were stitched to), to be erased in turn. The list is kept with the tombstone, so a
    // resent copy of the erasure (its reply lost) returns it again, and deletes nothing recorded
    // after the erasure, as an older erasure does not.
    // ARGV[3..]: the keys of the person the key was erased as one of ('' for none: the key itself, or
    // a person reached through a stitched key's link): the key's own link is followed only to them, so an
    // erasure never goes on, through a shared device, to another account Redis links it to. The
    // link followed (or '') comes first in the reply, kept in the tombstone (s) for a resent copy.
    // A key whose link names none of them is another account's in Redis (a shared device that two
    // servers signed in to two accounts): nothing of it is touched (its records, its keys, its link,
    // no tombstone; the reply is 0), so an erasure by the key later still reaches its person.
    private static readonly string EraseScript = $$"""
        local to = redis.call('GET', KEYS[5])
        {{LeaveAnotherAccountsKey(3)}}
        local erased = redis.call('HGET', KEYS[3], 'e')
        if not erased or erased < ARGV[1] then
          redis.call('SUNIONSTORE', KEYS[4], KEYS[4], KEYS[2])
          if to then redis.call('HSET', KEYS[3], 's', to) else redis.call('HDEL', KEYS[3], 's') end
          redis.call('DEL', KEYS[1], KEYS[2], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12])
          redis.call('HSET', KEYS[3], 'e', ARGV[1])
          redis.call('HDEL', KEYS[3], 'w', 'g')
          redis.call('PEXPIRE', KEYS[3], ARGV[2])
          redis.call('PEXPIRE', KEYS[4], ARGV[2])
        end
        local links = redis.call('SMEMBERS', KEYS[4])
        table.insert(links, 1, redis.call('HGET', KEYS[3], 's') or '')
        return links
        """;

    // Bounded: which (key, erasure, withdrawal or consent, by the follow-up it queues, as whose key)
    // this server already followed, so a chain of links ends. By the key it was reached from as well:
    // a key one route leaves alone as another account's (its own link names another key) may be this
    // person's by the route through the key its link names, whichever answers first; a key followed
    // as no one's (the person's own, or a link followed up) covers every route to it. Each is forgotten TombstoneLife after it was followed, as long as Redis keeps the links
    // an erasure reached for a resent copy of it, so no erased key stays here longer.
    private const int MaxFollowed = 10_000;

    // How many links a recall follows from a stitched key to its person's tombstone.
    private const int MaxChainHops = 8;

    private readonly ExpiringKeys<(string Key, long Ticks, PersonWriteKind FollowUp, string? Owner)> _followed = new(time ?? TimeProvider.System, MaxFollowed);
    private readonly RedisValue _retention = (long)retention.TotalMilliseconds;
    private readonly RedisValue _tombstone = (long)TombstoneLife.TotalMilliseconds;

    // A withdrawal's tombstone lives as long as the records it leaves, and at least as long as any other.
    private readonly RedisValue _withdrawal = (long)Math.Max(retention.TotalMilliseconds, TombstoneLife.TotalMilliseconds);

    /// <summary>
    /// Called with each key Redis had linked to an erased person, the erasure's time, and, for a key
    /// stitched to that person, their key (the key is erased as one of theirs: its own link is
    /// followed only to them), null for the person the erased key was stitched to, so that it is
    /// erased too; false when it could not be queued. Set once, by the journal. Called before the
    /// erasure's acknowledgement completes, so the flush that sent the erasure (a stop's too) sends these after it.
    /// </summary>
    public Func<string, long, string?, bool>? StitchedKeyErased { get; set; }

    /// <summary>
    /// Called with each key Redis had linked to a person who withdrew consent, the withdrawal's
    /// time, the key of the person who withdrew, and, as for <see cref="StitchedKeyErased"/>, the key
    /// it was reached from as one of theirs (null when reached as the person a key was stitched to),
    /// so that its records are cleared too; false when it could not be queued. Set once, by the
    /// journal, and called as <see cref="StitchedKeyErased"/> is.
    /// </summary>
    public Func<string, long, string, string?, bool>? LinkedKeyWithdrawn { get; set; }

    /// <summary>
    /// Called with a key Redis links to one a consent was given with, the consent's time and the
    /// follow-up to queue: <see cref="PersonWriteKind.LinkedConsent"/> for the person the key is
    /// linked to (so that it is noted as theirs), <see cref="PersonWriteKind.StitchedConsent"/> for a
    /// key stitched to the person (so that its own withdrawal is lifted, while its own link names the
    /// key it was reached from, the last argument); false when it could not be queued. Set once, by the journal, and called as <see cref="StitchedKeyErased"/> is.
    /// </summary>
    public Func<string, long, PersonWriteKind, string?, bool>? LinkedKeyConsented { get; set; }

    /// <summary>
    /// Called with an alias and the person Redis holds it stitched to, when this server's stitch of
    /// the alias to another person was refused (the first stitch wins). Set once, by the journal.
    /// </summary>
    public Action<string, string>? StitchOverruled { get; set; }

    /// <summary>Called with each key whose erasure Redis stored, and the erasure's time. Set once, by the journal.</summary>
    public Action<string, long>? ErasureStored { get; set; }

    /// <summary><c>{prefix}:p:{key}:records</c>: the person's last changes, oldest first (<see cref="PersonRecordCodec"/>).</summary>
    public RedisKey Records(string key) => keys.Person(key, "records");

    /// <summary>
    /// <c>{prefix}:p:{key}:kept:{name}</c>: the person's changes of one kind that a profile keeps
    /// longer than the records do (<see cref="KeptLists"/>) and that left the records, oldest first.
    /// </summary>
    public RedisKey Kept(string key, KeptList list) => keys.Person(key, KeptLists.Name(list));

    /// <summary><c>{prefix}:p:{key}:aliases</c>: the keys stitched to the person.</summary>
    public RedisKey Aliases(string key) => keys.Person(key, "aliases");

    /// <summary>
    /// <c>{prefix}:p:{key}:linked</c>: per key stitched to the person, the journal position of its
    /// first stitch (<see cref="PersonRecordCodec.EncodeLink"/>), so the snapshot shadow applies
    /// only the links its replay has passed. Lives the retention after the person's last stitch.
    /// </summary>
    public RedisKey Linked(string key) => keys.Person(key, "linked");

    /// <summary>
    /// <c>{prefix}:p:{key}:meta</c>: the person's tombstone (when last erased, when consent was last
    /// withdrawn and given), kept <see cref="TombstoneLife"/> after the last of them, but after a
    /// withdrawal of consent as long as the records (the retention), until consent is given again.
    /// </summary>
    public RedisKey Meta(string key) => keys.Person(key, "meta");

    /// <summary>
    /// <c>{prefix}:p:{key}:resent</c>: for <see cref="TombstoneLife"/> after a resent change was
    /// stored, per server (its id), the batch and place of the last one, so a first copy Redis runs
    /// later is not stored twice.
    /// </summary>
    public RedisKey Resent(string key) => keys.Person(key, "resent");

    /// <summary><c>{prefix}:p:{key}:stitched</c>: the key this key was stitched to, so erasing it by this key reaches the person.</summary>
    public RedisKey StitchedTo(string key) => keys.Person(key, "stitched");

    /// <summary><c>{prefix}:p:{key}:erased</c>: for as long as the tombstone, the keys an erasure of this key reached, for a resent copy.</summary>
    public RedisKey ErasedLinks(string key) => keys.Person(key, "erased");

    /// <summary>Reads what Redis holds of each key (records, kept lists, stitched keys and their stitches' positions, link) in one pipelined round trip.</summary>
    /// <exception cref="RedisException">Redis failed or was too slow.</exception>
    public async Task<PersonHistory[]> FetchAsync(IDatabase database, IReadOnlyList<string> people)
    {
        var lists = new Task<RedisValue[]>[people.Count];
        var aliases = new Task<RedisValue[]>[people.Count];
        var stitched = new Task<RedisValue>[people.Count];
        var linked = new Task<HashEntry[]>[people.Count];
        var kept = new Task<RedisValue[]>[people.Count * KeptLists.All.Length];
        var batch = database.CreateBatch();
        for (var i = 0; i < people.Count; i++)
        {
            lists[i] = batch.ListRangeAsync(Records(people[i]));
            for (var k = 0; k < KeptLists.All.Length; k++)
            {
                kept[(i * KeptLists.All.Length) + k] = batch.ListRangeAsync(Kept(people[i], KeptLists.All[k]));
            }

            aliases[i] = batch.SetMembersAsync(Aliases(people[i]));
            stitched[i] = batch.StringGetAsync(StitchedTo(people[i]));
            linked[i] = batch.HashGetAllAsync(Linked(people[i]));
        }

        batch.Execute();

        // One wait for all: a failure of the first kind must not leave the others' failures unobserved.
        await Task.WhenAll(lists.Concat<Task>(aliases).Concat(stitched).Concat(linked).Concat(kept)).ConfigureAwait(false);
        var histories = new PersonHistory[people.Count];
        for (var i = 0; i < people.Count; i++)
        {
            histories[i] = new PersonHistory(
                lists[i].Result,
                [.. kept.Skip(i * KeptLists.All.Length).Take(KeptLists.All.Length).SelectMany(static list => list.Result)],
                [.. aliases[i].Result.Select(static alias => alias.ToString())],
                stitched[i].Result.HasValue ? stitched[i].Result.ToString() : null,
                Links(linked[i].Result));
        }

        await ReadWithdrawalsAsync(database, people, histories).ConfigureAwait(false);
        return histories;
    }

    /// <summary>
    /// For each key stitched to a person, when that person last withdrew and gave consent, as the
    /// tombstone of the chain's last key holds it (a withdrawal or consent made with a key of theirs
    /// is noted there): one more pipelined round trip, only for such keys, and one per further link
    /// of a chain (an account merged into another). The withdrawal clears their records once its
    /// server follows the link; should that not have happened yet (or been lost with the server), a
    /// recall still passes over what they hold from before it. A withdrawal the key made itself is
    /// passed over once the person gave consent since.
    /// </summary>
    private async Task ReadWithdrawalsAsync(IDatabase database, IReadOnlyList<string> people, PersonHistory[] histories)
    {
        var reached = new string?[histories.Length];
        var hops = new int[histories.Length];
        for (var i = 0; i < histories.Length; i++)
        {
            if (histories[i].StitchedTo is { } person && !string.Equals(person, people[i], StringComparison.Ordinal))
            {
                reached[i] = person;
            }
        }

        while (Array.Exists(reached, static key => key is not null))
        {
            var batch = database.CreateBatch();
            var tombstones = new Task<RedisValue[]>?[histories.Length];
            var links = new Task<RedisValue>?[histories.Length];
            for (var i = 0; i < histories.Length; i++)
            {
                if (reached[i] is { } key)
                {
                    tombstones[i] = batch.HashGetAsync(Meta(key), ["w", "g"]);
                    links[i] = batch.StringGetAsync(StitchedTo(key));
                }
            }

            batch.Execute();
            await Task.WhenAll(tombstones.OfType<Task>().Concat(links.OfType<Task>())).ConfigureAwait(false);
            for (var i = 0; i < histories.Length; i++)
            {
                if (reached[i] is not { } key)
                {
                    continue;
                }

                // On along the chain, a bounded number of links (a cycle, which no stitch makes, ends too).
                var next = links[i]!.Result;
                if (next.HasValue && (string?)next is { Length: > 0 } further && further != key && further != people[i] && ++hops[i] < MaxChainHops)
                {
                    reached[i] = further;
                    continue;
                }

                if (tombstones[i]!.Result is [var withdrew, var consented])
                {
                    histories[i] = histories[i] with { PersonWithdrewAt = TicksOf(withdrew), PersonConsentedAt = TicksOf(consented) };
                }

                reached[i] = null;
            }
        }
    }

    private static long? TicksOf(RedisValue value) =>
        value.HasValue && long.TryParse((string?)value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    // The stitches' positions by alias; one that cannot be read is left out (its alias then counts as stitched long ago).
    private static Dictionary<string, StitchPosition> Links(HashEntry[] entries)
    {
        var links = new Dictionary<string, StitchPosition>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (PersonRecordCodec.TryDecodeLink((ReadOnlyMemory<byte>)entry.Value, out var position))
            {
                links[entry.Name.ToString()] = position;
            }
        }

        return links;
    }

    /// <summary>
    /// Queues on <paramref name="batch"/> what <paramref name="record"/> writes to its person's keys,
    /// named (<paramref name="origin"/>, <paramref name="sequence"/>, <paramref name="index"/>) like
    /// its journal entry. When <paramref name="resent"/> (the batch was sent before, and Redis did not
    /// acknowledge it), a change Redis stored already is not stored again.
    /// </summary>
    public void Append(IBatch batch, Guid origin, long sequence, int index, bool resent, in JournalRecord record, List<Task> acknowledgements)
    {
        var person = record.Person;
        var key = person.Key!;
        var ticks = Ticks(person.Ticks);
        switch (person.Kind)
        {
            case PersonWriteKind.Event or PersonWriteKind.ConsentGiven or PersonWriteKind.ConsentWithdrawn when record.Payload is { } payload:
                var kind = person.Kind switch { PersonWriteKind.ConsentGiven => "g", PersonWriteKind.ConsentWithdrawn => "w", _ => "e" };
                var appended = batch.ScriptEvaluateAsync(
                    AppendScript,
                    [Records(key), Meta(key), Aliases(key), Resent(key), .. KeptKeys(key), StitchedTo(key)],
                    [PersonRecordCodec.Encode(sequence, index, person.Number, payload, person.Kept), ticks, kind, Limit, _retention, _tombstone, _withdrawal, origin.ToByteArray(), Position(sequence, index), resent ? 1 : 0]);
                if (person.Kind == PersonWriteKind.ConsentWithdrawn)
                {
                    // Followed already: the links lead back to it. Acknowledged once the linked keys' clears are queued behind it.
                    _followed.TryAdd((key, person.Ticks, PersonWriteKind.LinkedWithdrawal, null), TombstoneLife);
                    acknowledgements.Add(FollowLinksAsync(appended, key, person.Ticks, withdrawal: true, withdrew: key));
                }
                else if (person.Kind == PersonWriteKind.ConsentGiven)
                {
                    // Acknowledged once the consent on the person the key is linked to is queued behind it.
                    acknowledgements.Add(FollowConsentAsync(appended, key, person.Ticks));
                }
                else
                {
                    acknowledgements.Add(appended);
                }

                break;
            case PersonWriteKind.LinkedWithdrawal:
                acknowledgements.Add(FollowLinksAsync(
                    batch.ScriptEvaluateAsync(ClearScript, [Records(key), Meta(key), Aliases(key), StitchedTo(key), .. KeptKeys(key)], [ticks, _tombstone, _withdrawal, .. Owners(person)]),
                    key,
                    person.Ticks,
                    withdrawal: true,
                    withdrew: person.Alias ?? key,
                    asOneOf: person.Owners is { Count: > 0 }));
                break;
            case PersonWriteKind.LinkedConsent:
                acknowledgements.Add(FollowConsentAsync(batch.ScriptEvaluateAsync(ConsentScript, [Meta(key), StitchedTo(key), Aliases(key)], [ticks, _tombstone]), key, person.Ticks));
                break;
            case PersonWriteKind.StitchedConsent:
                acknowledgements.Add(FollowConsentAsync(batch.ScriptEvaluateAsync(LiftScript, [Meta(key), Aliases(key), StitchedTo(key)], [ticks, _tombstone, .. Owners(person)]), key, person.Ticks));
                break;
            case PersonWriteKind.Stitch:
                // The alias is claimed on its own slot first; the person takes it only once the claim
                // holds (one more round trip, part of the acknowledgement: a stop flushing the stitch
                // waits for it, and a fault resends the batch, whose claim then finds itself).
                var claim = batch.ScriptEvaluateAsync(ClaimScript, [StitchedTo(person.Alias!), Meta(person.Alias!)], [key, _retention, ticks]);
                acknowledgements.Add(StitchIfClaimedAsync(batch, claim, key, person.Alias!, ticks, PersonRecordCodec.EncodeLink(new StitchPosition(origin, sequence, index))));
                break;
            case PersonWriteKind.Erase:
                // Followed already, as the keys it is erased as one of (or as no one's): the links lead back to it.
                IEnumerable<string?> erasedAs = person.Owners is { Count: > 0 } owners ? (IEnumerable<string?>)owners : new string?[] { null };
                foreach (var owner in erasedAs)
                {
                    _followed.TryAdd((key, person.Ticks, PersonWriteKind.Erase, owner), TombstoneLife);
                }

                var erased = batch.ScriptEvaluateAsync(EraseScript, [Records(key), Aliases(key), Meta(key), ErasedLinks(key), StitchedTo(key), Resent(key), Linked(key), .. KeptKeys(key)], [ticks, _tombstone, .. Owners(person)]);

                // Acknowledged once the linked keys' erasures are queued behind it: a flush (a
                // graceful stop's included) that sends this erasure goes on to send theirs.
                acknowledgements.Add(FollowLinksAsync(erased, key, person.Ticks, withdrawal: false, asOneOf: person.Owners is { Count: > 0 }));
                break;
        }
    }

    /// <summary>
    /// Once an erasure (or a withdrawal of consent, or the clear of a key linked to one) is
    /// acknowledged, erases (clears) the keys Redis had linked to the person (the server may no
    /// longer hold them all), and completes once they are queued: this is the write's
    /// acknowledgement. Faults as the write did when Redis did not acknowledge it: the batch is
    /// resent whole, and this runs again for the resent copy. A key written as one of a person's keys
    /// (<paramref name="asOneOf"/>: its script took it only when its own link names one of them) does
    /// not have that link followed up, as no one's: the key it names is reached by its own write (the
    /// one this route came from, or journaled with the person's other keys), which leaves it alone
    /// when it is another account's.
    /// </summary>
    private async Task FollowLinksAsync(Task<RedisResult> written, string key, long ticks, bool withdrawal, string? withdrew = null, bool asOneOf = false)
    {
        var result = await written.ConfigureAwait(false);
        if (!withdrawal)
        {
            ErasureStored?.Invoke(key, ticks);
        }

        if (result.Resp2Type != ResultType.Array)
        {
            // A change other than a withdrawal, a withdrawal refused, or a key left alone as another
            // account's (by this route: the route through the key its link names is its own): nothing to follow.
            return;
        }

        var unqueued = 0;
        var links = (RedisValue[]?)result ?? [];
        for (var i = 0; i < links.Length; i++)
        {
            // Links go both ways, and every key of the chain returns the others: each is followed once a route.
            // A reply starts with the person the key was stitched to (or ''), erased (cleared) as they
            // are; the rest are the keys stitched to this one, erased (cleared) as this person's keys.
            var linked = links[i].ToString();
            var owner = i == 0 ? null : key;
            if (linked.Length == 0 || (i == 0 && asOneOf))
            {
                continue;
            }

            if (withdrawal && linked == withdrew)
            {
                // The person's own records: the withdrawal replaced them, and whatever follows it
                // (a renewed consent and its behaviour) is theirs to keep, however late this clear.
                continue;
            }

            if (!Follow(linked, ticks, withdrawal ? withdrew : null, owner))
            {
                unqueued++;
            }
        }

        if (unqueued > 0)
        {
            // Not acknowledged: the stop gives the batch up and counts it, as any batch unacknowledged at its bound.
            throw new InvalidOperationException($"{unqueued} writes to keys Redis linked to a person could not be queued; the write they follow from is sent again.");
        }
    }

    /// <summary>
    /// Once a consent given with <paramref name="key"/> (or noted on it, as the person a key was
    /// stitched to, or lifting a key's own withdrawal) is acknowledged, notes it on the person Redis
    /// links the key to and, from the person, lifts the withdrawals noted by the keys stitched to
    /// them; completes once those are queued: this is the write's acknowledgement, faulting as
    /// <see cref="FollowLinksAsync"/> does.
    /// </summary>
    private async Task FollowConsentAsync(Task<RedisResult> written, string key, long ticks)
    {
        var result = await written.ConfigureAwait(false);
        RedisValue[] links = result.Resp2Type switch
        {
            ResultType.Array => (RedisValue[]?)result ?? [],
            ResultType.BulkString => [(RedisValue)result],
            _ => [],
        };

        var unqueued = 0;
        for (var i = 0; i < links.Length; i++)
        {
            // First the person the key is linked to (or ''), then the keys stitched to it (a person's).
            var linked = links[i].ToString();
            var (kind, owner) = i == 0 ? (PersonWriteKind.LinkedConsent, (string?)null) : (PersonWriteKind.StitchedConsent, key);

            // A key linked to itself (or to none) has no one else to note it on; each is followed once
            // by each route (a key stitched to this one is lifted only while its own link names this one).
            if (string.IsNullOrEmpty(linked) || linked == key || !_followed.TryAdd((linked, ticks, kind, owner), TombstoneLife))
            {
                continue;
            }

            if (LinkedKeyConsented?.Invoke(linked, ticks, kind, owner) == false)
            {
                _followed.Remove((linked, ticks, kind, owner));
                unqueued++;
            }
        }

        if (unqueued > 0)
        {
            throw new InvalidOperationException($"{unqueued} consents on keys Redis linked to a person could not be queued; the consent is sent again.");
        }
    }

    /// <summary>
    /// Once the alias's claim is answered: when another person holds it, tells this server (which
    /// links the alias to them instead, <see cref="StitchOverruled"/>); else adds the alias to the
    /// person's keys, and erases it when the person was erased at or after the stitch.
    /// </summary>
    private async Task StitchIfClaimedAsync(IBatch batch, Task<RedisResult> claim, string key, string alias, RedisValue ticks, RedisValue position)
    {
        var claimed = await claim.ConfigureAwait(false);
        if (claimed.Resp2Type == ResultType.BulkString && (string?)claimed is { } holder)
        {
            StitchOverruled?.Invoke(alias, holder);
            return;
        }

        if (claimed.Resp2Type == ResultType.Integer && (long)claimed == 0)
        {
            // The alias was erased at or after the stitch (a resent batch that erased it too).
            return;
        }

        var stitch = batch.Multiplexer.GetDatabase(batch.Database).ScriptEvaluateAsync(
            StitchScript,
            [Aliases(key), Meta(key), Linked(key)],
            [alias, ticks, _retention, position]);
        await FollowStitchOutcomeAsync(stitch, alias, key).ConfigureAwait(false);
    }

    /// <summary>
    /// Once a stitch is acknowledged as refused (its person was erased at or after it, on another
    /// server, before this one sent it), erases the alias as that erasure would have had it known
    /// the link: the alias was the person's, and its link to them was claimed before the script.
    /// When the person withdrew consent at or after the stitch (a withdrawal sent in the same batch
    /// ran before the alias was linked), clears the alias's records as that withdrawal would have.
    /// This is the stitch's acknowledgement: it faults as the stitch did when Redis did not
    /// acknowledge it (the batch is resent whole, and this runs again for the resent copy).
    /// </summary>
    private async Task FollowStitchOutcomeAsync(Task<RedisResult> stitch, string alias, string person)
    {
        var result = await stitch.ConfigureAwait(false);
        var queued = true;
        if (result.Resp2Type == ResultType.Array
            && (RedisValue[]?)result is [var marker, var withdrawn] && marker == "w"
            && long.TryParse((string?)withdrawn, NumberStyles.None, CultureInfo.InvariantCulture, out var withdrawnTicks))
        {
            // The person withdrew consent at or after the stitch, before the alias was linked: its records are cleared as the withdrawal's.
            queued = Follow(alias, withdrawnTicks, withdrew: person, owner: person);
        }

        if (result.Resp2Type == ResultType.BulkString
            && long.TryParse((string?)result, NumberStyles.None, CultureInfo.InvariantCulture, out var erasedTicks))
        {
            queued = Follow(alias, erasedTicks, withdrew: null, owner: person);
        }

        if (!queued)
        {
            // Not acknowledged, as FollowLinksAsync: the stitch is sent again, and its outcome followed again.
            throw new InvalidOperationException("The clear or erasure of a stitched key could not be queued; the stitch is sent again.");
        }
    }

    /// <summary>
    /// Follows a link once per erasure or withdrawal: queues the linked key's erasure (or, with
    /// <paramref name="withdrew"/>, its clear), as one of <paramref name="owner"/>'s keys. False when it
    /// could not be queued (the stop is over: a follow-up is otherwise always taken, and the buffer logs
    /// it as an error); it is then not taken as followed, so a resent copy of the write tries again.
    /// </summary>
    private bool Follow(string linked, long ticks, string? withdrew, string? owner)
    {
        var followUp = withdrew is null ? PersonWriteKind.Erase : PersonWriteKind.LinkedWithdrawal;

        // Followed as no one's key (the person's own, or a link followed up) covers this route too.
        if ((owner is not null && _followed.Contains((linked, ticks, followUp, null)))
            || !_followed.TryAdd((linked, ticks, followUp, owner), TombstoneLife)
            || (withdrew is null ? StitchedKeyErased?.Invoke(linked, ticks, owner) : LinkedKeyWithdrawn?.Invoke(linked, ticks, withdrew, owner)) != false)
        {
            return true;
        }

        _followed.Remove((linked, ticks, followUp, owner));
        return false;
    }

    /// <summary>The keys this server followed from an erasure or a withdrawal and still remembers (for tests).</summary>
    internal IEnumerable<string> FollowedKeys => _followed.Keys.Select(static followed => followed.Key);

    public void Dispose() => _followed.Dispose();

    /// <summary>A script's owner arguments: the keys of the person a key is erased or cleared as one of, or '' for any.</summary>
    private static RedisValue[] Owners(in PersonWrite person) => person.Owners is { Count: > 0 } owners ? [.. owners.Select(static owner => (RedisValue)owner)] : [string.Empty];

    private RedisKey[] KeptKeys(string key) => [.. KeptLists.All.Select(list => Kept(key, list))];

    private static RedisValue Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    // 29 digits, so positions compare as strings as they do as (sequence, index) pairs.
    private static RedisValue Position(long sequence, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{sequence:D19}{index:D10}");
}
