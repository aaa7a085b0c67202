using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Threading;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Learning;

/// <summary>
/// Shares the learners' sufficient statistics through Redis, so N servers learn one policy: one
/// hash per placement and feature set, one field per server (its origin id) holding that server's
/// cumulative statistics as little-endian doubles. An exchange writes this server's field and reads
/// the hash back in one pipelined round trip, and sums every field, its own included, in the order
/// of their names (see docs/scaling.md, "Learning across servers").
/// </summary>
/// <remarks>
/// A field is never deleted: a restarted server has a new origin id, and the field of its previous
/// run keeps counting, because those were real observations. The whole key expires after
/// <see cref="Retention"/> without any exchange, so the model of a placement that stopped learning,
/// or of a feature set no server uses any more, does not stay in Redis for ever.
/// </remarks>
internal sealed class RedisLearningExchange : ILearningExchange
{
    /// <summary>How long a placement's shared statistics outlive the last server that exchanged them.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly RedisValue _field;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly RedisMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LogThrottle _failureLog = new(LogInterval);
    private readonly LogThrottle _unusableLog = new(LogInterval);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (IReadOnlyList<string> Features, RedisKey Key)> _keysByPlacement = new(StringComparer.Ordinal);

    /// <param name="connection">The SDK's connection.</param>
    /// <param name="keys">The key layout.</param>
    /// <param name="origin">This server's identity (the journal's origin), new at every start.</param>
    /// <param name="timeout">The longest one exchange may take before it counts as failed.</param>
    /// <param name="time">Paces the throttled failure log and the timeout.</param>
    /// <param name="metrics">Counts exchanges.</param>
    /// <param name="logger">Says when an exchange failed, at most once a minute.</param>
    public RedisLearningExchange(RedisConnection connection, RedisKeys keys, Guid origin, TimeSpan timeout, TimeProvider time, RedisMetrics metrics, ILogger logger)
    {
        _connection = connection;
        _keys = keys;
        _field = origin.ToString("N");
        _timeout = timeout;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<double[]?> ExchangeAsync(string placement, IReadOnlyList<string> features, double[] own, CancellationToken cancellationToken)
    {
        try
        {
            if (_connection.Database is not { } database || !_connection.IsConnected)
            {
                Failed(placement, "not connected");
                return null;
            }

            var key = KeyOf(placement, features);
            var write = database.HashSetAsync(key, _field, Encode(own));
            var expire = database.KeyExpireAsync(key, Retention);
            var read = database.HashGetAllAsync(key);
            await Task.WhenAll(write, expire, read).ObserveFault().WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
            var total = Sum(await read.ConfigureAwait(false), own, placement);
            _metrics.LearningExchanged(failed: false);
            return total;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The learner is stopping: nothing to share any more, nothing to report.
            return null;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            Failed(placement, RedisFailure.Describe(exception));
            return null;
        }
    }

    /// <summary>Encodes statistics as raw little-endian doubles, the format of every field.</summary>
    internal static byte[] Encode(ReadOnlySpan<double> statistics)
    {
        var bytes = new byte[statistics.Length * sizeof(double)];
        for (var i = 0; i < statistics.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), statistics[i]);
        }

