using Microsoft.Extensions.Logging;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Learning;

/// <summary>
/// Learning from outcomes, for every placement that learns: logs each decision with its pool and
/// probabilities in the pending ring, credits rewards (explicit, or automatic from tracked
/// outcomes) while a decision waits, and on each update (a timer, off the request path) settles the
/// decisions whose wait is over, learns from them, writes them to the log sinks, solves each
/// placement's weights again, shares its statistics with other servers and decides who serves.
/// Disposing it settles what is due one last time and counts what still waits as dropped.
/// </summary>
internal sealed class Learner : ILearningReporter, IDisposable
{
    private readonly LearningOptions _options;
    private readonly PlacementLearner?[] _byPlan;
    private readonly PlacementLearner[] _learners;
    private readonly PendingDecisions? _pending;
    private readonly ILearningLogSink[] _sinks;
    private readonly ILearningExchange? _exchange;
    private readonly TimeProvider _timeProvider;
    private readonly ClockSetBack _clock;
    private readonly PersonalizationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _updateGate = new();
    private readonly LogThrottle _sinkLog = new(TimeSpan.FromMinutes(1));
    private readonly LogThrottle _updateLog = new(TimeSpan.FromMinutes(1));
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer? _timer;
    private readonly string[] _featureNames;
    private readonly long _waitTicks;
    private readonly double[] _outcomeRewards;

    // 1 while an update is asked for and not yet started: a tick that finds the gate held leaves it for the holder.
    private int _updateAsked;

    // 1 once disposed: the composition and the container both dispose, and the last settle runs once.
    private int _disposed;

    public Learner(
        LearningOptions options,
        IReadOnlyList<(string Name, int Index, LearningMode Mode, Func<bool[]> ComputedNow)> placements,
        IReadOnlyList<string> signals,
        ILearningLogSink[] sinks,
        ILearningExchange? exchange,
        TimeProvider timeProvider,
        PersonalizationMetrics metrics,
        ILogger logger)
    {
        _options = options;
        _sinks = sinks;
        _exchange = exchange;
        _timeProvider = timeProvider;
        _clock = new ClockSetBack(timeProvider);
        _metrics = metrics;
        _logger = logger;
        _waitTicks = options.RewardWaitTime.Ticks;
        Random = options.ExplorationSeed is { } seed ? new SeededDraws(seed) : Random.Shared;
        _featureNames = LearningFeatures.Names(signals);
        _outcomeRewards = new double[(int)EventKind.Consent + 1];
        Array.Fill(_outcomeRewards, double.NaN);
        foreach (var (kind, reward) in options.OutcomeRewards)
        {
            _outcomeRewards[(int)kind] = reward;
        }

        _byPlan = new PlacementLearner?[placements.Count == 0 ? 0 : placements.Max(p => p.Index) + 1];
        foreach (var placement in placements.Where(p => p.Mode != LearningMode.Off))
        {
            _byPlan[placement.Index] = new PlacementLearner(placement.Name, placement.Index, placement.Mode, signals, placement.ComputedNow, options.EvaluationWindow);
        }

        _learners = [.. _byPlan.OfType<PlacementLearner>()];
        if (_learners.Length > 0)
        {
            _pending = new PendingDecisions(options.MaxPendingDecisions, options.CandidatePool, signals.Count);
            _timer = timeProvider.CreateTimer(static state => ((Learner)state!).UpdateSafely(), this, options.UpdateInterval, options.UpdateInterval);
        }
    }

    public LearningOptions Options => _options;

    /// <summary>This personalizer's decision ids: the pending ring is indexed by their counter.</summary>
    public DecisionIds Ids { get; } = new();

    /// <summary>Where exploration draws come from; tests set a seeded one (and then decide on one thread).</summary>
    internal Random Random { get; set; }

    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>Completes when every exchange the last update started has answered (or failed): what tests await instead of polling.</summary>
    internal Task LastExchange { get; private set; } = Task.CompletedTask;

    /// <summary>The placement's learner, or null when it does not learn.</summary>
    public PlacementLearner? For(int planIndex) => (uint)planIndex < (uint)_byPlan.Length ? _byPlan[planIndex] : null;

