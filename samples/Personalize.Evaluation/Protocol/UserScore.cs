namespace Personalize.Evaluation.Protocol;

/// <summary>One test user's metrics for one recommender (binary relevance: the user's held-out items).</summary>
/// <param name="NdcgAt10">nDCG@10.</param>
/// <param name="HitRateAt10">1 when a held-out item is in the top 10, else 0.</param>
/// <param name="RecallAt10">Held-out items in the top 10 over all held-out items.</param>
/// <param name="RecallAt20">The same over the top 20.</param>
internal readonly record struct UserScore(double NdcgAt10, double HitRateAt10, double RecallAt10, double RecallAt20);
