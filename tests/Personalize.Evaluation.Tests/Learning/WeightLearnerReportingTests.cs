using Personalize.Evaluation.Learning;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;
using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Tests.Learning;

/// <summary>The softmax learner says what it fitted through the run's reporter, so <c>--quiet</c> (a silent reporter) silences it.</summary>
public sealed class WeightLearnerReportingTests
{
    [Fact]
    public void The_softmax_learner_reports_its_fit_through_the_reporter_it_is_given()
    {
        var random = new Random(3);
        string[] signals = [BuiltInSignals.Popularity, BuiltInSignals.Trending];
        var examples = new List<RewardExample>();
        for (var step = 0; step < 300; step++)
        {
            for (var k = 0; k < 5; k++)
            {
                examples.Add(new RewardExample([k == 0 ? 0.9f : (float)random.NextDouble() * 0.5f, (float)random.NextDouble()], k == 0 ? 1 : 0, ExampleSource.Pool, Personalized: true, Step: step, StepCandidates: 100));
            }
        }

        var notes = new NoteRecorder();

        var weights = WeightLearner.Learn(new RewardExamples(signals, examples, 300, 300), LearningVariant.Named("catalogue softmax, prior at defaults"), personalized: true, SdkDefaults.Current.Weights, notes);

        Assert.NotNull(weights);
        Assert.StartsWith("  softmax (personalized): 300 steps, temperature ", Assert.Single(notes.Notes), StringComparison.Ordinal);
    }

    private sealed class NoteRecorder : IProgressReporter
    {
        public List<string> Notes { get; } = [];

        public IProgressStage Stage(string label) => SilentProgressReporter.Instance;

        public void Note(string message) => Notes.Add(message);
    }
}