    /// <summary>Logs the decision the thread's learning scratch holds, with the signals its plan computed (<paramref name="computed"/>). Allocation-free.</summary>
    public void Record(PlacementLearner learner, LearningScratch scratch, bool[] computed, Guid id, long ticks, string unitKey, CatalogSnapshot snapshot)
    {
        if (!scratch.HasChoice)
        {
            return;
        }

        // Set by the stage that chose this decision, on this thread; cleared so it is logged once.
        scratch.HasChoice = false;
        if (scratch.Policy != ServingPolicy.LastTouchOnly)
        {
            learner.Logged();
        }

        if (Volatile.Read(ref _disposed) == 1)
        {
            // Stopped: nothing would ever settle it (a request outliving the host's shutdown).
            if (scratch.Policy != ServingPolicy.LastTouchOnly)
            {
                _metrics.LearningDroppedAtShutdown(1);
            }

            return;
        }

        // The clock now, not the decision's time: a decision held up for seconds (its signals slow) began
        // that long ago. One dated after the clock now began before a step back (it was under way):
        // dated now, it waits no longer than its wait.
        ticks = Math.Min(ticks, FollowClock());
        if (!_pending!.Add(scratch.Choice(learner.Index, computed), id, DecisionIds.CounterOf(id), ticks, unitKey, snapshot))
        {
            _metrics.LearningDroppedOverwritten();
        }

        // Added while Dispose dropped what waited: dropped and counted here, so none is left behind.
        if (Volatile.Read(ref _disposed) == 1 && _pending.DropAll() is var dropped and > 0)
        {
            _metrics.LearningDroppedAtShutdown(dropped);
        }
    }

    /// <summary>Credits an explicit reward to a waiting decision (to one of its items, or its first).</summary>
    public bool Reward(Guid decisionId, string? itemKey, double reward)
    {
        if (_pending is null || !Ids.IsOwn(decisionId)
            || !_pending.Reward(decisionId, DecisionIds.CounterOf(decisionId), itemKey, reward, _timeProvider.GetUtcNow().UtcTicks, _waitTicks))
        {
            _metrics.LearningRewardUnmatched();
            return false;
        }

        _metrics.LearningRewarded(automatic: false);
        return true;
    }

    /// <summary>
    /// Credits a tracked outcome to the person's most recent waiting decision that showed the item
    /// (last touch), looked for under any key of theirs: <paramref name="unitKey"/> (their profile's
    /// holdout unit), <paramref name="profileKey"/> and its <paramref name="aliases"/>. Allocation-free.
    /// An undated outcome passes <paramref name="order"/>, the decision counter when it was tracked:
    /// it happens after every decision begun before it, even one dated after it because the clock
    /// was set back since (<see cref="EventOrder"/>).
    /// </summary>
    public void Attribute(string unitKey, string profileKey, ReadOnlySpan<string> aliases, EventKind kind, string itemKey, DateTimeOffset timestamp, long order = EventOrder.Dated)
    {
        if (_pending is null || (uint)kind >= (uint)_outcomeRewards.Length || double.IsNaN(_outcomeRewards[(int)kind]))
        {
            return;
        }

        _ = FollowClock();
        if (_pending.Attribute(unitKey, profileKey, aliases, itemKey, timestamp.UtcTicks, _waitTicks, _outcomeRewards[(int)kind], order))
        {
            _metrics.LearningRewarded(automatic: true);
        }
    }

    /// <summary>Drops an erased person's waiting decisions: they are never learned from nor logged. True when there were any.</summary>
    public bool Forget(string unitKey) => _pending is not null && _pending.Forget(unitKey) > 0;

    /// <summary>Drops the waiting decisions held under any of a person's <paramref name="unitKeys"/>, in one pass. True when there were any.</summary>
    public bool Forget(IEnumerable<string> unitKeys) => _pending is not null && _pending.Forget(unitKeys.ToHashSet(StringComparer.Ordinal)) > 0;

    /// <summary>
    /// The decisions waiting for rewards under any of a person's <paramref name="unitKeys"/>, oldest
    /// first, for an access request: id, placement, when made, the keys of the items shown.
    /// </summary>
    public IReadOnlyList<(Guid Id, string Placement, long Ticks, string?[] Shown)> WaitingDecisions(IEnumerable<string> unitKeys) =>
        _pending is null ? [] : [.. _pending.Find(unitKeys.ToHashSet(StringComparer.Ordinal)).Select(found => (found.Id, _byPlan[found.Placement]?.Name ?? string.Empty, found.Ticks, found.Shown))];

