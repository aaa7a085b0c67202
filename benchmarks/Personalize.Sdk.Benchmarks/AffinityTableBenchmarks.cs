using BenchmarkDotNet.Attributes;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// A profile's category table as <c>Track</c> drives it in <see cref="TrackBenchmarks"/>: views of 40
/// categories at random into 16 slots, so most views bring a category the full table lacks and the
/// weakest entry after decay makes room. Run:
/// <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- --filter '*AffinityTable*'</c>.
/// </summary>
[MemoryDiagnoser]
public class AffinityTableBenchmarks
{
    private const int Categories = 40;
    private static readonly double HalfLifeTicks = TimeSpan.FromDays(30).Ticks;
    private DecayedTable _table = new(ProfileData.CategorySlots);
    private readonly int[] _categories = new int[4096];
    private long _ticks = DateTimeOffset.UnixEpoch.Ticks;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < _categories.Length; i++)
        {
            _categories[i] = random.Next(Categories);
        }

        for (var i = 0; i < 1_000; i++)
        {
            AddView();
        }
    }

    /// <summary>One view a second: its category's affinity grows, or it takes the weakest slot.</summary>
    [Benchmark]
    public void AddView()
    {
        _ticks += TimeSpan.TicksPerSecond;
        _table.Add(_categories[_next++ & (_categories.Length - 1)], 1, _ticks, HalfLifeTicks);
    }
}
