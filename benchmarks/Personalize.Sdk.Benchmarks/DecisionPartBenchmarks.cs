using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Signals;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// Where a decision's time goes, part by part: each benchmark calls one of the stage objects
/// <c>DecisionPipeline.Decide</c> runs, directly, with the arguments Decide passes it, on the
/// warm setup of <see cref="DecisionStageBenchmarks"/>' "everything" case and <see cref="RankBenchmarks"/>
/// (1,000 candidates, top 10, the user with history, the six signals, the six guardrails, a 5% holdout).
/// The whole decision (<c>Rank</c> into a span) is the baseline, so each part reads as a share of it.
/// <para>
/// Setup: the whole decision runs <see cref="WarmDecisions"/> times first (in every case, so every
/// part starts from the state a long run of decisions leaves: the person's showing table full and
/// the frequency cap resting what was shown too often). Then each stage runs once, in Decide's order,
/// into a working memory of the benchmark's own (<see cref="DecisionScratch"/>), and what a stage
/// produced (the profile copy, candidates, kept candidates, signal matrix, scores, selection) stays
/// there as the next stage's input. Setup checks that these parts together rank exactly what a
/// preview decision ranks, and that the decision takes the path timed here (scored, not learned).
/// </para>
/// <para>
/// A part that writes the working memory writes the same values on every call (the profile copy,
/// the matrix, the scores), so later parts' inputs do not change. The record part changes state
/// as every decision does: it counts the same ten showings on the person's live profile again, adds
/// to the readiness counts and records the (already known) exposure; it records the same decision,
/// at setup's time, on every call. Decide's own glue (clock, settings, placement plan, scratch rent
/// and return, the learner lookup, the erasure checks) is in no part.
/// </para>
/// <para>
/// One case, "all parts in sequence", runs the parts one after another, each handed what the one
/// before produced, as Decide does: Decide without its glue. Its showings come from its own
/// selections, so, as in a long run of whole decisions, what it showed five times rests. The whole
/// decision less it is the glue; it less the sum of the parts alone is what running them in turn
/// costs over running each alone with its data hot in the caches.
/// </para>
/// </summary>
[MemoryDiagnoser]
public class DecisionPartBenchmarks
{
    private const int Candidates = 1_000;
    private const int Top = 10;
    private const int WarmDecisions = 1_000;

    private ServiceProvider _services = null!;
    private Personalizer _personalizer = null!;
    private DecisionPipeline _stages = null!;
    private IdentityMap _identity = null!;
    private ReadinessMonitor _readiness = null!;
    private Learner _learner = null!;
    private IItemStatistics _statistics = null!;
    private TimeProvider _time = null!;
    private SignalSlot[] _slots = null!;
    private PersonalizationRequest _request;
    private RankedItem[] _wholeDestination = null!;

    // What the parts before each part produced, once, in setup.
    private DecisionSettings _settings = null!;
    private PlacementPlan _plan = null!;
    private CatalogSnapshot _snapshot = null!;
    private DateTimeOffset _now;
    private int _count;
    private DecisionScratch _scratch = null!;
    private UserProfile? _live;
    private string _unitKey = null!;
    private ConsentFlags _consent;
    private bool _known;
    private HoldoutAssignment? _holdout;
    private HoldoutAssignment[] _assignments = null!;
    private int _firstHoldout;
    private (DecisionVariant Variant, DecisionReason Reason) _intended;
    private bool _paused;
    private DecisionVariant _served;
    private int _resolved;
    private int _kept;
    private RankedItem[] _destination = null!;
    private int[] _selected = null!;
    private int _written;
    private DecisionInfo _info;
    private bool _measured;
    private int _popularity;
    private int _categoryAffinity;
    private int _attributeAffinity;
    private int _coOccurrence;
    private int _statedPreference;
    private int _context;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BenchmarkData.Catalog(Candidates);
        (_services, _) = BenchmarkData.Warm(catalog, signals: BenchmarkData.SixSignals, holdout: true, guardrails: true);
        var composition = _services.GetRequiredService<PersonalizationComposition>();
        _personalizer = composition.Personalizer;
        _stages = _personalizer.Decisions;
        _identity = _personalizer.Identity;
        _readiness = composition.Readiness;
        _learner = _personalizer.Learner;
        _statistics = _personalizer.Statistics;
        _time = _services.GetRequiredService<TimeProvider>();
        _slots = composition.Rules.Signals;
        _request = new PersonalizationRequest(BenchmarkData.User)
        {
            Candidates = catalog.Select(item => item.Key).ToArray(),
            Count = Top,
            Context = new RequestContext { Channel = "web" },
        };
        _wholeDestination = new RankedItem[Top];
        for (var i = 0; i < WarmDecisions; i++)
        {
            _personalizer.Rank(_request, _wholeDestination, out _);
        }