    /// <summary>
    /// Moves every waiting decision back by a step the wall clock was set back since the last look
    /// (<see cref="ClockSetBack"/>), before anything compares their dates with the clock's: they then
    /// settle after their wait (a person's unit key in them kept no longer than that), and the most
    /// recent of them stays the most recent for last touch. Looked at when a decision is logged, an
    /// outcome attributed and decisions settled. Returns the wall clock's reading it took.
    /// </summary>
    private long FollowClock()
    {
        if (_clock.Observe(out var nowTicks) is var step && step < 0)
        {
            // Only the decisions begun by now: one begun after the step, logged while this walks the
            // ring, is dated on the clock's new time already.
            _pending!.Shift(step, Ids.Counter);
        }

        return nowTicks;
    }

    /// <summary>
    /// Settles the decisions whose wait is over, learns from them, writes them to the sinks, solves
    /// the weights and decides who serves. Runs on the timer; one update at a time. A call that
    /// finds the gate held (an update, a report or an evaluation) is not dropped: the holder runs
    /// the update again as it leaves, so due decisions wait no extra interval.
    /// </summary>
    public void Update()
    {
        if (_pending is null)
        {
            return;
        }

        // Asked before trying the gate, with a full fence: a holder leaving after a failed TryEnter sees it.
        Interlocked.Exchange(ref _updateAsked, 1);
        RunAsked();
    }

    /// <summary>Runs updates while one is asked for and the gate is free; whoever holds the gate runs what was asked meanwhile when it leaves.</summary>
    private void RunAsked()
    {
        // The read is a full fence too, so it is not ordered before the Exit of the previous round.
        // The gate is reentrant: a call from inside it (a sink's) leaves the update to the round running.
        while (Interlocked.CompareExchange(ref _updateAsked, 0, 0) == 1 && !_updateGate.IsHeldByCurrentThread && _updateGate.TryEnter())
        {
            try
            {
                // Cleared inside the gate, before the run: a request made from here on is run by another round.
                Volatile.Write(ref _updateAsked, 0);
                UpdateOnce();
            }
            finally
            {
                _updateGate.Exit();
            }
        }
    }

    private void UpdateOnce()
    {
        var now = _timeProvider.GetUtcNow();
        _metrics.LearningSettled(Settle(now));
        var exchanges = _exchange is null ? null : new List<Task>(_learners.Length);
        foreach (var learner in _learners)
        {
            if (!learner.Changed)
            {
                // Still ask the other servers: a server that settles nothing learns from them.
                exchanges?.Add(Share(learner));
                continue;
            }

            if (learner.Solve(now) is not { } policy)
            {
                // Statistics that are not finite (another server's, or a sum too large): the
                // last solved weights keep serving, and the next change is solved again.
                _metrics.LearningUpdateFailed();
                if (_updateLog.ShouldLog(now.UtcTicks))
                {
                    Log.LearningSolveNotFinite(_logger, learner.Name);
                }

                exchanges?.Add(Share(learner));
                continue;
            }

            _metrics.LearningUpdated(learner.Name);
            if (learner.Arbitrate(_options.MinSettledDecisions, _options.TakeoverConfidence, _options.ExplorationRate, now) is { } learned)
            {
                var direction = learned ? ServingPolicyNames.Learned : ServingPolicyNames.Default;
                _metrics.LearningTakeover(learner.Name, direction);
                Log.LearningTakeover(_logger, learner.Name, direction, policy.Version, learner.LastEvaluation?.LearnedMinusDefault.ToString() ?? "not evaluated (online mode)");
            }

            exchanges?.Add(Share(learner));
        }

        if (exchanges is not null)
        {
            LastExchange = Task.WhenAll(exchanges);
        }
    }

    /// <summary>
    /// Settles the decisions whose wait is over at <paramref name="now"/>: learns from them and writes
    /// them to the sinks. Returns how many were learned from. Under the update gate.
    /// </summary>
    private int Settle(DateTimeOffset now)
    {
        // Asked only when there is a ring (Update and Dispose return first without one).
        _ = FollowClock();
        var due = _pending!.TakeDue(now.UtcTicks - _waitTicks, _options.DefaultReward);
        var learnedFrom = 0;
        foreach (var decision in due)
        {
            if (_byPlan[decision.Placement] is not { } learner)
            {
                continue;
            }

            // A holdout's control decision is only tallied: not learned from, not logged, not counted as settled and learned.
            if (learner.Learn(decision, _options.ExplorationRate))
            {
                learnedFrom++;
                if (_sinks.Length > 0)
                {
                    WriteToSinks(learner, decision);
                }
            }

            // Only the record needed the catalog: the evaluation window keeps no old catalog alive.
            decision.Snapshot = null;
        }

        return learnedFrom;
    }

