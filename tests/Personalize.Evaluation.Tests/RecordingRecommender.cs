using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Tests;

/// <summary>Records what it is asked and observes; recommends the candidates in the order given.</summary>
internal sealed class RecordingRecommender : IIncrementalRecommender
{
    public List<(int User, int[] Candidates, DateTimeOffset Now)> Requests { get; } = [];

    public List<IndexedEvent> Observed { get; } = [];

    public string Name => "recording";

    public void Fit(TrainingSet train)
    {
    }

    public void Observe(in IndexedEvent interaction) => Observed.Add(interaction);

    public int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination)
    {
        Requests.Add((user, candidates.ToArray(), now));
        var n = Math.Min(candidates.Length, destination.Length);
        candidates[..n].CopyTo(destination);
        return n;
    }
}
