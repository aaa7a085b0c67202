namespace Personalize.Evaluation.Metrics;

/// <summary>One recommender's metrics over the test users.</summary>
/// <param name="Users">Test users evaluated.</param>
/// <param name="NdcgAt10">Mean nDCG@10.</param>
/// <param name="NdcgAt10StandardError">Standard error of that mean (sample standard deviation / sqrt(users)).</param>
/// <param name="HitRateAt10">Share of users with a hit in the top 10.</param>
/// <param name="RecallAt10">Mean Recall@10.</param>
/// <param name="RecallAt20">Mean Recall@20.</param>
/// <param name="CoverageAt10">Share of the catalogue that appears in at least one top-10 list.</param>
/// <param name="DiversityAt10">
/// Intra-list diversity: over the users, the mean share of pairs of categorised items in their top
/// 10 that are of different categories (0: every list is one category; 0 when no categories are known).
/// </param>
internal sealed record MetricSummary(
    int Users,
    double NdcgAt10,
    double NdcgAt10StandardError,
    double HitRateAt10,
    double RecallAt10,
    double RecallAt20,
    double CoverageAt10,
    double DiversityAt10 = 0);
