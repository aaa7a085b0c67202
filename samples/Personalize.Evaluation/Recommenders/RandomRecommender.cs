using System.Globalization;
using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>Uniformly random lists, seeded per (seed, user) so a run is reproducible.</summary>
internal sealed class RandomRecommender(int seed) : IRecommender
{
    private const string NamePrefix = "random (seed ";

    /// <inheritdoc />
    public string Name { get; } = string.Create(CultureInfo.InvariantCulture, $"{NamePrefix}{seed})");

    /// <summary>Whether <paramref name="name"/> is a random row's name, and its seed.</summary>
    public static bool TryParseSeed(string name, out int seed)
    {
        ArgumentNullException.ThrowIfNull(name);
        seed = 0;
        return name.StartsWith(NamePrefix, StringComparison.Ordinal) && name.EndsWith(')')
            && int.TryParse(name.AsSpan(NamePrefix.Length, name.Length - NamePrefix.Length - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out seed);
    }

    /// <inheritdoc />
    public void Fit(TrainingSet train)
    {
    }

    /// <inheritdoc />
    public int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination)
    {
        var random = new Random(unchecked((seed * 1_000_003) + user));
        var n = Math.Min(destination.Length, candidates.Length);
        int[] pool = [.. candidates];

        // A partial Fisher-Yates shuffle: the first n positions are a uniform sample, in random order.
        for (var i = 0; i < n; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            destination[i] = pool[i];
        }

        return n;
    }
}