        // Decide's opening: clock, settings, plan, count, catalog snapshot, working memory.
        _now = _time.GetUtcNow();
        _settings = composition.Settings.Current;
        _settings.Placements.TryGet(_request.Placement, out _plan);
        _destination = new RankedItem[Top];
        _count = Math.Min(_stages.CountFor(_request), _destination.Length);
        _snapshot = composition.Catalog.Current;
        _scratch = new DecisionScratch();

        // Each stage once, in Decide's order, its outputs the next one's inputs.
        _live = _stages.Profiles.Load(_request.UserKey, _scratch.Profile, _snapshot, out _, out _unitKey, out _consent, out _known);
        _holdout = _stages.Holdouts.Assign(_plan, _unitKey, _request.ForceArm, _scratch, out var assignments, out _firstHoldout);
        _assignments = assignments.ToArray();
        _intended = Variant(_holdout, _consent, out _paused);
        _resolved = _stages.Candidates.Resolve(_request, _plan, _snapshot, _scratch, out _).Length;
        _kept = _stages.Guardrails.Apply(Context(), _plan, _scratch.Candidates(_resolved), null, out var guardrailFailed).Length;
        _served = _paused ? DecisionVariant.Fallback : _intended.Variant;
        var runs = _scratch.SignalRuns(_stages.Signals.Count);
        runs.Clear();
        var outcome = _stages.Signals.Compute(Context(), _plan, _scratch.Kept(_kept), _intended.Variant, _served, Matrix(clear: true), runs);
        _written = _stages.Scoring.Score(Context(), _plan, _scratch.Kept(_kept), Matrix(clear: false), runs, _served, inCandidateOrder: false, _count, _settings.MaxPerCategory, _destination, out var selected);
        _selected = selected.ToArray();
        var (variant, reason, _) = VariantPolicy.Settle(_intended, PipelineFailure.None, _paused);
        _info = new DecisionInfo(_learner.Ids.Next(_now), variant, _now, _holdout, reason, _plan.Name);
        _measured = _holdout is not null && _written > 0 && _request.ForceArm is null && !_settings.KillSwitch && !_paused;

        // The parts are the decision: the path Decide takes here, and what a preview decision ranks.
        if (guardrailFailed || outcome.IntendedAllFailed || outcome.ServedAllFailed || _learner.For(_plan.Index) is not null
            || _served is not DecisionVariant.Personalized || _live is null)
        {
            throw new InvalidOperationException("The decision does not take the path these parts time: scored, personalized, for a person with a profile.");
        }

        var preview = new RankedItem[Top];
        var written = _personalizer.Rank(_request with { Preview = true }, preview, out _);
        for (var i = 0; i < Math.Max(written, _written); i++)
        {
            // The same items in the same order; the scores to float precision (the preview decides a moment later, and affinities decay).
            if (written != _written || preview[i].ItemKey != _destination[i].ItemKey || Math.Abs(preview[i].Score - _destination[i].Score) > 1e-4f * Math.Max(1f, Math.Abs(preview[i].Score)))
            {
                throw new InvalidOperationException("The parts rank other items than the whole decision.");
            }
        }

        _popularity = SlotOf(BuiltInSignals.Popularity);
        _categoryAffinity = SlotOf(BuiltInSignals.CategoryAffinity);
        _attributeAffinity = SlotOf(BuiltInSignals.AttributeAffinity);
        _coOccurrence = SlotOf(BuiltInSignals.CoOccurrence);
        _statedPreference = SlotOf(BuiltInSignals.StatedPreference);
        _context = SlotOf(BuiltInSignals.Context);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>The whole decision, as the other rank benchmarks time it.</summary>
    [Benchmark(Baseline = true, Description = "whole decision (Rank into a span)")]
    public int WholeDecision() => _personalizer.Rank(_request, _wholeDestination, out _);

    /// <summary>Resolving the user key to the profile's key (an alias map lookup); part of <see cref="ProfileRead"/>.</summary>
    [Benchmark(Description = "identity (IdentityMap.Resolve)")]
    public string Identity() => _identity.Resolve(_request.UserKey, out _);

    /// <summary>Identity, then the profile found and copied into the decision's working memory, the consent read.</summary>
    [Benchmark(Description = "identity + profile read (ProfileLoader.Load)")]
    public bool ProfileRead() => _stages.Profiles.Load(_request.UserKey, _scratch.Profile, _snapshot, out _, out _, out _, out _) is not null;

    [Benchmark(Description = "holdout (HoldoutStage.Assign)")]
    public HoldoutAssignment? Holdout() => _stages.Holdouts.Assign(_plan, _unitKey, _request.ForceArm, _scratch, out _, out _);

