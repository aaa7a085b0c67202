namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>Same input, same bucket: across calls, across threads, across string instances.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [MemberData(nameof(Hashers.Names), MemberType = typeof(Hashers))]
    public void Repeated_calls_return_the_same_bucket(string name)
    {
        var hasher = Hashers.ByName(name);
        var fixture = new Fixture();
        foreach (string key in fixture.CreateMany<string>(200).Append(PublishedVectors.LongKey))
        {
            int first = hasher.GetBucket("salt", key);
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(first, hasher.GetBucket("salt", key));
            }

            // A different string instance (and a slice of a larger buffer) with the same content.
            string copy = new(key.AsSpan());
            Assert.Equal(first, hasher.GetBucket("salt", copy));
            string padded = "##" + key + "##";
            Assert.Equal(first, hasher.GetBucket("salt", padded.AsSpan(2, key.Length)));
        }
    }

    [Theory]
    [MemberData(nameof(Hashers.Names), MemberType = typeof(Hashers))]
    public void Concurrent_calls_return_the_sequential_buckets(string name)
    {
        var hasher = Hashers.ByName(name);
        var fixture = new Fixture();
        // Mix of short (stack) and long (pooled) keys so both buffer paths run concurrently.
        string[] keys = [.. fixture.CreateMany<string>(500), .. Enumerable.Range(0, 50).Select(i => PublishedVectors.LongKey + i)];
        int[] expected = [.. keys.Select(k => hasher.GetBucket("concurrency", k))];

        const int threadCount = 8;
        var failures = new int[threadCount];
        using var start = new Barrier(threadCount);
        var threads = Enumerable.Range(0, threadCount).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 20; round++)
            {
                for (int i = 0; i < keys.Length; i++)
                {
                    if (hasher.GetBucket("concurrency", keys[i]) != expected[i])
                    {
                        failures[t]++;
                    }
                }
            }
        })).ToList();

        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());

        Assert.All(failures, f => Assert.Equal(0, f));
    }
}