        return bytes;
    }

    /// <summary>
    /// The <c>features</c> part of a learning key: the first 8 bytes of the SHA-256 of the feature
    /// names (each with its length), in hex, so that models of different features never add up.
    /// </summary>
    internal static string FeatureHash(IReadOnlyList<string> features)
    {
        var text = new StringBuilder();
        foreach (var feature in features)
        {
            text.Append(CultureInfo.InvariantCulture, $"{feature.Length}:{feature}\n");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>
    /// Sums every server's field that holds as many numbers as <paramref name="own"/>, this
    /// server's own included (as <paramref name="own"/>, the value it just wrote), in the order of
    /// their names, so that every server adds the same numbers in the same order and servers that
    /// read the same fields get the same sum, bit for bit (floating-point addition is not
    /// associative: each adding its own to the others' sum, they would not). A field that holds no
    /// model's statistics (<see cref="TryRead"/>) is left out whole, counted and logged: added in,
    /// one number that is not finite would turn every server's weights into NaN.
    /// </summary>
    private double[] Sum(HashEntry[] entries, double[] own, string placement)
    {
        var length = own.Length;
        var ownName = (string?)_field;
        Array.Sort(entries, static (x, y) => string.CompareOrdinal(x.Name, y.Name));
        var sum = new double[length];
        var field = new double[length];
        var ownAdded = false;
        foreach (var entry in entries)
        {
            // Its own in its place, even if the read did not return it (the key expired or was deleted in between).
            if (!ownAdded && string.CompareOrdinal(entry.Name, ownName) >= 0)
            {
                Add(sum, own);
                ownAdded = true;
            }

            if (entry.Name == _field)
            {
                continue;
            }

            // A field without the count of decisions (written before servers shared it) still adds to the model, as 0 decisions.
            var bytes = (byte[]?)entry.Value;
            if (bytes is null || (bytes.Length != length * sizeof(double) && bytes.Length != (length - 1) * sizeof(double)))
            {
                continue;
            }

            if (!TryRead(bytes, field))
            {
                Unusable(placement);
                continue;
            }

            Add(sum, field);
        }

        if (!ownAdded)
        {
            Add(sum, own);
        }

        return sum;
    }

    private static void Add(double[] sum, ReadOnlySpan<double> statistics)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += statistics[i];
        }
    }

    /// <summary>
    /// Reads a field into <paramref name="statistics"/>; false when it cannot be a learner's shared
    /// statistics (<c>PlacementLearner.OwnStatistics</c>: its model's, <c>LinearRewardModel.WriteStatistics</c>,
    /// the sum of x xᵀ, the sum of r x and the count, then the decisions learned from): a number that
    /// is not finite, a negative count of decisions or of observations, or a negative sum of squares
    /// (the diagonal of x xᵀ). A field one number short, the model's alone (written before servers
    /// shared their count of decisions), is read with 0 decisions.
    /// </summary>
    internal static bool TryRead(ReadOnlySpan<byte> bytes, Span<double> statistics)
    {
        var numbers = Math.Min(statistics.Length, bytes.Length / sizeof(double));
        statistics[numbers..].Clear();
        for (var i = 0; i < numbers; i++)
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * sizeof(double))..]);
            if (!double.IsFinite(value))
            {
                return false;
            }

            statistics[i] = value;
        }

        if (statistics.Length < 2 || statistics[^1] < 0 || statistics[^2] < 0)
        {
            return false;
        }

        // d² + d + 1 numbers of the model for d features, then the decisions.
        var model = statistics.Length - 1;
        var dimensions = (int)Math.Round((Math.Sqrt((4.0 * model) - 3) - 1) / 2);
        if ((dimensions * dimensions) + dimensions + 1 == model)
        {
            for (var i = 0; i < dimensions; i++)
            {
                if (statistics[(i * dimensions) + i] < 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private RedisKey KeyOf(string placement, IReadOnlyList<string> features)
    {
        lock (_gate)
        {
            // The learner passes the same feature list every time: the hash is computed once per placement.
            if (_keysByPlacement.TryGetValue(placement, out var known) && ReferenceEquals(known.Features, features))
            {
                return known.Key;
            }

            var key = _keys.Learning(placement, FeatureHash(features));
            _keysByPlacement[placement] = (features, key);
            return key;
        }
    }

    private void Unusable(string placement)
    {
        _metrics.LearningFieldSkipped();
        if (_unusableLog.ShouldLog(_time.GetUtcNow().UtcTicks))
        {
            RedisLog.LearningFieldUnusable(_logger, placement);
        }
    }

    private void Failed(string placement, string failure)
    {
        _metrics.LearningExchanged(failed: true);
        if (_failureLog.ShouldLog(_time.GetUtcNow().UtcTicks))
        {
            RedisLog.LearningExchangeFailed(_logger, placement, failure);
        }
    }
}
