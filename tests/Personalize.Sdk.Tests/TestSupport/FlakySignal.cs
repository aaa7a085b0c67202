using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A signal named "flaky" that throws while <see cref="Broken"/>, and else scores the candidates 1, 1/2, 1/3, ...</summary>
internal sealed class FlakySignal : ISignalProvider
{
    public volatile bool Broken;

    public string Name => "flaky";

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        if (Broken)
        {
            throw new InvalidOperationException("down on purpose");
        }

        for (var i = 0; i < column.Length; i++)
        {
            column[i] = 1f / (i + 1);
        }
    }
}
