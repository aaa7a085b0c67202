using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Learning;

/// <summary>
/// One placement's learner: a ridge regression of reward on the features of what was shown, whose
/// weights re-rank the configured mix's best candidates. It learns from settled decisions and is
/// solved on the learner's update, never on the request path; decisions read the last solved
/// <see cref="LearnedPolicy"/> and whether it serves. Every settled decision is first scored by the
/// weights in force before it is learned from (progressive validation), so the counterfactual
/// estimates of the learned policy are never read from data it was fitted to.
/// </summary>
/// <remarks>Everything but <see cref="Policy"/> and <see cref="LearnedServes"/> is touched only under the learner's update lock.</remarks>
internal sealed class PlacementLearner
{
    /// <summary>
    /// How many of the learned weights' own first choices (ones the configured weights would not
    /// have made) an apprentice's window must hold before a takeover is judged: the heavy terms of
    /// the doubly robust estimate its interval rests on. Chosen in the simulator where no weighting
    /// is better: with 15, none of 10 apprentices handed over in 25,000 decisions at 5% exploration
    /// (EqualWeightsTakeoverTests; none of 20 in 30,000 in a probe), the rule being reached at the
    /// defaults, where a window of 10,000 over a pool of 24 holds about 21 such decisions; 30 was not.
    /// </summary>
    public const int MinimumLearnedChoices = 15;

    private const int HistoryLength = 100;

    private readonly string[] _signals;
    private readonly Func<bool[]> _computedNow;
    private readonly LinearRewardModel _own;
    private readonly LinearRewardModel _solver;
    private readonly double[] _statistics;
    private readonly Queue<SettledDecision> _window = new();
    private readonly int _windowSize;
    private readonly OnlineTally[] _online = [new(ServingPolicyNames.Default), new(ServingPolicyNames.Learned), new(ServingPolicyNames.Control)]; // by ServingPolicy
    private readonly double[] _valueSums;
    private readonly double[] _valueSquares;
    private readonly List<LearnedWeights> _history = [];
    private readonly float[] _features;
    private Shared? _shared;
    private double[] _solvedFrom;
    private LoggedRound[][] _rounds = [];
    private long _valueCount;
    private volatile bool _changed;
    private long _decisions;
    private volatile LearnedPolicy _policy;
    private volatile bool _learnedServes;

    // The apprentice's takeover looks: the next count of decisions learned from at which it judges, and how many it made.
    private long _nextLook;
    private int _looks;

    public PlacementLearner(string name, int index, LearningMode mode, IReadOnlyList<string> signals, Func<bool[]> computedNow, int windowSize)
    {
        Name = name;
        Index = index;
        Mode = mode;
        _signals = [.. signals];
        _computedNow = computedNow;
        _windowSize = windowSize;
        Dimensions = LearningFeatures.Dimensions(_signals.Length);
        _own = new LinearRewardModel(Dimensions);
        _solver = new LinearRewardModel(Dimensions);
        _statistics = new double[_own.StatisticsLength];
        _solvedFrom = new double[_own.StatisticsLength];
        _features = new float[Dimensions];
        _valueSums = new double[_signals.Length];
        _valueSquares = new double[_signals.Length];
        _policy = LearnedPolicy.None(Dimensions);
    }

    public string Name { get; }

    /// <summary>The placement plan's index.</summary>
    public int Index { get; }

    public LearningMode Mode { get; }

    public int Dimensions { get; }

    /// <summary>The last solved weights; read by decisions without a lock.</summary>
    public LearnedPolicy Policy => _policy;

    /// <summary>Whether the learned weights serve this placement now.</summary>
    public bool LearnedServes => _learnedServes;

    /// <summary>Settled decisions, a holdout's control ones included (tallied for the report only).</summary>
    public long SettledDecisions { get; private set; }

    /// <summary>Settled decisions learned from: every settled one but a holdout's control ones. What <see cref="LearningOptions.MinSettledDecisions"/> counts.</summary>
    public long LearnedDecisions { get; private set; }

