using System.ComponentModel.DataAnnotations;

namespace Personalize.Sdk;

/// <summary>
/// How placements learn their mix of signals from outcomes: a contextual bandit per placement,
/// updated off the request path, with exact logged probabilities for offline evaluation. Read at
/// start only.
/// </summary>
/// <remarks>
/// Decisions served as <see cref="DecisionVariant.Personalized"/> or
/// <see cref="DecisionVariant.ColdStart"/> are explored, logged and learned from; the configured
/// policy of each is the weights it was served by. Decisions for a person without
/// <see cref="ConsentFlags.Personalization"/>, QA overrides (<c>ForceArm</c>) and low-intent
/// requests (<see cref="RequestContext.LowIntent"/>: served the configured cold-start weights, in a
/// holdout's control arm not tallied either) are neither explored nor learned from. The learner weighs the signals the placement computes: those with a
/// configured weight above 0 for users with or without history; give a signal a small weight to let
/// the learner consider it (one left at 0 is not computed, to keep decisions fast). A holdout's control arm always gets the default experience and is never explored;
/// its rewards are tallied as the <c>control</c> policy so the learning report can compare it.
/// Previews are never explored nor logged.
/// </remarks>
public sealed class LearningOptions
{
    /// <summary>Whether placements learn; <see cref="PlacementOptions.LearningMode"/> overrides it per placement.</summary>
    /// <value>The default is <see cref="LearningMode.Off"/>.</value>
    public LearningMode Mode { get; set; } = LearningMode.Off;

    /// <summary>
    /// The exploration rate: in each slot, the probability that the policy's choice is replaced by
    /// an item drawn uniformly from the candidate pool not shown yet whose category is under
    /// <see cref="PersonalizationOptions.MaxPerCategory"/> (from all not shown only when none is).
    /// Every item the cap allows so has a positive probability, which offline evaluation needs; 0
    /// explores nothing, and then only the serving policy can be evaluated. A guardrail's removal is
    /// never explored back.
    /// </summary>
    /// <value>The default is 0.05. Allowed: 0 to 0.5.</value>
    [Range(0d, 0.5d)]
    public double ExplorationRate { get; set; } = 0.05;

    /// <summary>
    /// A seed for the exploration draws, for simulations and tests that must be reproducible: with a
    /// seed, the same sequence of decisions explores the same way (decisions made concurrently take
    /// the draws in whatever order they come). Leave it unset in production.
    /// </summary>
    /// <value>The default is <see langword="null"/>: draws from <see cref="Random.Shared"/>.</value>
    public int? ExplorationSeed { get; set; }

    /// <summary>How long a decision waits for rewards before it is settled and learned from.</summary>
    /// <value>The default is 10 minutes. Allowed: 1 second to 7 days.</value>
    public TimeSpan RewardWaitTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The reward of a shown item that nothing rewarded within <see cref="RewardWaitTime"/>.</summary>
    /// <value>The default is 0. Allowed: 0 to 1.</value>
    [Range(0d, 1d)]
    public double DefaultReward { get; set; }

    /// <summary>
    /// Automatic rewards: a tracked click, add-to-cart or purchase of an item a person's decision
    /// showed within <see cref="RewardWaitTime"/> rewards that item with this value. Only
    /// <see cref="EventKind.Click"/>, <see cref="EventKind.AddToCart"/> and
    /// <see cref="EventKind.Purchase"/> may be listed; remove a kind to stop rewarding it.
    /// </summary>
    /// <remarks>
    /// Each outcome rewards one decision, the last touch: the person's most recent decision still
    /// waiting (made within <see cref="RewardWaitTime"/> before the outcome, and not after it) that
    /// showed the item, in the slot that showed it, whichever placement made it and under any key of
    /// the person (a decision made as a guest counts after they sign in). Earlier decisions that
    /// showed the item too get nothing from that outcome. A decision that showed the item beyond its
    /// <see cref="CandidatePool"/> (a count above the pool) is its last touch too, but that slot is not
    /// logged for learning: the outcome is spent there, no decision is rewarded by it, and it is not
    /// counted in <c>personalize.learning.rewards</c>. (Such a decision keeps which items it showed
    /// beyond its pool in a ring shared by all waiting decisions, of <see cref="MaxPendingDecisions"/> ×
    /// <see cref="CandidatePool"/> items: only when the decisions made within <see cref="MaxPendingDecisions"/>
    /// decisions show on average more than <see cref="CandidatePool"/> items beyond their pools do the
    /// oldest waiting ones forget theirs, and an outcome then goes on to the latest decision that logged
    /// the item.) A second outcome of the item is attributed
    /// the same way, to the most recent waiting decision that showed it then; within a decision an
    /// item keeps the largest reward it received. With servers sharing state, each server finds the
    /// last touch among its own waiting decisions. An explicit <c>IPersonalizer.Reward</c> goes to
    /// the decision it names.
    /// </remarks>
    /// <value>The default is click 0.3, add-to-cart 0.6, purchase 1. Each value: 0 to 1.</value>
    public IDictionary<EventKind, double> OutcomeRewards { get; } = new Dictionary<EventKind, double>
    {
        [EventKind.Click] = 0.3,
        [EventKind.AddToCart] = 0.6,
        [EventKind.Purchase] = 1.0,
    };