    /// <summary>The timer's entry: a fault in an update is logged and counted, never thrown on a timer thread (which would end the process).</summary>
    private void UpdateSafely()
    {
        try
        {
            Update();
        }
        catch (Exception exception)
        {
            UpdateFailed(exception);
        }
    }

    /// <summary>After a report or an evaluation held the gate: runs the update a tick asked for meanwhile, on this thread, faults logged as the timer's.</summary>
    private void RunAskedSafely()
    {
        try
        {
            RunAsked();
        }
        catch (Exception exception)
        {
            UpdateFailed(exception);
        }
    }

    private void UpdateFailed(Exception exception)
    {
        _metrics.LearningUpdateFailed();
        if (_updateLog.ShouldLog(_timeProvider.GetUtcNow().UtcTicks))
        {
            Log.LearningUpdateFailed(_logger, exception);
        }
    }

    public LearningReport GetReport()
    {
        LearningReport report;
        lock (_updateGate)
        {
            report = new LearningReport(_timeProvider.GetUtcNow(), [.. _learners.Select(learner => learner.Report())]);
        }

        RunAskedSafely();
        return report;
    }

    public PolicyEvaluation Evaluate(string placement, IReadOnlyDictionary<string, float>? candidateWeights = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(placement);
        var learner = Array.Find(_learners, l => string.Equals(l.Name, placement, StringComparison.Ordinal))
            ?? throw new ArgumentException($"Placement '{placement}' does not learn: set PersonalizationOptions.Learning.Mode or its PlacementOptions.LearningMode.", nameof(placement));
        double[]? candidate = null;
        if (candidateWeights is not null)
        {
            foreach (var (signal, weight) in candidateWeights)
            {
                if (!learner.HasSignal(signal) || !float.IsFinite(weight))
                {
                    throw new ArgumentException($"Candidate weight '{signal}' = {weight}: every weight must name a registered signal and be finite.", nameof(candidateWeights));
                }
            }

            candidate = learner.ThetaOf(candidateWeights);
        }

        // What the decisions computed is judged under the gate, where the window is read: a reload
        // may have weighed a signal in or out since the decisions in it were made.
        PolicyEvaluation? evaluation = null;
        string? notComputed = null;
        lock (_updateGate)
        {
            notComputed = candidateWeights?.FirstOrDefault(pair => pair.Value != 0 && !learner.Computes(pair.Key)).Key;
            if (notComputed is null)
            {
                evaluation = learner.Evaluate(_timeProvider.GetUtcNow(), _options.TakeoverConfidence, _options.ExplorationRate, candidate);
            }
        }

        RunAskedSafely();
        return evaluation ?? throw new ArgumentException($"Candidate weight '{notComputed}': placement '{placement}' does not compute this signal (no configured weight now, and none when the decisions it keeps for evaluation were made), so its logs hold no value for it; give it a small configured weight to let the learner and the evaluation use it.", nameof(candidateWeights));
    }

