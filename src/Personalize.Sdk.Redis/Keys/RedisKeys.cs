using System.Buffers;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Keys;

/// <summary>
/// Every key the SDK writes, in one place (see docs/scaling.md, "Key layout"). The part in braces
/// is the Redis Cluster hash tag: only it picks the slot, so all of one person's keys share a slot
/// (one pipelined round trip reads them, a script or MULTI can change them together), and so do all
/// keys of one statistic and of one holdout.
/// </summary>
/// <remarks>
/// Names taken from outside (user keys, item keys, holdouts) are escaped so that a brace in them can
/// neither end the hash tag early nor make it empty: <c>{</c>, <c>}</c> and <c>%</c> become
/// <c>%7B</c>, <c>%7D</c> and <c>%25</c>. Everything else is kept as is, so keys stay readable in
/// <c>redis-cli</c>.
/// </remarks>
internal sealed class RedisKeys
{
    /// <summary>Bumped when the layout or a value's format changes incompatibly; stored under <see cref="Schema"/>.</summary>
    public const int SchemaVersion = 1;

    private static readonly SearchValues<char> PrefixChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    private static readonly SearchValues<char> Escaped = SearchValues.Create("{}%");

    private readonly string _prefix;

    public RedisKeys(string prefix)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException("A key prefix holds only letters, digits, '.', '_' and '-'.", nameof(prefix));
        }

        _prefix = prefix;
    }

    public string Prefix => _prefix;

    /// <summary><c>{prefix}:schema</c>: the layout version, <see cref="SchemaVersion"/>.</summary>
    public RedisKey Schema => $"{_prefix}:schema";

    public static bool IsValidPrefix(string prefix) =>
        !string.IsNullOrEmpty(prefix) && !prefix.AsSpan().ContainsAnyExcept(PrefixChars);

    /// <summary>
    /// <c>{prefix}:journal</c>: the stream of every server's changes, which every server replays
    /// into its memory. One key, so one slot: on Redis Cluster it lives on one shard.
    /// </summary>
    public RedisKey Journal => $"{_prefix}:journal";

    /// <summary>
    /// <c>{prefix}:journal:appended</c>: the pub/sub channel on which a server announces that it
    /// appended to the journal, so that the others read at once instead of waiting for their next poll.
    /// </summary>
    public RedisChannel JournalAppended => RedisChannel.Literal($"{_prefix}:journal:appended");

    /// <summary>
    /// <c>{prefix}:snapshot</c>: the manifest of the newest snapshot of the shared state (a hash:
    /// its journal position, generation, chunk count, length, writers' positions, time, and where
    /// the journal was trimmed).
    /// </summary>
    public RedisKey SnapshotManifest => $"{_prefix}:snapshot";

    /// <summary><c>{prefix}:snapshot:lock</c>: held by the one server writing a snapshot.</summary>
    public RedisKey SnapshotLock => $"{_prefix}:snapshot:lock";

    /// <summary><c>{prefix}:snapshot:&lt;generation&gt;:&lt;index&gt;</c>: one chunk of a snapshot's state. Chunks spread over slots on Redis Cluster; none needs another.</summary>
    public RedisKey SnapshotChunk(string generation, int index)
    {
        ArgumentException.ThrowIfNullOrEmpty(generation);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return $"{_prefix}:snapshot:{generation}:{index}";
    }

    /// <summary><c>{prefix}:p:{userKey}:profile</c>: the person's profile, in the versioned binary profile format.</summary>
    public RedisKey Profile(string userKey) => Person(userKey, "profile");

    /// <summary>
    /// <c>{prefix}:p:{userKey}:{part}</c>: any other record of the person (holdout arms, a forget
    /// tombstone, pending deltas), always in the person's slot.
    /// </summary>
    public RedisKey Person(string userKey, string part)
    {
        ArgumentException.ThrowIfNullOrEmpty(userKey);
        ArgumentException.ThrowIfNullOrEmpty(part);
        return $"{_prefix}:p:{{{Escape(userKey)}}}:{part}";
    }

    /// <summary>
    /// <c>{prefix}:id:{alias}</c>: the profile key an alias (an anonymous visitor) was stitched to.
    /// Tagged by the alias, not the person: an alias is looked up before its person is known.
    /// </summary>
    public RedisKey Alias(string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return $"{_prefix}:id:{{{Escape(alias)}}}";
    }

    /// <summary><c>{prefix}:s:{statistic}</c>: an aggregate statistic (such as popularity), one hash field per item.</summary>
    public RedisKey Statistic(string statistic)
    {
        ArgumentException.ThrowIfNullOrEmpty(statistic);
        return $"{_prefix}:s:{{{Escape(statistic)}}}";
    }

    /// <summary><c>{prefix}:s:{statistic}:itemKey</c>: a per-item part of a statistic (such as an item's next-step neighbours), in the statistic's slot.</summary>
    public RedisKey StatisticOf(string statistic, string itemKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemKey);
        return $"{Statistic(statistic)}:{Escape(itemKey)}";
    }

    /// <summary><c>{prefix}:m:{holdout}:part</c>: a holdout's measurement (units with their arm and first exposure, arm totals), in one slot per holdout.</summary>
    public RedisKey Holdout(string holdout, string part)
    {
        ArgumentException.ThrowIfNullOrEmpty(holdout);
        ArgumentException.ThrowIfNullOrEmpty(part);
        return $"{_prefix}:m:{{{Escape(holdout)}}}:{part}";
    }

    /// <summary>
    /// <c>{prefix}:l:{placement}:features</c>: the learners' statistics of a placement for one feature
    /// set (<paramref name="features"/> names it, such as a hash of the feature names), one hash field per server.
    /// </summary>
    public RedisKey Learning(string placement, string features)
    {
        ArgumentException.ThrowIfNullOrEmpty(placement);
        ArgumentException.ThrowIfNullOrEmpty(features);
        return $"{_prefix}:l:{{{Escape(placement)}}}:{features}";
    }

    /// <summary>Escapes <c>{</c>, <c>}</c> and <c>%</c>; returns <paramref name="name"/> itself when it holds none.</summary>
    public static string Escape(string name)
    {
        if (!name.AsSpan().ContainsAny(Escaped))
        {
            return name;
        }

        return string.Create(name.Length + (2 * CountEscaped(name)), name, static (destination, source) =>
        {
            var written = 0;
            foreach (var c in source)
            {
                var code = c switch { '{' => "%7B", '}' => "%7D", '%' => "%25", _ => null };
                if (code is null)
                {
                    destination[written++] = c;
                }
                else
                {
                    code.AsSpan().CopyTo(destination[written..]);
                    written += code.Length;
                }
            }
        });
    }

    private static int CountEscaped(string name)
    {
        var count = 0;
        foreach (var c in name)
        {
            if (c is '{' or '}' or '%')
            {
                count++;
            }
        }

        return count;
    }
}