    /// <summary>
    /// How often settled decisions are learned and the weights solved again, off the request path.
    /// An update that fails is logged and counted (<c>personalize.learning.update_failures</c>, on
    /// the <c>Personalize.Sdk</c> meter); decisions go on with the last solved weights and the next
    /// update tries again.
    /// </summary>
    /// <value>The default is 1 minute. Allowed: 100 milliseconds to 1 day.</value>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many settled decisions a placement needs before learned weights may serve it: in online
    /// mode, settled on this server and, with servers sharing their learning (the Redis package), on
    /// the other servers, added together (so a new server serves what the others learned once they
    /// learned from enough); in apprentice mode, settled on this server, whose logs the takeover
    /// rule evaluates (see <see cref="TakeoverConfidence"/>). Only decisions learned from count: a holdout's control
    /// decisions are tallied for the report but teach nothing, so they neither count here nor make
    /// the learner solve a new version.
    /// </summary>
    /// <value>The default is 1,000. Must be positive.</value>
    [Range(1, int.MaxValue)]
    public int MinSettledDecisions { get; set; } = 1_000;

    /// <summary>
    /// The confidence with which offline evaluation must find the learned weights better than the
    /// configured ones before they take over an apprentice placement: the lower end of the doubly
    /// robust estimate of the difference must be above 0, and the window must hold at least 15
    /// decisions that showed first the learned weights' own choice (one the configured weights would
    /// not have made), without which the estimate is the learner's own reward model's view of its
    /// favourites, read too high. The apprentice judges at looks, when
    /// <see cref="MinSettledDecisions"/> decisions were learned from, then each time that count has
    /// doubled, or grown by <see cref="EvaluationWindow"/> once that is smaller; look j (from 0) asks
    /// for 1 - (1 - this) / ((j + 1)(j + 2)), so all its looks together hand over to weights that are
    /// not better no more often than one look at this confidence would. The looks are counted per
    /// process: a restarted server starts at look 0. It hands back, after any update, when the upper
    /// end at this confidence is below 0. Every evaluation is at this confidence: the one a report
    /// shows (<see cref="Reporting.PlacementLearning.Evaluation"/>) and those of
    /// <see cref="Reporting.ILearningReporter.Evaluate"/>; a look's stricter confidence is used only to decide.
    /// </summary>
    /// <value>The default is 0.95. Allowed: 0.5 to 0.999.</value>
    [Range(0.5d, 0.999d)]
    public double TakeoverConfidence { get; set; } = 0.95;

    /// <summary>
    /// How many candidates the learner chooses from: the best of the configured mix. Like Azure
    /// Personalizer's Rank, which took at most 50 actions, this bounds what is explored and logged.
    /// </summary>
    /// <value>The default is 32. Allowed: 2 to 64.</value>
    [Range(2, 64)]
    public int CandidatePool { get; set; } = 32;

    /// <summary>How many settled decisions each placement keeps in memory for offline evaluation; the oldest go first.</summary>
    /// <value>The default is 10,000. Allowed: 100 to 1,000,000.</value>
    [Range(100, 1_000_000)]
    public int EvaluationWindow { get; set; } = 10_000;

    /// <summary>
    /// How many decisions may wait for rewards at once; beyond it the oldest is dropped unsettled, and
    /// counted. The ring is indexed by the decision id, which counts every decision this personalizer
    /// makes, learning or not: size it to all the decisions a server makes within
    /// <see cref="RewardWaitTime"/>. Each takes <see cref="CandidatePool"/> × (signals + 9) × 4 bytes
    /// plus 109: 2,541 bytes with the 10 built-in signals and the default pool, so the default takes
    /// 41.6 MB (39.7 MiB), allocated when the first placement learns. The ring's size is this value
    /// rounded up to a power of two.
    /// </summary>
    /// <value>The default is 16,384. Allowed: 64 to 4,194,304.</value>
    [Range(64, 4_194_304)]
    public int MaxPendingDecisions { get; set; } = 16_384;
}
