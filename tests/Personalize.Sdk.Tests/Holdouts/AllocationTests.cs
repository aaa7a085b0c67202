using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>After warm-up, hashing allocates nothing, on the stack path and on the pooled path.</summary>
[Collection(AllocationCollection.Name)]
public sealed class AllocationTests
{
    private const int Calls = 1_000;

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in Hashers.All.Select(h => h.Name))
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Thousand_calls_allocate_zero_bytes(string name, bool longKey)
    {
        IBucketHasher hasher = Hashers.ByName(name);
        // Long key: 1500 chars, far past the stackalloc threshold, so the ArrayPool path runs.
        string key = longKey ? PublishedVectors.LongKey : "user-123\u00EB\uD83D\uDC69";
        const string salt = "holdout-2024";

        int sink = 0;
        for (int i = 0; i < 2_000; i++)
        {
            sink += hasher.GetBucket(salt, key);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            sink += hasher.GetBucket(salt, key);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sink >= 0);
    }

    [Fact]
    public void Measurement_can_see_an_allocation()
    {
        // Proves the measurement is live: the same loop with one string per call must report bytes.
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sink = 0;
        for (int i = 0; i < Calls; i++)
        {
            sink += BucketHashers.Default.GetBucket("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before > 0);
        Assert.True(sink >= 0);
    }
}
