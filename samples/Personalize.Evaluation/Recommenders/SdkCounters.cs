using System.Diagnostics.Metrics;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// Counts what one SDK instance reports on its meter (events applied and rejected, decisions by
/// variant, evicted profiles), through a <see cref="IMeterFactory"/> of its own so that other
/// instances in the process are not counted.
/// </summary>
internal sealed class SdkCounters : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Starts listening to the meters this factory creates.</summary>
    public SdkCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var name = instrument.Name;
            foreach (var tag in tags)
            {
                name += $"[{tag.Key}={tag.Value}]";
            }

            lock (_counts)
            {
                _counts[name] = _counts.GetValueOrDefault(name) + value;
            }
        });
        _listener.Start();
    }

    /// <summary>The count of one instrument and tag, for example <c>personalize.decisions[variant=cold_start]</c>.</summary>
    public long this[string name]
    {
        get
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(name);
            }
        }
    }

    /// <summary>
    /// The sum of the counts of <paramref name="instrument"/> whose tags include every one of
    /// <paramref name="tags"/> (other tags, such as a placement, are ignored).
    /// </summary>
    public static long Sum(IReadOnlyDictionary<string, long> counters, string instrument, params (string Tag, string Value)[] tags)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(tags);
        return counters
            .Where(c => Parse(c.Key) is var (name, own) && name == instrument && tags.All(t => own.TryGetValue(t.Tag, out var v) && v == t.Value))
            .Sum(c => c.Value);
    }

    /// <summary>A counter's key, <c>instrument[tag=value][tag=value]</c>, split into the instrument and its tags.</summary>
    public static (string Instrument, IReadOnlyDictionary<string, string> Tags) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return (key, new Dictionary<string, string>(StringComparer.Ordinal));
        }

        var tags = key[(open + 1)..^1]
            .Split("][", StringSplitOptions.None)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        return (key[..open], tags);
    }

    /// <summary>Every count so far, by instrument and tags.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        lock (_counts)
        {
            return new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);
        }
    }

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Scope = this;
        var meter = new Meter(options);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Dispose();
        lock (_meters)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }
}
