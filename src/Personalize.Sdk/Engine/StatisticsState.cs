using Personalize.Sdk.Catalog;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The item statistics section of <see cref="StateFormat"/>: items and their neighbours by key,
/// then the similar-items model's counts (each item's count and its co-engaged items' counts) by key.
/// </summary>
internal static class StatisticsState
{
    /// <summary>Writes every item the catalog names that has statistics; returns how many.</summary>
    public static int Write(StateWriter writer, ItemStatistics statistics, CatalogSnapshot catalog)
    {
        var epoch = statistics.EpochTicks;
        writer.Int64(epoch);
        Span<int> neighbours = stackalloc int[ItemStatistics.NeighbourSlots];
        Span<double> weights = stackalloc double[ItemStatistics.NeighbourSlots];
        var written = 0;
        var length = Math.Min(statistics.Length, catalog.IndexSpace);
        for (var index = 0; index < length; index++)
        {
            if (catalog.GetItem(index) is not { } item)
            {
                continue;
            }

            var count = statistics.ReadItem(index, epoch, out var popularity, out var recent, out var engaged, neighbours, weights);
            if (popularity == 0 && recent == 0 && engaged == 0 && count == 0)
            {
                continue;
            }

            writer.Byte(StateFormat.Record);
            writer.String(item.Key);
            writer.Double(popularity);
            writer.Double(recent);
            writer.Int64(engaged);
            var known = 0;
            for (var i = 0; i < count; i++)
            {
                known += catalog.GetItem(neighbours[i]) is null ? 0 : 1;
            }

            writer.Varint((uint)known);
            for (var i = 0; i < count; i++)
            {
                if (catalog.GetItem(neighbours[i]) is { } neighbour)
                {
                    writer.String(neighbour.Key);
                    writer.Double(weights[i]);
                }
            }

            written++;
        }

        writer.Byte(StateFormat.End);
        WriteSimilarItems(writer, statistics.SimilarItemsModel, catalog);
        return written;
    }

    private static void WriteSimilarItems(StateWriter writer, SimilarItems model, CatalogSnapshot catalog)
    {
        model.VisitCounts((item, count, pairItems, pairCounts) =>
        {
            if (catalog.GetItem(item) is not { } known)
            {
                return;
            }

            var pairs = 0;
            foreach (var other in pairItems)
            {
                pairs += catalog.GetItem(other) is null ? 0 : 1;
            }

            writer.Byte(StateFormat.Record);
            writer.String(known.Key);
            writer.Double(count);
            writer.Varint((uint)pairs);
            for (var i = 0; i < pairItems.Length; i++)
            {
                if (catalog.GetItem(pairItems[i]) is { } other)
                {
                    writer.String(other.Key);
                    writer.Double(pairCounts[i]);
                }
            }
        });
        writer.Byte(StateFormat.End);
    }

    /// <summary>
    /// Adds the section's statistics to <paramref name="statistics"/>, skipping items the catalog does
    /// not know; returns how many items it held. With <paramref name="statistics"/> null it only reads
    /// the section, throwing where a merge would. An epoch or engagement time further ahead of
    /// <paramref name="nowTicks"/> than an event may be is read as now: statistics kept at an epoch
    /// years ahead would weigh this server's own events at zero, or its own statistics at infinity.
    /// </summary>
    public static int Merge(ref StateReader reader, ItemStatistics? statistics, CatalogSnapshot catalog, long nowTicks)
    {
        var epoch = EventPipeline.NotAhead(reader.Int64(), nowTicks);
        statistics?.AdoptEpochIfEmpty(epoch);
        Span<int> neighbours = stackalloc int[ItemStatistics.NeighbourSlots];
        Span<double> weights = stackalloc double[ItemStatistics.NeighbourSlots];
        var read = 0;
        while (Tag(ref reader))
        {
            var key = reader.String();
            var popularity = Weight(reader.Double());
            var recent = Weight(reader.Double());
            var engaged = EventPipeline.NotAhead(reader.Int64(), nowTicks);
            var count = reader.Varint();
            if (count > ItemStatistics.NeighbourSlots)
            {
                throw new InvalidDataException("An item in the state has more neighbours than an item keeps.");
            }

            var known = 0;
            for (var i = 0; i < (int)count; i++)
            {
                var neighbour = reader.String();
                var weight = Weight(reader.Double());
                if (catalog.TryGetIndex(neighbour, out var index))
                {
                    (neighbours[known], weights[known]) = (index, weight);
                    known++;
                }
            }

            read++;
            if (statistics is not null && catalog.TryGetIndex(key, out var item))
            {
                statistics.MergeItem(item, epoch, popularity, recent, engaged, neighbours[..known], weights[..known]);
            }
        }

        MergeSimilarItems(ref reader, statistics?.SimilarItemsModel, catalog);
        return read;
    }

    private static void MergeSimilarItems(ref StateReader reader, SimilarItems? model, CatalogSnapshot catalog)
    {
        var pairItems = new List<int>(SimilarItems.CandidateSlots);
        var pairCounts = new List<float>(SimilarItems.CandidateSlots);
        var any = false;
        while (Tag(ref reader))
        {
            var key = reader.String();
            var count = Count(reader.Double());
            var pairs = reader.Varint();
            if (pairs > SimilarItems.CandidateSlots)
            {
                throw new InvalidDataException("An item in the state has more co-engaged items than the similar-items model keeps.");
            }

            pairItems.Clear();
            pairCounts.Clear();
            for (var i = 0; i < (int)pairs; i++)
            {
                var other = reader.String();
                var pairCount = Count(reader.Double());
                if (catalog.TryGetIndex(other, out var index))
                {
                    pairItems.Add(index);
                    pairCounts.Add((float)pairCount);
                }
            }

            if (model is not null && catalog.TryGetIndex(key, out var item))
            {
                model.MergeCounts(item, count, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pairItems), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pairCounts));
                any = true;
            }
        }

        if (any)
        {
            model!.PublishAll();
        }
    }

    /// <summary>
    /// A popularity or neighbour weight as the statistics keep them (only positive weights are
    /// added): one infinite value would zero every other item's score beside it.
    /// </summary>
    private static double Weight(double value) =>
        double.IsFinite(value) && value >= 0 ? value : throw new InvalidDataException("An item's popularity or neighbour weight in the state is negative or not a number.");

    /// <summary>A count as the model keeps them: finite and not negative.</summary>
    private static double Count(double value) =>
        double.IsFinite(value) && value >= 0 ? value : throw new InvalidDataException("A similar-items count in the state is negative or not a number.");

    private static bool Tag(ref StateReader reader) => reader.Byte() switch
    {
        StateFormat.End => false,
        StateFormat.Record => true,
        _ => throw new InvalidDataException("An item record in the state is malformed."),
    };
}