    /// <summary>
    /// Runs one last update as a host stops, before the learner is disposed: settles the decisions
    /// whose wait is over and shares this server's statistics through the exchange, so what it
    /// learned since its last update reaches the other servers instead of leaving with it (the field
    /// of a stopped server keeps counting). Completes when the exchange answered or failed, or when
    /// <paramref name="cancellationToken"/> is cancelled, whichever comes first: the update runs
    /// the log sinks (host code, perhaps slow) on a pool thread, which finishes on its own; the
    /// disposal waits for it. Never throws. Does nothing without an exchange or a learning
    /// placement, or once disposed.
    /// </summary>
    /// <param name="cancellationToken">The host's stop deadline.</param>
    internal async Task ShareAtStopAsync(CancellationToken cancellationToken)
    {
        if (_exchange is null || _pending is null || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        var update = Task.Run(
            () =>
            {
                try
                {
                    // Under the gate, so an update in flight (the timer's) finishes first and this one runs whole.
                    lock (_updateGate)
                    {
                        if (Volatile.Read(ref _disposed) == 1)
                        {
                            return Task.CompletedTask;
                        }

                        UpdateOnce();
                        return LastExchange;
                    }
                }
                catch (Exception exception)
                {
                    UpdateFailed(exception);
                    return Task.CompletedTask;
                }
            },
            CancellationToken.None);

        try
        {
            // Run unwraps the exchange: this waits for the update and then its exchange. Each
            // exchange logs and counts its own failure; only the host's deadline ends the wait early.
            await update.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's deadline: the update goes on without the stop waiting for it.
        }
    }

    /// <summary>
    /// Stops the updates, settles the decisions whose wait is over (learned from and logged, as an
    /// update would) and counts and logs those still within their wait as dropped: the ring is not
    /// kept across a restart. Runs once, however often it is called, and never throws.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _timer?.Dispose();
        try
        {
            SettleAtShutdown();
        }
        catch (Exception exception)
        {
            UpdateFailed(exception);
        }
        finally
        {
            _stopping.Cancel();
        }
    }

    /// <summary>The last settle: what is due goes to the learner and the sinks; what still waits is dropped, counted and logged once.</summary>
    private void SettleAtShutdown()
    {
        if (_pending is null)
        {
            return;
        }

        var dropped = 0;

        // Taken as an update takes it, so an update in flight (the timer's last tick) finishes first.
        lock (_updateGate)
        {
            try
            {
                _metrics.LearningSettled(Settle(_timeProvider.GetUtcNow()));
            }
            catch (Exception exception)
            {
                // A learner fault still leaves the waiting decisions to count below.
                UpdateFailed(exception);
            }

            dropped = _pending.DropAll();
        }

        if (dropped > 0)
        {
            _metrics.LearningDroppedAtShutdown(dropped);
            Log.LearningDroppedAtShutdown(_logger, dropped);
        }
    }

    private Task Share(PlacementLearner learner)
    {
        var own = learner.OwnStatistics();
        return _exchange!.ExchangeAsync(learner.Name, _featureNames, own, _stopping.Token)
            .ContinueWith(
                static (task, state) =>
                {
                    var (learner, own) = ((PlacementLearner, double[]))state!;
                    learner.SetShared(task.IsCompletedSuccessfully ? task.Result : null, own);
                },
                (learner, own),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }

    private void WriteToSinks(PlacementLearner learner, SettledDecision decision)
    {
        var record = ToRecord(learner, decision);
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Write(record);
            }
            catch (Exception exception)
            {
                _metrics.LearningSinkFaulted();
                if (_sinkLog.ShouldLog(_timeProvider.GetUtcNow().UtcTicks))
                {
                    Log.LearningSinkFaulted(_logger, sink.GetType().Name, exception);
                }
            }
        }
    }

    private LearningRecord ToRecord(PlacementLearner learner, SettledDecision decision)
    {
        var n = (_featureNames.Length - 1) / 2;
        var candidates = new LoggedCandidate[decision.Items.Length];
        for (var j = 0; j < candidates.Length; j++)
        {
            var features = new float[_featureNames.Length];
            LearningFeatures.FillLogged(decision.Signals.AsSpan(j * n, n), decision.Confidence, decision.Computed, features);
            var category = decision.Categories[j];
            candidates[j] = new LoggedCandidate(
                decision.Snapshot!.GetItem(decision.Items[j])?.Key ?? string.Empty,
                category >= 0 ? decision.Snapshot!.GetCategoryName(category) : null,
                features);
        }

        var slots = new LoggedSlot[decision.Chosen.Length];
        for (var slot = 0; slot < slots.Length; slot++)
        {
            // (1 - epsilon) + epsilon / n may round a last bit above 1.
            slots[slot] = new LoggedSlot(decision.Chosen[slot], Math.Min(decision.Probabilities[slot], 1), decision.Rewards[slot], decision.Rewarded[slot]);
        }

        return new LearningRecord(
            decision.Id,
            learner.Name,
            new DateTimeOffset(decision.Ticks, TimeSpan.Zero),
            ServingPolicyNames.Of(decision.Policy),
            decision.Version,
            _options.ExplorationRate,
            decision.MaxPerCategory,
            _featureNames,
            candidates,
            slots,
            decision.LearnedVersion,
            decision.LearnedSlate);
    }
}