    public long RewardedDecisions { get; private set; }

    public long Decisions => Interlocked.Read(ref _decisions);

    public PolicyEvaluation? LastEvaluation { get; private set; }

    /// <summary>Whether anything was learned, here or on another server, since the last solve.</summary>
    public bool Changed => _changed;

    /// <summary>Counts a decision logged on the request path.</summary>
    public void Logged() => Interlocked.Increment(ref _decisions);

    /// <summary>
    /// This server's own statistics, for sharing with other servers: its model's
    /// (<see cref="LinearRewardModel.WriteStatistics"/>), then how many settled decisions it learned
    /// from, which the servers' <see cref="LearningOptions.MinSettledDecisions"/> counts together.
    /// </summary>
    public double[] OwnStatistics()
    {
        var statistics = new double[_own.StatisticsLength + 1];
        _own.WriteStatistics(statistics.AsSpan(0, _own.StatisticsLength));
        statistics[^1] = LearnedDecisions;
        return statistics;
    }

    /// <summary>
    /// An exchange's answer, used from the next solve: <paramref name="total"/>, the sum of every
    /// server's statistics (<see cref="ILearningExchange"/>), with <paramref name="own"/>, this
    /// server's as it shared them. A change only when a solve would now use other statistics than
    /// the last one did: a server alone in the exchange, or a cluster where nothing was learned
    /// since, reads back what it solved from, and adds no version.
    /// </summary>
    public void SetShared(double[]? total, double[] own)
    {
        if (total is null || total.Length != _statistics.Length + 1 || own.Length != _statistics.Length + 1)
        {
            // Nothing read from the other servers: no new version to solve.
            return;
        }

        // Full fences (as in Solve): a solve either reads this answer or leaves it changed for the next one.
        Interlocked.Exchange(ref _shared, new Shared(total, own));
        if (!total.AsSpan(0, _statistics.Length).SequenceEqual(Volatile.Read(ref _solvedFrom)))
        {
            _changed = true;
        }
    }

    /// <summary>
    /// Learns one settled decision: first scores it with the weights in force (for evaluation), then
    /// observes each shown item's reward. A holdout's control decision is only tallied: it teaches
    /// nothing, so it neither counts toward <see cref="LearnedDecisions"/> nor asks for a new version.
    /// Returns whether it was learned from.
    /// </summary>
    public bool Learn(SettledDecision decision, double epsilon)
    {
        SettledDecisions++;
        RewardedDecisions += decision.AnyRewarded ? 1 : 0;
        _online[(int)decision.Policy].Add(decision.MeanReward);
        if (decision.Policy == ServingPolicy.Control)
        {
            return false;
        }

        LearnedDecisions++;
        _changed = true;
        ScoreForEvaluation(decision, epsilon);
        var n = _signals.Length;
        for (var slot = 0; slot < decision.Chosen.Length; slot++)
        {
            var values = decision.Signals.AsSpan(decision.Chosen[slot] * n, n);
            LearningFeatures.Fill(values, decision.Confidence, _features);
            _own.Observe(_features, decision.Rewards[slot]);
        }

        for (var candidate = 0; candidate < decision.Items.Length; candidate++)
        {
            var values = decision.Signals.AsSpan(candidate * n, n);
            for (var s = 0; s < n; s++)
            {
                _valueSums[s] += values[s];
                _valueSquares[s] += values[s] * values[s];
            }

            _valueCount++;
        }

        _window.Enqueue(decision);
        while (_window.Count > _windowSize)
        {
            _window.Dequeue();
        }

        return true;
    }

