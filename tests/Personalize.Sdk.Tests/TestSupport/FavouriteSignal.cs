using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A signal that likes one item of the test catalog and nothing else: whether it leads shows whether its weight is in force.</summary>
internal sealed class FavouriteSignal : ISignalProvider
{
    public const string SignalName = "favourite";
    public const string Favourite = "garden-3";

    public string Name => SignalName;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            column[i] = context.GetItem(candidates[i]).Key == Favourite ? 1f : 0f;
        }
    }
}
