using BenchmarkDotNet.Attributes;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What the <c>similar-items</c> model costs per event off the request path: appending an event
/// with its 16 recent items to the inbox and folding it into the pair counts (32 pair updates).
/// 1,000 items, 200 people, so every item's row of 128 counted neighbours is full. With
/// <c>Uniform</c> each event is a random item by a random person: nearly every pair is new, and
/// each new pair evicts a row's first lightest count. With <c>Repeat</c>, as in
/// <see cref="ThroughputBenchmarks"/>, each person views the same 20 items again and again: most
/// pairs are counted already. Run:
/// <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- --filter '*SimilarItemsFold*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SimilarItemsFoldBenchmarks
{
    private const int Items = 1_000;
    private const int People = 200;
    private const int EventsPerInvoke = 4_000;

    private SimilarItems _model = null!;
    private int[] _items = null!;
    private int[][] _recent = null!;
    private long _ticks;
    private int _next;

    [Params("Uniform", "Repeat")]
    public string Workload { get; set; } = "Uniform";

    [GlobalSetup]
    public void Setup()
    {
        _model = new SimilarItems(null, DateTimeOffset.UnixEpoch);
        var random = new Random(7);
        var count = EventsPerInvoke * 16;
        var histories = Enumerable.Range(0, People).Select(_ => new List<int>()).ToArray();
        var favourites = Enumerable.Range(0, People).Select(_ => Enumerable.Range(0, 20).Select(_ => random.Next(Items)).ToArray()).ToArray();
        _items = new int[count];
        _recent = new int[count][];
        for (var e = 0; e < count; e++)
        {
            var person = Workload == "Uniform" ? random.Next(People) : e / 20 % People;
            var item = Workload == "Uniform" ? random.Next(Items) : favourites[person][e % 20];
            var history = histories[person];
            _items[e] = item;
            _recent[e] = [.. history];
            history.Remove(item);
            history.Add(item);
            if (history.Count > SimilarItems.Window)
            {
                history.RemoveAt(0);
            }
        }

        // Every row full before the first measured event.
        for (var i = 0; i < 8; i++)
        {
            AppendAndFold();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    /// <summary>Appends 4,000 events and folds them, as the background fold does: per event.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public void AppendAndFold()
    {
        for (var i = 0; i < EventsPerInvoke; i++)
        {
            var e = _next++ % _items.Length;
            _model.Append(_items[e], _ticks++, _recent[e]);
        }

        _model.VisitCounts(static (_, _, _, _) => { });
    }
}