    /// <summary>
    /// Solves the weights from every server's statistics: the last exchange's sum, plus what this
    /// server learned since it shared its own (nothing, once it is idle: then servers that read the
    /// same statistics solve from the same numbers, and learn the same weights bit for bit); its
    /// own alone before any exchange. Returns the new version, or null when a weight came out not
    /// finite: the last solved version keeps serving, and nothing is learned from that solve.
    /// </summary>
    public LearnedPolicy? Solve(DateTimeOffset now)
    {
        _changed = false;
        _own.WriteStatistics(_statistics);
        var shared = Volatile.Read(ref _shared);
        if (shared is not null)
        {
            for (var i = 0; i < _statistics.Length; i++)
            {
                // Exactly the sum's number where nothing was learned since the exchange (x + 0 is x).
                // Where the others added nothing, this server's own number as it is now: a server
                // alone then solves from exactly what its next exchange reads back, and adds no version.
                if (shared.Total[i] != shared.Own[i])
                {
                    _statistics[i] = shared.Total[i] + (_statistics[i] - shared.Own[i]);
                }
            }
        }

        // What this solve used, failed or not (the same statistics read again are no change), with a full
        // fence: an answer that arrived meanwhile is either read above or seen below and solved next.
        Interlocked.Exchange(ref _solvedFrom, (double[])_statistics.Clone());
        if (!ReferenceEquals(Volatile.Read(ref _shared), shared))
        {
            _changed = true;
        }

        _solver.ReadStatistics(_statistics);
        var theta = new double[Dimensions];
        _solver.SolveInto(theta);
        if (!AllFinite(theta))
        {
            return null;
        }

        var policy = new LearnedPolicy(_policy.Version + 1, theta, now, _solver.Observations);
        _policy = policy;
        _history.Add(new LearnedWeights(policy.Version, now, policy.Observations, WeightsOf(theta)));
        if (_history.Count > HistoryLength)
        {
            _history.RemoveAt(0);
        }

        return policy;
    }

    /// <summary>
    /// Decides who serves: online, the learned weights once enough decisions were learned from (on
    /// every server sharing statistics, together); as an
    /// apprentice, the learned weights when the paired doubly robust difference is above 0 with
    /// confidence, handing back when it is below 0 with confidence. Returns the change, if any.
    /// </summary>
    /// <remarks>
    /// Judged after every update, a 95% bound would be crossed by chance sooner or later however
    /// good the defaults are. So the apprentice judges a takeover only at looks: when
    /// <paramref name="minimumDecisions"/> decisions were learned from, then each time that count has
    /// doubled, or grown by the evaluation window once it is full (its data then is new). Look j
    /// (from 0) asks for confidence 1 - (1 - <paramref name="confidence"/>) / ((j + 1)(j + 2)): the
    /// shares (1/2, 1/6, 1/12, ...) sum to 1, so all looks together hand over to weights that are
    /// not better no more often than one look at <paramref name="confidence"/> would. Handing back is judged after
    /// every update, at <paramref name="confidence"/>: a mistake there only returns to the defaults.
    /// </remarks>
    public bool? Arbitrate(int minimumDecisions, double confidence, double epsilon, DateTimeOffset now)
    {
        if (_policy.Version == 0)
        {
            return null;
        }

        if (Mode == LearningMode.Online)
        {
            // The decisions learned from on every server count together: the others' as of the last exchange.
            var remote = Volatile.Read(ref _shared) is { } shared ? shared.Total[^1] - shared.Own[^1] : 0;
            var enough = LearnedDecisions + (double.IsFinite(remote) ? Math.Max(0, remote) : 0) >= minimumDecisions;
            return _learnedServes || !enough ? null : _learnedServes = true;
        }

        if (LearnedDecisions < minimumDecisions)
        {
            return null;
        }

        LastEvaluation = Evaluate(now, confidence, epsilon, null);
        var difference = LastEvaluation.LearnedMinusDefault;
        if (!_learnedServes)
        {
            if (LearnedDecisions < Math.Max(_nextLook, minimumDecisions))
            {
                return null;
            }

            var look = _looks + 1.0;
            var level = 1 - ((1 - confidence) / (look * (look + 1)));
            _looks++;
            _nextLook = LearnedDecisions + Math.Min(LearnedDecisions, _windowSize);
            return LearnedIsBetter(now, level, epsilon) ? _learnedServes = true : null;
        }

        if (difference.Upper < 0)
        {
            _learnedServes = false;
            return false;
        }

        return null;
    }

