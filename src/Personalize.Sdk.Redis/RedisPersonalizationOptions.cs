using System.ComponentModel.DataAnnotations;

namespace Personalize.Sdk.Redis;

/// <summary>
/// How Personalize.Sdk reaches Redis and how it writes to it. Checked when the host starts; every
/// problem is reported with the option's name.
/// </summary>
public sealed class RedisPersonalizationOptions
{
    /// <summary>The longest any single wait may be.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A StackExchange.Redis configuration string, such as <c>"localhost:6379"</c> or
    /// <c>"redis-1:6379,redis-2:6379,password=...,ssl=true"</c>. When null, the
    /// <c>IConnectionMultiplexer</c> registered in the service collection is used, and is not disposed by the SDK.
    /// </summary>
    /// <value>The default is null.</value>
    public string? Configuration { get; set; }

    /// <summary>
    /// The first part of every key the SDK writes, so that several applications can share one Redis.
    /// ASCII letters and digits and <c>. _ -</c> only, 1 to 64 characters: braces would break the
    /// Redis Cluster hash tags that keep one person's keys in one slot, and <c>:</c> separates the
    /// parts of a key.
    /// </summary>
    /// <value>The default is <c>"personalize"</c>; from 1 to 64 characters.</value>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string KeyPrefix { get; set; } = "personalize";

    /// <summary>
    /// The longest a write waits in memory for others to join its batch: a flush starts at most this
    /// long after a write arrives (a timer set by the first write that finds none set; after a failed
    /// batch, the retry's delay, the longer of this and 100 milliseconds, applies instead) and sends
    /// everything buffered, in batches of <see cref="WriteBatchSize"/>. A write can leave sooner:
    /// when a batch fills, when it arrives while a flush is sending (it joins that flush), or when
    /// the timer was set by an earlier write. At zero, the default, a write is sent as soon as the
    /// batch before it is acknowledged, so batches grow with the traffic and a change reaches Redis
    /// in about one round trip. A server that crashes loses at most the writes not yet acknowledged:
    /// those of its last interval and the batch in flight, plus those buffered while Redis was
    /// unreachable, and those held while Redis is up but the restore at start keeps failing (this
    /// server's journal waits for its restore).
    /// </summary>
    /// <value>The default is zero; from 0 to 1 minute.</value>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The most writes held in memory, per buffer, while Redis is slow or unreachable. Writes past it
    /// are dropped and counted in <c>personalize.redis.writes.dropped</c>; tracking never waits.
    /// Erasures and consent withdrawals may go max(64, a sixteenth of it) beyond it, so a full buffer
    /// does not lose them.
    /// </summary>
    /// <value>The default is 100,000; from 1 to 10,000,000.</value>
    [Range(1, 10_000_000)]
    public int MaxBufferedWrites { get; set; } = 100_000;

    /// <summary>The most writes sent in one pipelined batch; a full batch is sent without waiting for <see cref="FlushInterval"/>.</summary>
    /// <value>The default is 256; from 1 to 100,000, and at most <see cref="MaxBufferedWrites"/>.</value>
    [Range(1, 100_000)]
    public int WriteBatchSize { get; set; } = 256;

    /// <summary>
    /// How long a Redis operation may take before it counts as failed. No request waits on Redis
    /// (decisions and <c>Track</c> are served from memory): a batch of writes that fails stays
    /// buffered and is retried, a learner's exchange that fails is counted and the learner keeps the
    /// other servers' statistics it last read, and a journal read or a snapshot that fails is tried
    /// again later. Write batches and learning exchanges fail at this timeout exactly (the SDK times
    /// them itself). On the connection the SDK makes it is also the client's timeout for every other
    /// command, which StackExchange.Redis checks about once a second, so such a command fails between
    /// this timeout and about a second more (500 to 1,500 ms at the default); with your own
    /// <c>IConnectionMultiplexer</c>, the multiplexer's own timeouts bound the rest.
    /// </summary>
    /// <value>The default is 500 milliseconds; from 1 millisecond to 1 minute.</value>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a graceful stop may spend flushing buffered writes (waiting for Redis to come back if
    /// it must), counted from the stop's start: a batch already in flight counts against it, and the
    /// host's shutdown token cuts it shorter. Writes not acknowledged by then, a batch still in flight
    /// included, are dropped, counted in <c>personalize.redis.writes.dropped</c> (<c>reason=stopped</c>)
    /// and logged as an error with their number.
    /// </summary>
    /// <value>The default is 5 seconds; from 0 to 1 minute.</value>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most changes the shared journal keeps (approximately; Redis trims whole blocks). The
    /// journal is also trimmed behind the snapshots (see <see cref="SnapshotInterval"/>), and a
    /// snapshot is written early whenever a quarter of this many changes arrived since the last
    /// one, so this cap trims only what a snapshot holds, unless snapshots are off or failing; then a
    /// server that had not read what it trimmed logs a warning and counts it in
    /// <c>personalize.redis.journal.gaps</c> (at start and after a reconnection).
    /// </summary>
    /// <value>The default is 1,000,000 entries; from 1,000 to 100,000,000.</value>
    [Range(1_000, 100_000_000)]
    public int JournalMaxLength { get; set; } = 1_000_000;

    /// <summary>
    /// How often the shared state is folded into a snapshot in Redis. One server at a time writes it
    /// (a Redis lock), in the background, not from its live memory: the previous snapshot plus the
    /// journal's changes after it, and, for a person the snapshot's state had let go who is active
    /// again in those changes, the person's records. A server that starts merges the newest
    /// snapshot, then reads the journal after it, so a restart recovers every statistic and ledger
    /// entry, however old, and the profiles and identity links a server would hold: people past
    /// <see cref="PersonalizationOptions.MaxProfiles"/> (the least recently active) and people idle
    /// past <see cref="PersonalizationOptions.ProfileIdleExpiration"/> are left out, and come back
    /// only from their records, within <see cref="ProfileRetention"/>, when a server next needs
    /// them. After each snapshot the journal is trimmed up to the one before it (the entry at
    /// its position is kept), and the one before it expires five minutes later. A snapshot is written
    /// only when something was journaled since the last one. An erased person's changes leave Redis
    /// with later snapshots, not within a fixed time (see docs/scaling.md, "Erasure"). Zero: this
    /// server writes none (it still restores from those other servers write).
    /// </summary>
    /// <value>The default is 10 minutes; zero, or from 1 second to 1 day.</value>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often a server looks for other servers' changes when nobody told it of any. A server that
    /// appends to the journal announces it on a Redis pub/sub channel, and the others read at once;
    /// this interval is the fallback for an announcement lost (pub/sub delivers at most once) or a
    /// server where pub/sub is disabled.
    /// </summary>
    /// <value>The default is 100 milliseconds; from 1 millisecond to 1 minute.</value>
    public TimeSpan ReplicationPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long Redis keeps a person's records after their last change. Each person's last 256
    /// profile changes (events, consent, stitched keys), and beyond those the purchases, stated
    /// preferences, dismissals, complaints and consents a profile keeps longer, are kept in Redis, so that a server that does
    /// not hold the person in memory (evicted past <see cref="PersonalizationOptions.MaxProfiles"/> or
    /// idle, or never seen there since it started) fetches them back in one pipelined round trip when
    /// the person next shows up. A person idle for longer than this starts afresh on such a server.
    /// </summary>
    /// <value>The default is 30 days; from 1 minute to 3,650 days.</value>
    public TimeSpan ProfileRetention { get; set; } = TimeSpan.FromDays(30);
}
