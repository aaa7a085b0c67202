using System.Globalization;
using System.Text;
using System.Text.Json;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Reporting;

/// <summary>
/// Counterfactual estimates, from one placement's logged decisions, of what other policies would
/// have earned: the direct method, clipped IPS, self-normalised IPS and doubly robust, each with a
/// confidence interval and effective sample size. Each decision is read at its first slot: the
/// policy's probability of the logged choice there against the logged probability.
/// </summary>
/// <remarks>
/// The estimates are of the mean reward of each policy's own first slot: for one-slot decisions,
/// its mean reward (in a seeded simulator logging 1,000 decisions exploring 50%, the doubly robust and
/// self-normalised intervals covered it in at least 18 of 20 runs, with one slot or four; at the
/// default exploration of 5% few decisions explore and the effective sample size falls to a handful:
/// there the self-normalised interval, an empirical-likelihood one that widens by the share of the
/// policy's choices the log has not seen, covered it in 20 of 20 runs, and doubly robust in 17, so read
/// the self-normalised one, or explore more while evaluating). The first slot is the only one every
/// policy fills itself: a later slot judged given what the serving policy showed above it
/// estimates a mix of the two policies (a candidate worse than the defaults over two slots was
/// reported better), and weighed over the policy's whole slate its importance weights multiply
/// slot after slot until a few decisions carry the estimate. So a policy better in the first slot
/// but worse below it looks better here, and to the takeover rule, which reads
/// <see cref="LearnedMinusDefault"/>. The learned policy's estimates are progressive: each decision is scored by
/// the weights in force when it settled, before they learned from it. The direct method uses the
/// reward model as it was when each decision settled, so it is pessimistic early on. Every
/// interval, each policy's and <see cref="LearnedMinusDefault"/>, counts each decision once. Only IPS clips its importance weights
/// (at 100); the other estimates use them whole.
/// </remarks>
public sealed class PolicyEvaluation
{
    /// <summary>Creates an evaluation, for example in a test fake of <see cref="ILearningReporter"/>.</summary>
    /// <param name="placement">The placement.</param>
    /// <param name="generatedAt">When it was computed.</param>
    /// <param name="decisions">How many settled decisions were read.</param>
    /// <param name="rounds">How many slots they showed.</param>
    /// <param name="confidence">The confidence level of the intervals.</param>
    /// <param name="policies">Each policy's estimates.</param>
    /// <param name="learnedMinusDefault">The doubly robust estimate of the learned weights' reward minus the configured ones', paired decision by decision.</param>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="policies"/> holds a null element.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decisions"/> or <paramref name="rounds"/> is negative, or <paramref name="confidence"/> is not in (0, 1).</exception>
    public PolicyEvaluation(string placement, DateTimeOffset generatedAt, int decisions, int rounds, double confidence, IReadOnlyList<PolicyEstimate> policies, EstimateInterval learnedMinusDefault)
    {
        ArgumentNullException.ThrowIfNull(placement);
        ListArguments.ThrowIfNullOrHoldsNull(policies);
        ArgumentOutOfRangeException.ThrowIfNegative(decisions);
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level is in (0, 1).");
        }

        Placement = placement;
        GeneratedAt = generatedAt;
        Decisions = decisions;
        Rounds = rounds;
        Confidence = confidence;
        Policies = policies;
        LearnedMinusDefault = learnedMinusDefault;
    }

    /// <summary>The placement.</summary>
    public string Placement { get; }

    /// <summary>When it was computed.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>How many settled decisions were read: with candidate weights, those that computed every signal the candidate weighs.</summary>
    public int Decisions { get; }

    /// <summary>How many slots they showed; the estimates read the first of each decision's (<see cref="Decisions"/> of them).</summary>
    public int Rounds { get; }

    /// <summary>The confidence level of every interval.</summary>
    public double Confidence { get; }

    /// <summary>Each policy's estimates: <c>default</c>, <c>learned</c>, <c>random</c>, and <c>candidate</c> when weights were given.</summary>
    public IReadOnlyList<PolicyEstimate> Policies { get; }

    /// <summary>
    /// The doubly robust estimate of the learned weights' mean reward in the first slot minus the
    /// configured weights', paired decision by decision, at <see cref="Confidence"/>. In a learning report (at
    /// <see cref="LearningOptions.TakeoverConfidence"/>) a placement the learned weights serve hands
    /// back when its <see cref="EstimateInterval.Upper"/> is below 0. An apprentice hands over only at
    /// a look, when the lower end of the same estimate at that look's stricter confidence is above 0
    /// (see <see cref="LearningOptions.TakeoverConfidence"/>), so a report may show a lower end above 0
    /// while the apprentice still serves the configured weights.
    /// </summary>
    public EstimateInterval LearnedMinusDefault { get; }

    /// <summary>The estimates of one policy.</summary>
    /// <param name="policy">The policy's name.</param>
    /// <returns>Its estimates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The evaluation has no such policy.</exception>
    public PolicyEstimate this[string policy]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(policy);
            return Policies.FirstOrDefault(estimate => string.Equals(estimate.Policy, policy, StringComparison.Ordinal))
                ?? throw new KeyNotFoundException($"The evaluation has no policy '{policy}'.");
        }
    }

    /// <summary>The evaluation as indented JSON (camelCase; undefined numbers are <c>"NaN"</c>).</summary>
    /// <returns>The JSON document.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, LearningReportJsonContext.Default.PolicyEvaluation);

    /// <summary>The evaluation as a plain-text table for logs and consoles.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Policy evaluation: {Placement} (at {GeneratedAt:u}), {Decisions} decisions, {Rounds} rounds, {Confidence:0.#%} intervals\n");
        text.Append(CultureInfo.InvariantCulture, $"{"policy",-10} {"direct method",-30} {"IPS (clipped)",-30} {"self-normalised IPS",-30} {"doubly robust",-30}\n");
        foreach (var policy in Policies)
        {
            text.Append(CultureInfo.InvariantCulture, $"{policy.Policy,-10} {policy.DirectMethod,-30} {policy.InversePropensity,-30} {policy.SelfNormalized,-30} {policy.DoublyRobust,-30}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"learned - default (doubly robust, paired): {LearnedMinusDefault}\n");
        return text.ToString();
    }
}
