using System.Globalization;
using System.Text;
using Personalize.Sdk;

namespace Personalize.Evaluation.Data;

/// <summary>
/// Loads <c>movietweetings-40k</c> (MovieTweetings 40K snapshot, Dooms et al. 2013, MIT).
/// </summary>
/// <remarks>
/// <c>ratings.dat</c> is <c>user::movie::rating::unix-seconds</c>; a rating of 7 or more (of 10)
/// is a positive interaction, the rest are dropped. Positives are replayed to the SDK as
/// <see cref="EventKind.Rating"/> events with the rating scaled to the SDK's [0, 1] (rating / 10). <c>movies.dat</c> is <c>movie::Title (Year)::Genre|Genre</c>:
/// the first genre is the item's category, and every genre is an attribute <c>genre=&lt;Genre&gt;</c>
/// with the value <c>true</c> (the SDK's attributes are one value per name, so a multi-valued field
/// becomes one name per value). Movie ids keep their leading zeros.
/// </remarks>
internal static class MovieTweetingsLoader
{
    /// <summary>The data set's folder name.</summary>
    public const string Name = "movietweetings-40k";

    /// <summary>The smallest rating that counts as a positive interaction.</summary>
    public const int PositiveRating = 7;

    /// <summary>The top of the rating scale; ratings are divided by it for the SDK's [0, 1] scale.</summary>
    public const int MaxRating = 10;

    private const string Separator = "::";

    /// <summary>Loads the data set from <paramref name="dataDirectory"/> (the shared data folder).</summary>
    /// <param name="dataDirectory">The shared data folder.</param>
    /// <param name="maxRatingLines">Read only this many lines of <c>ratings.dat</c> (for smoke tests); null reads all.</param>
    public static Dataset Load(string dataDirectory, int? maxRatingLines = null)
    {
        var folder = Path.Combine(dataDirectory, Name);
        using var ratings = new StreamReader(Path.Combine(folder, "ratings.dat"), Encoding.UTF8);
        using var movies = new StreamReader(Path.Combine(folder, "movies.dat"), Encoding.UTF8);
        return Read(ratings, movies, maxRatingLines);
    }

    /// <summary>Reads the two files' contents.</summary>
    /// <exception cref="FormatException">A line does not have the expected fields.</exception>
    public static Dataset Read(TextReader ratings, TextReader movies, int? maxRatingLines = null)
    {
        var interactions = new List<Interaction>();
        var lineNumber = 0;
        while (ratings.ReadLine() is { } line && (maxRatingLines is null || lineNumber < maxRatingLines))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(Separator);
            if (parts.Length != 4)
            {
                throw new FormatException($"ratings.dat line {lineNumber} has {parts.Length} fields, not 4.");
            }

            var rating = int.Parse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (rating < PositiveRating)
            {
                continue;
            }

            var seconds = long.Parse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture);
            interactions.Add(new Interaction(parts[0], parts[1], DateTimeOffset.FromUnixTimeSeconds(seconds), Rating: rating / (float)MaxRating));
        }

        var rated = interactions.Select(i => i.ItemKey).ToHashSet(StringComparer.Ordinal);
        var catalog = new List<CatalogItem>();
        var movieLine = 0;
        while (movies.ReadLine() is { } line)
        {
            movieLine++;
            if (line.Length == 0)
            {
                continue;
            }

            var first = line.IndexOf(Separator, StringComparison.Ordinal);
            var last = line.LastIndexOf(Separator, StringComparison.Ordinal);
            if (first < 0 || last == first)
            {
                throw new FormatException($"movies.dat line {movieLine} does not have 3 fields.");
            }

            var key = line[..first];
            if (!rated.Contains(key))
            {
                continue;
            }

            var genres = line[(last + Separator.Length)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            catalog.Add(new CatalogItem
            {
                Key = key,
                Title = line[(first + Separator.Length)..last],
                Category = genres.Length > 0 ? genres[0] : null,
                Attributes = genres.Distinct(StringComparer.Ordinal).ToDictionary(g => "genre=" + g, _ => "true", StringComparer.Ordinal),
            });
        }

        var known = catalog.Select(item => item.Key).ToHashSet(StringComparer.Ordinal);
        var missing = rated.Count(key => !known.Contains(key));
        if (missing > 0)
        {
            throw new FormatException($"{missing} rated movies are not in movies.dat.");
        }

        // Stable sort by time: ratings.dat is ordered by user.
        Interaction[] ordered = [.. interactions.OrderBy(i => i.Timestamp)];
        return new Dataset(Name, catalog, ordered, EventKind.Rating);
    }
}