    /// <summary>The profile's confidence, <see cref="VariantPolicy.Intend"/> and the placement's pause check.</summary>
    [Benchmark(Description = "variant (confidence, VariantPolicy.Intend, pause check)")]
    public DecisionVariant VariantPart() => Variant(_holdout, _consent, out _).Variant;

    /// <summary>The 1,000 keys to item indices; the same key array as the last decision on this thread, so remembered, as in the whole decision.</summary>
    [Benchmark(Description = "candidate resolution (CandidateResolver.Resolve)")]
    public int CandidateResolution() => _stages.Candidates.Resolve(_request, _plan, _snapshot, _scratch, out _).Length;

    [Benchmark(Description = "guardrails, all six (GuardrailStage.Apply)")]
    public int Guardrails() => _stages.Guardrails.Apply(Context(), _plan, _scratch.Candidates(_resolved), null, out _).Length;

    /// <summary>Every signal: the matrix cleared, the runs reset, each weighted signal's column computed.</summary>
    [Benchmark(Description = "signals, all six (SignalStage.Compute)")]
    public bool AllSignals()
    {
        var runs = _scratch.SignalRuns(_stages.Signals.Count);
        runs.Clear();
        return _stages.Signals.Compute(Context(), _plan, _scratch.Kept(_kept), _intended.Variant, _served, Matrix(clear: true), runs).ServedAllFailed;
    }

    [Benchmark(Description = "signal: popularity")]
    public bool Popularity() => Signal(_popularity);

    [Benchmark(Description = "signal: category affinity")]
    public bool CategoryAffinity() => Signal(_categoryAffinity);

    [Benchmark(Description = "signal: attribute affinity")]
    public bool AttributeAffinity() => Signal(_attributeAffinity);

    [Benchmark(Description = "signal: co-occurrence")]
    public bool CoOccurrence() => Signal(_coOccurrence);

    [Benchmark(Description = "signal: stated preference")]
    public bool StatedPreference() => Signal(_statedPreference);

    [Benchmark(Description = "signal: context")]
    public bool ContextSignal() => Signal(_context);

    /// <summary>The served variant's weights times the matrix: the scoring half of <see cref="ScoringStage.Score"/>.</summary>
    [Benchmark(Description = "scoring: weighted sum (ScoringStage.Accumulate)")]
    public int WeightedSum() => _stages.Scoring.Accumulate(_scratch, _plan, _kept, Matrix(clear: false), _scratch.SignalRuns(_stages.Signals.Count), _served).Length;

    /// <summary>The best 10 of the scores with the category cap, written out: the top-K half of <see cref="ScoringStage.Score"/>.</summary>
    [Benchmark(Description = "top-K with category cap (ScoringStage.Select)")]
    public int TopK() => ScoringStage.Select(Context(), _scratch.Kept(_kept), _scratch.Scores(_kept, clear: false), inCandidateOrder: false, _count, _settings.MaxPerCategory, _destination, out _);

    /// <summary>What Decide calls: the weighted sum, then top-K.</summary>
    [Benchmark(Description = "scoring + top-K (ScoringStage.Score)")]
    public int Score() => _stages.Scoring.Score(Context(), _plan, _scratch.Kept(_kept), Matrix(clear: false), _scratch.SignalRuns(_stages.Signals.Count), _served, inCandidateOrder: false, _count, _settings.MaxPerCategory, _destination, out _);

    /// <summary><see cref="VariantPolicy.Settle"/> and the decision's id.</summary>
    [Benchmark(Description = "settle + decision id")]
    public Guid Settle()
    {
        var (variant, reason, _) = VariantPolicy.Settle(_intended, PipelineFailure.None, _paused);
        return new DecisionInfo(_learner.Ids.Next(_now), variant, _now, _holdout, reason, _plan.Name).Id;
    }

    /// <summary>Showings for the frequency cap, readiness counts, the exposure: changes state, as every decision does (see the class).</summary>
    [Benchmark(Description = "recording (DecisionRecorder.Record)")]
    public void Recording() => _stages.Recorder.Record(new DecisionRecord
    {
        Info = _info,
        Plan = _plan,
        Live = _live,
        Profile = _scratch.Profile,
        UnitKey = _unitKey,
        Known = _known,
        Failed = false,
        Measured = _measured,
        Catalog = _snapshot,
        Kept = _scratch.Kept(_kept),
        Selected = _selected,
        Items = _destination.AsSpan(0, _written),
        Written = _written,
        Assignments = _assignments,
        FirstHoldout = _firstHoldout,
        SignalRuns = _scratch.SignalRuns(_stages.Signals.Count),
    });

