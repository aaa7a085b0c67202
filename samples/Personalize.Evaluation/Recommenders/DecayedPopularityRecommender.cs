using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// The same list for everyone: items by time-decayed popularity. Each training interaction counts
/// 2^(−age / half-life), its age taken at the decision's time, so an interaction one half-life old
/// counts half as much as one made now. <see cref="Observe"/> adds interactions as they happen, so
/// the prequential walk can run it live.
/// </summary>
/// <remarks>
/// Scores are kept relative to a reference time (each interaction adds 2^((t − reference) / half-life)),
/// which multiplies every item's score by the same factor as time passes and so never changes the
/// order. The reference moves forward before the weights could overflow.
/// </remarks>
internal sealed class DecayedPopularityRecommender : IIncrementalRecommender
{
    /// <summary>The exponent (in half-lives) past which the scores are rescaled: 2^500 is far from double's limit.</summary>
    private const double RescaleAfterHalfLives = 500;

    private double[] _scores = [];
    private DateTimeOffset _reference;

    /// <summary>Creates the recommender with a half-life of <paramref name="halfLifeDays"/> days (&gt; 0).</summary>
    public DecayedPopularityRecommender(double halfLifeDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeDays);
        HalfLife = TimeSpan.FromDays(halfLifeDays);
    }

    /// <summary>The age at which an interaction counts half.</summary>
    public TimeSpan HalfLife { get; }

    /// <inheritdoc />
    public string Name => "decayed-popularity";

    /// <inheritdoc />
    public void Fit(TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _scores = new double[train.ItemKeys.Count];
        _reference = train.Start;
        foreach (var e in train.Events)
        {
            Add(e.Item, e.Timestamp);
        }
    }

    /// <inheritdoc />
    public void Observe(in IndexedEvent interaction) => Add(interaction.Item, interaction.Timestamp);

    /// <summary>The item's decayed count at <paramref name="now"/>: Σ 2^(−(now − t) / half-life) over its interactions.</summary>
    public double Score(int item, DateTimeOffset now) => _scores[item] * Math.Pow(2, -HalfLives(now - _reference));

    /// <inheritdoc />
    public int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination)
    {
        // Relative scores: the factor to "now" is common to every item, so it is left out.
        var scores = new double[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            scores[i] = _scores[candidates[i]];
        }

        return TopN.Select(candidates, scores, destination);
    }

    private void Add(int item, DateTimeOffset timestamp)
    {
        var exponent = HalfLives(timestamp - _reference);
        if (exponent > RescaleAfterHalfLives)
        {
            var factor = Math.Pow(2, -exponent);
            for (var i = 0; i < _scores.Length; i++)
            {
                _scores[i] *= factor;
            }

            _reference = timestamp;
            exponent = 0;
        }

        _scores[item] += Math.Pow(2, exponent);
    }

    private double HalfLives(TimeSpan age) => age / HalfLife;
}
