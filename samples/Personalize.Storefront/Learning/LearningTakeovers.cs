using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Personalize.Storefront.Learning;

/// <summary>
/// When the policy serving a placement changed, from the SDK's <c>personalize.learning.takeovers</c>
/// counter: the learning report says who serves now, and this says since when. Only this app's
/// meters are heard (another store in the same process has its own).
/// </summary>
internal sealed class LearningTakeovers : IDisposable
{
    private const string Instrument = "personalize.learning.takeovers";

    private readonly ConcurrentDictionary<string, Takeover> _last = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly MeterListener _listener = new();

    public LearningTakeovers(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == Instrument && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Heard(tags));
        _listener.Start();
    }

    /// <summary>The last change of a placement's serving policy, or null when it never changed.</summary>
    public Takeover? Last(string placement) => _last.TryGetValue(placement, out var takeover) ? takeover : null;

    public void Dispose() => _listener.Dispose();

    private void Heard(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? placement = null;
        string? direction = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "placement": placement = tag.Value as string; break;
                case "direction": direction = tag.Value as string; break;
            }
        }

        if (placement is not null && direction is not null)
        {
            _last[placement] = new Takeover(direction, _clock.GetUtcNow());
        }
    }
}

/// <summary>A change of the policy serving a placement.</summary>
/// <param name="Direction">Who serves since: <c>learned</c> or <c>default</c>.</param>
/// <param name="At">When (just after the weights it read were solved).</param>
internal sealed record Takeover(string Direction, DateTimeOffset At);
