using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Reporting;

/// <summary>Descriptive facts about a prepared data set that help read the results (nothing here is tuned on).</summary>
/// <param name="Categories">Distinct categories among the training items.</param>
/// <param name="CategorisedItemShare">Share of training items with a category.</param>
/// <param name="MeanItemsPerCategory">Training items per category, on average.</param>
/// <param name="TestRowsInUserCategoryShare">Share of test rows whose item's category the user had in training.</param>
/// <param name="TestRowsInUserTopCategoryShare">Share of test rows whose item is in the user's most frequent training category.</param>
/// <param name="MeanTopCategoryCandidates">Per test user, the candidates in the user's most frequent training category, on average.</param>
/// <param name="MedianTrainItemsPerTestUser">The median test user's number of training items.</param>
/// <param name="TestUsersIdleOver30DaysShare">Share of test users whose last training event is more than 30 days before the split.</param>
internal sealed record DatasetDiagnostics(
    int Categories,
    double CategorisedItemShare,
    double MeanItemsPerCategory,
    double TestRowsInUserCategoryShare,
    double TestRowsInUserTopCategoryShare,
    double MeanTopCategoryCandidates,
    double MedianTrainItemsPerTestUser,
    double TestUsersIdleOver30DaysShare)
{
    /// <summary>Computes the diagnostics of <paramref name="data"/>.</summary>
    public static DatasetDiagnostics Compute(PreparedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var train = data.Train;
        var categoryOf = train.Catalog.Select(item => item.Category).ToArray();
        var categorySizes = categoryOf.OfType<string>().CountBy(c => c, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var inCategory = 0;
        var inTopCategory = 0;
        var topCandidates = 0d;
        var sizes = new List<int>();
        var idle = 0;
        var lastSeen = new Dictionary<int, DateTimeOffset>();
        foreach (var e in train.Events)
        {
            lastSeen[e.User] = e.Timestamp;
        }

        foreach (var (user, relevant) in data.Relevant)
        {
            var items = train.UserItems[user];
            sizes.Add(items.Length);
            var counts = items.Select(i => categoryOf[i]).OfType<string>().CountBy(c => c, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
            var top = counts.Count == 0 ? null : counts.MaxBy(c => c.Value).Key;
            if (top is not null)
            {
                topCandidates += categorySizes[top] - counts[top];
            }

            foreach (var item in relevant)
            {
                var category = categoryOf[item];
                inCategory += category is not null && counts.ContainsKey(category) ? 1 : 0;
                inTopCategory += category is not null && category == top ? 1 : 0;
            }

            idle += data.SplitTime - lastSeen[user] > TimeSpan.FromDays(30) ? 1 : 0;
        }

        sizes.Sort();
        var testRows = Math.Max(1, data.Relevant.Sum(r => r.Value.Count));
        var users = Math.Max(1, data.Relevant.Count);
        return new DatasetDiagnostics(
            categorySizes.Count,
            categoryOf.Length == 0 ? 0 : (double)categoryOf.Count(c => c is not null) / categoryOf.Length,
            categorySizes.Count == 0 ? 0 : categorySizes.Values.Average(),
            (double)inCategory / testRows,
            (double)inTopCategory / testRows,
            topCandidates / users,
            sizes.Count == 0 ? 0 : sizes[sizes.Count / 2],
            (double)idle / users);
    }
}
