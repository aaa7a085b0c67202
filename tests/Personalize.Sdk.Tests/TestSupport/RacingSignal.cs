using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A signal that runs a racing call once, in the middle of a decision: a deterministic race.</summary>
internal sealed class RacingSignal : ISignalProvider
{
    public Action? Race;

    public bool Fired;

    public string Name => "racing";

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        if (Interlocked.Exchange(ref Race, null) is { } race)
        {
            race();
            Fired = true;
        }

        column.Clear();
    }
}