    /// <summary>
    /// Whether the learned weights are better than the configured ones at <paramref name="level"/>:
    /// the paired doubly robust difference's lower end is above 0, and the window's logs hold at
    /// least <see cref="MinimumLearnedChoices"/> decisions that showed first what the learned
    /// weights would have and the configured ones would not. Without those, doubly robust is the
    /// reward model's view of itself: the model is the learner's own, so the learned choice is its
    /// favourite, and its value is read too high (by 0.02 to 0.11 in a simulator where no weighting
    /// is better) with a narrow interval until the rare, heavy corrections of those choices arrive.
    /// An apprentice shows them at epsilon over the pool, so they come slowly.
    /// </summary>
    private bool LearnedIsBetter(DateTimeOffset now, double level, double epsilon) =>
        LearnedOwnChoices() >= MinimumLearnedChoices && Evaluate(now, level, epsilon, null).LearnedMinusDefault.Lower > 0;

    /// <summary>How many of the window's decisions showed first what the learned weights would have and the configured ones would not.</summary>
    internal int LearnedOwnChoices()
    {
        var count = 0;
        Span<bool> shown = stackalloc bool[SlatePolicy.StackLimit];
        Span<int> sameShown = stackalloc int[SlatePolicy.StackLimit];
        foreach (var decision in _window)
        {
            if (decision.Chosen.Length == 0 || decision.LearnedSlate.Length == 0 || decision.Chosen[0] != decision.LearnedSlate[0])
            {
                continue;
            }

            var state = new SlateState(decision.Categories, decision.MaxPerCategory, shown, sameShown);
            if (state.Greedy(decision.DefaultScores) != decision.Chosen[0])
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The counterfactual estimates of the configured, learned, random and (if given) candidate weights
    /// from the window: with a candidate, from the window's decisions that computed every signal it
    /// weighs (all four estimates alike), the others read as 0 there. Each decision is read at its
    /// first slot, the one slot every policy fills itself: a later slot's probabilities are given
    /// the logging policy's slots before it, which would judge a hybrid of the two policies, and
    /// weighing whole slates makes the weights a product over slots, too uneven to trust (see
    /// <see cref="PolicyEvaluation"/>).
    /// </summary>
    public PolicyEvaluation Evaluate(DateTimeOffset now, double confidence, double epsilon, double[]? candidate)
    {
        var decisions = candidate is null
            ? [.. _window.Where(decision => decision.Chosen.Length > 0)]
            : _window.Where(decision => decision.Chosen.Length > 0 && ComputesAll(decision, candidate)).ToArray();
        var rounds = decisions.Length;
        var slots = decisions.Sum(decision => decision.Chosen.Length);
        var policies = candidate is null ? 3 : 4;
        var logged = Rounds(policies, rounds);

        var n = _signals.Length;
        Span<bool> shown = stackalloc bool[SlatePolicy.StackLimit];
        Span<int> sameShown = stackalloc int[SlatePolicy.StackLimit];
        for (var round = 0; round < rounds; round++)
        {
            var decision = decisions[round];
            var choice = decision.Chosen[0];
            var loggedProbability = decision.Probabilities[0];
            var reward = decision.Rewards[0];
            var predicted = decision.Predicted;
            logged[0][round] = new LoggedRound(loggedProbability, reward, decision.DefaultProbability, predicted, decision.ExpectedDefault);
            logged[1][round] = new LoggedRound(loggedProbability, reward, decision.LearnedProbability, predicted, decision.ExpectedLearned);
            var state = new SlateState(decision.Categories, decision.MaxPerCategory, shown, sameShown);
            // The random policy is the same policy always exploring: uniform over what the cap allows, as its expected value.
            logged[2][round] = new LoggedRound(loggedProbability, reward, state.DrawProbability(choice), predicted, decision.ExpectedRandom);
            if (candidate is not null)
            {
                var pool = decision.Items.Length;
                var candidateScores = new float[pool];
                for (var j = 0; j < pool; j++)
                {
                    candidateScores[j] = LearningFeatures.Score(decision.Signals.AsSpan(j * n, n), decision.Confidence, candidate);
                }

                var greedy = state.Greedy(candidateScores);
                logged[3][round] = new LoggedRound(loggedProbability, reward, state.Probability(choice, greedy, epsilon), predicted, state.ExpectedValue(candidateScores, decision.PoolPredictions, epsilon));
            }
        }

        string[] names = [ServingPolicyNames.Default, ServingPolicyNames.Learned, ServingPolicyNames.Random, ServingPolicyNames.Candidate];
        var estimates = new PolicyEstimate[policies];
        for (var p = 0; p < policies; p++)
        {
            estimates[p] = rounds == 0 ? Undefined(names[p]) : Estimate(names[p], OffPolicyEstimator.Estimate(logged[p].AsSpan(0, rounds), default, confidence));
        }

        var difference = rounds == 0
            ? new EstimateInterval(double.NaN, double.NaN, double.NaN, 0)
            : ToInterval(OffPolicyEstimator.Difference(logged[1].AsSpan(0, rounds), logged[0].AsSpan(0, rounds), default, confidence));
        return new PolicyEvaluation(Name, now, decisions.Length, slots, confidence, estimates, difference);
    }

    public PlacementLearning Report(PolicyEvaluation? evaluation = null)
    {
        var theta = _policy.Theta;
        var weights = _policy.Version == 0 ? new Dictionary<string, double>() : WeightsOf(theta);
        var importance = _policy.Version == 0
            ? []
            : _signals.Select((name, s) => (name, value: Math.Abs(theta[s] + theta[_signals.Length + s]) * Spread(s)))
                .OrderByDescending(signal => signal.value).ThenBy(signal => signal.name, StringComparer.Ordinal).Select(signal => signal.name).ToArray();
        return new PlacementLearning(
            Name,
            Mode,
            _learnedServes ? ServingPolicyNames.Learned : ServingPolicyNames.Default,
            _policy.Version,
            Decisions,
            SettledDecisions,
            RewardedDecisions,
            weights,
            importance,
            [.. _history],
            [.. _online.Select(tally => tally.Result())],
            evaluation ?? LastEvaluation);
    }

    /// <summary>Turns signal weights by name into the learner's weight vector (confidence interactions and bias 0).</summary>
    public double[] ThetaOf(IReadOnlyDictionary<string, float> weights)
    {
        var theta = new double[Dimensions];
        for (var s = 0; s < _signals.Length; s++)
        {
            theta[s] = weights.TryGetValue(_signals[s], out var weight) ? weight : 0;
        }

        return theta;
    }

    public bool HasSignal(string name) => Array.IndexOf(_signals, name) >= 0;

    /// <summary>
    /// Whether the signal is computed in any of the window's decisions, or (for decisions to come) by
    /// the placement's weights in force now: one its weights leave at 0 in both variants is not
    /// computed, so its logged value is 0. Under the update lock.
    /// </summary>
    public bool Computes(string name)
    {
        var s = Array.IndexOf(_signals, name);
        if (s < 0)
        {
            return false;
        }

        foreach (var decision in _window)
        {
            if (decision.Computed[s])
            {
                return true;
            }
        }

        return _computedNow()[s];
    }

    /// <summary>Whether the decision computed every signal <paramref name="theta"/> weighs (not 0).</summary>
    private bool ComputesAll(SettledDecision decision, double[] theta)
    {
        for (var s = 0; s < _signals.Length; s++)
        {
            if ((theta[s] != 0 || theta[_signals.Length + s] != 0) && !decision.Computed[s])
            {
                return false;
            }
        }

        return true;
    }

    private void ScoreForEvaluation(SettledDecision decision, double epsilon)
    {
        var theta = _policy.Theta;
        var n = _signals.Length;
        var pool = decision.Items.Length;
        var learnedScores = new float[pool];
        var defaultScores = decision.DefaultScores;
        var predictions = new double[pool];
        for (var j = 0; j < pool; j++)
        {
            var values = decision.Signals.AsSpan(j * n, n);
            learnedScores[j] = LearningFeatures.Score(values, decision.Confidence, theta);
            predictions[j] = Predict(values, decision.Confidence, theta);
        }

        var slots = decision.Chosen.Length;
        decision.PoolPredictions = predictions;
        var own = new SlateState(decision.Categories, decision.MaxPerCategory, stackalloc bool[pool], stackalloc int[pool]);
        decision.LearnedSlate = new int[slots];
        decision.LearnedVersion = _policy.Version;
        for (var slot = 0; slot < slots; slot++)
        {
            decision.LearnedSlate[slot] = own.Greedy(learnedScores);
            own.Show(decision.LearnedSlate[slot]);
        }

        // Only the first slot is evaluated: nothing has been shown before it, by any policy.
        if (slots > 0)
        {
            var state = new SlateState(decision.Categories, decision.MaxPerCategory, stackalloc bool[pool], stackalloc int[pool]);
            var choice = decision.Chosen[0];
            decision.LearnedProbability = state.Probability(choice, state.Greedy(learnedScores), epsilon);
            decision.DefaultProbability = state.Probability(choice, state.Greedy(defaultScores), epsilon);
            decision.Predicted = predictions[choice];
            decision.ExpectedLearned = state.ExpectedValue(learnedScores, predictions, epsilon);
            decision.ExpectedDefault = state.ExpectedValue(defaultScores, predictions, epsilon);
            decision.ExpectedRandom = state.ExpectedValue(defaultScores, predictions, 1.0);
        }
    }

    /// <summary>The evaluation's per-policy round buffers, kept between evaluations (one update or report at a time).</summary>
    private LoggedRound[][] Rounds(int policies, int rounds)
    {
        if (_rounds.Length < policies || _rounds[0].Length < rounds)
        {
            _rounds = [.. Enumerable.Range(0, Math.Max(policies, _rounds.Length)).Select(_ => new LoggedRound[Math.Max(rounds, _rounds.Length == 0 ? 0 : _rounds[0].Length)])];
        }

        return _rounds;
    }

    /// <summary>The reward model's prediction, within the rewards' range [0, 1]: a linear model can stray outside it.</summary>
    private double Predict(ReadOnlySpan<float> values, float confidence, double[] theta)
    {
        LearningFeatures.Fill(values, confidence, _features);
        return Math.Clamp(LinearRewardModel.Predict(_features, theta), 0, 1);
    }

    private static bool AllFinite(double[] values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    private Dictionary<string, double> WeightsOf(double[] theta)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var s = 0; s < _signals.Length; s++)
        {
            weights[_signals[s]] = theta[s] + theta[_signals.Length + s];
        }

        return weights;
    }

    private double Spread(int signal)
    {
        if (_valueCount < 2)
        {
            return 1;
        }

        var mean = _valueSums[signal] / _valueCount;
        return Math.Sqrt(Math.Max(0, (_valueSquares[signal] / _valueCount) - (mean * mean)));
    }

    private static PolicyEstimate Estimate(string name, OffPolicyEstimates estimates) => new(
        name,
        ToInterval(estimates.DirectMethod),
        ToInterval(estimates.InversePropensity),
        ToInterval(estimates.SelfNormalized),
        ToInterval(estimates.DoublyRobust));

    private static PolicyEstimate Undefined(string name)
    {
        var none = new EstimateInterval(double.NaN, double.NaN, double.NaN, 0);
        return new PolicyEstimate(name, none, none, none, none);
    }

    private static EstimateInterval ToInterval(OffPolicyEstimate estimate) => new(estimate.Value, estimate.Lower, estimate.Upper, estimate.EffectiveSampleSize);

    /// <summary>An exchange's answer: every server's statistics summed, and this server's own as it shared them.</summary>
    private sealed record Shared(double[] Total, double[] Own);
}