    /// <summary>The decision's span (none without a listener, as here), its timing and metrics.</summary>
    [Benchmark(Description = "telemetry (DecisionTelemetry, no listener)")]
    public void Telemetry()
    {
        var started = _time.GetTimestamp();
        using var activity = _stages.Telemetry.StartDecision();
        _stages.Telemetry.DecisionMade(activity, _info, _written, _time.GetElapsedTime(started));
    }

    /// <summary>
    /// The partition's parts one after another, each handed what the one before produced, as Decide
    /// does (identity and profile read, holdout, variant, candidates, guardrails, signals, scoring and
    /// top-K, settle, record, telemetry): Decide without its glue. Its mean less the sum of those
    /// parts' means is what running them in turn costs over running each alone (caches); the whole
    /// decision less it is the glue.
    /// </summary>
    [Benchmark(Description = "all parts in sequence (Decide without its glue)")]
    public int Sequence()
    {
        var live = _stages.Profiles.Load(_request.UserKey, _scratch.Profile, _snapshot, out _, out var unitKey, out var consent, out var known);
        var holdout = _stages.Holdouts.Assign(_plan, unitKey, _request.ForceArm, _scratch, out var assignments, out var firstHoldout);
        var intended = Variant(holdout, consent, out var paused);
        var resolved = _stages.Candidates.Resolve(_request, _plan, _snapshot, _scratch, out _);
        var kept = _stages.Guardrails.Apply(Context(), _plan, resolved, null, out _);
        var served = paused ? DecisionVariant.Fallback : intended.Variant;
        var runs = _scratch.SignalRuns(_stages.Signals.Count);
        runs.Clear();
        var matrix = _scratch.Matrix(kept.Length * _stages.Signals.Count, clear: true);
        _stages.Signals.Compute(Context(), _plan, kept, intended.Variant, served, matrix, runs);
        var written = _stages.Scoring.Score(Context(), _plan, kept, matrix, runs, served, inCandidateOrder: false, _count, _settings.MaxPerCategory, _destination, out var selected);
        var (variant, reason, failed) = VariantPolicy.Settle(intended, PipelineFailure.None, paused);
        var info = new DecisionInfo(_learner.Ids.Next(_now), variant, _now, holdout, reason, _plan.Name);
        _stages.Recorder.Record(new DecisionRecord
        {
            Info = info,
            Plan = _plan,
            Live = live,
            Profile = _scratch.Profile,
            UnitKey = unitKey,
            Known = known,
            Failed = failed,
            Measured = holdout is not null && written > 0 && _request.ForceArm is null && !_settings.KillSwitch && !paused,
            Catalog = _snapshot,
            Kept = kept,
            Selected = selected,
            Items = _destination.AsSpan(0, written),
            Written = written,
            Assignments = assignments,
            FirstHoldout = firstHoldout,
            SignalRuns = runs,
        });
        var started = _time.GetTimestamp();
        using var activity = _stages.Telemetry.StartDecision();
        _stages.Telemetry.DecisionMade(activity, info, written, _time.GetElapsedTime(started));
        return written;
    }

    /// <summary>Decide's variant block: the profile's confidence, the intended variant, the pause check.</summary>
    private (DecisionVariant Variant, DecisionReason Reason) Variant(HoldoutAssignment? holdout, ConsentFlags consent, out bool paused)
    {
        var confidence = _scratch.Profile.Confidence(_now.UtcTicks, _settings.AffinityHalfLifeTicks);
        var intended = VariantPolicy.Intend(new VariantFacts(
            _settings.KillSwitch,
            holdout?.Arm == HoldoutArm.Control,
            consent,
            _request.Context.LowIntent,
            !_scratch.Profile.IsEmpty,
            confidence,
            _settings.MinConfidence));
        paused = !_settings.KillSwitch && _readiness.IsPaused(_plan, _now);
        return intended;
    }

    /// <summary>One signal as <see cref="SignalStage.Compute"/> runs it, its column cleared first as Decide's matrix is.</summary>
    private bool Signal(int slot)
    {
        var kept = _scratch.Kept(_kept);
        var column = Matrix(clear: false).Slice(slot * kept.Length, kept.Length);
        column.Clear();
        return _stages.Signals.TryCompute(_slots[slot], Context(), kept, column, ref _scratch.SignalRuns(_stages.Signals.Count)[slot]);
    }

    private Span<float> Matrix(bool clear) => _scratch.Matrix(_kept * _stages.Signals.Count, clear);

    private DecisionContext Context() => new(_snapshot, _scratch.Profile, _statistics, _scratch, _request.Context, _now, _settings.AffinityHalfLifeTicks, _settings.FreshnessPeriodTicks);

    private int SlotOf(string signal)
    {
        var slot = Array.FindIndex(_slots, s => s.Name == signal);
        return slot >= 0 ? slot : throw new InvalidOperationException($"No signal {signal}.");
    }
}
