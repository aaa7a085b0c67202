using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// README "Learning from outcomes", Logs: "The features are signal values computed from the person's
/// profile at the time ... never a 0 that reads like a computed one"; LoggedCandidate.Features:
/// "bias and computed signals are always finite", "the record holds no value for it" when the
/// decision did not compute the signal. A provider that throws computed nothing for the decision
/// (README "Resilience": it "loses only its own column"), so its column must not reach the log, or
/// the learner, as computed zeros.
/// </summary>
public sealed class FaultedSignalLearningTests
{
    [Fact]
    public void A_signal_whose_provider_threw_for_a_decision_is_not_logged_as_a_computed_zero()
    {
        var sink = new RewardTests.RecordingSink();
        var flaky = new FlakySignal();
        using var sdk = RewardTests.Learning(sink, build: builder => builder.AddSignal(flaky, 0.5f, 0.5f));
        sdk.View("ann", "hiking-1");

        sdk.Rank("ann", 3);          // the provider works: its value is 1 for every candidate
        flaky.Throw = true;
        sdk.Rank("ann", 3);          // the provider throws: nothing was computed for this decision
        sdk.Rank("ann", 3);          // and again: the same fault, the same mask
        flaky.Throw = false;
        sdk.Rank("ann", 3);          // it works again
        RewardTests.Settle(sdk);

        Assert.Equal(4, sink.Records.Count);
        var names = sink.Records[0].FeatureNames.ToList();
        var at = names.IndexOf("flaky");
        Assert.All(sink.Records[0].Candidates, candidate => Assert.Equal(1f, candidate.Features[at]));

        // The faulted decision: no value, not a computed 0; its confidence product neither.
        var confidenceAt = names.IndexOf("confidence*flaky");
        Assert.All(sink.Records[2].Candidates, candidate => Assert.True(float.IsNaN(candidate.Features[confidenceAt])));
        foreach (var faulted in sink.Records.Skip(1).Take(2))
        {
            var logged = faulted.Candidates.Select(candidate => candidate.Features[at]).ToArray();
            Assert.True(logged.All(float.IsNaN), "A provider that threw is logged as computed values: " + string.Join(", ", logged));
        }

        Assert.All(sink.Records[3].Candidates, candidate => Assert.Equal(1f, candidate.Features[at]));
    }

    [Fact]
    public void A_candidate_weighing_a_signal_is_not_evaluated_over_a_decision_whose_provider_threw()
    {
        // ILearningReporter.Evaluate: "a candidate is evaluated over the decisions in memory that computed every signal it weighs".
        var sink = new RewardTests.RecordingSink();
        var flaky = new FlakySignal();
        using var sdk = RewardTests.Learning(sink, build: builder => builder.AddSignal(flaky, 0.5f, 0.5f));
        sdk.View("ann", "hiking-1");
        sdk.Rank("ann", 3);
        flaky.Throw = true;
        sdk.Rank("ann", 3);
        RewardTests.Settle(sdk);

        var reporter = sdk.Services.GetRequiredService<ILearningReporter>();
        var evaluation = reporter.Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { ["flaky"] = 1f });
        Assert.Equal(1, evaluation.Decisions);
    }

    [Fact]
    public void A_decision_whose_provider_keeps_throwing_allocates_on_a_learning_placement_no_more_than_elsewhere()
    {
        // The mask of the recurring fault is made once: what remains is the provider's own exception, alike on both.
        var onLearning = new FlakySignal { Throw = true };
        var onPlain = new FlakySignal { Throw = true };
        // Or after a few decisions every item would have been shown 5 times and rest: nothing shown, nothing logged.
        Action<PersonalizationOptions> noCap = options => options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        using var learning = RewardTests.Learning(new RewardTests.RecordingSink(), noCap, builder => builder.AddSignal(onLearning, 0.5f, 0.5f));
        using var plain = new TestSdk(options => { options.MaxPerCategory = 0; noCap(options); }, builder => builder.AddSignal(onPlain, 0.5f, 0.5f));
        var buffer = new RankedItem[3];
        var request = new PersonalizationRequest("ann") { Count = 3 };
        foreach (var sdk in new[] { learning, plain })
        {
            sdk.View("ann", "hiking-1");
        }

        var learningBytes = Allocations.Fewest(i => learning.Personalizer.Rank(request, buffer, out _), calls: 200);
        var plainBytes = Allocations.Fewest(i => plain.Personalizer.Rank(request, buffer, out _), calls: 200);

        Assert.True(plainBytes > 0, "the provider's exceptions are allocated");
        Assert.Equal(plainBytes, learningBytes);
        Assert.Equal(3, learning.Personalizer.Rank(request, buffer, out _));
    }

    private sealed class FlakySignal : ISignalProvider
    {
        public bool Throw { get; set; }

        public string Name => "flaky";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            if (Throw)
            {
                throw new InvalidOperationException("The feature store is down.");
            }

            column.Fill(1f);
        }
    }
}
