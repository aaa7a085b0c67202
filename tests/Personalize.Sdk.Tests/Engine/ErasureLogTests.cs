using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Engine;

/// <summary>
/// The erasure log work in flight checks after writing: it sees exactly the erasures that were not
/// closed when the work began (an erasure under way then counts), only for the keys erased; past
/// the erasures it keeps whole, an older one is found by its keys' buckets, as perhaps an erasure.
/// </summary>
public sealed class ErasureLogTests
{
    [Fact]
    public void Work_sees_an_erasure_of_its_keys_that_began_after_it_and_none_of_other_keys()
    {
        var log = new ErasureLog(TimeSpan.FromMinutes(5), TimeProvider.System);
        var since = log.Since;
        Assert.False(log.ErasedSince(since, "guest", "account"));

        Erase(log, "other");
        Assert.False(log.ErasedSince(since, "guest", "account"));

        Erase(log, "account", "guest");
        Assert.True(log.ErasedSince(since, "guest", "guest"));
        Assert.True(log.ErasedSince(since, "account", "account"));
        Assert.False(log.ErasedSince(log.Since, "guest", "account"));
    }

    [Fact]
    public void An_erasure_under_way_when_work_begins_counts_as_after_it()
    {
        var log = new ErasureLog(TimeSpan.FromMinutes(5), TimeProvider.System);
        log.Begin(["user"]);
        var since = log.Since; // the work may read the person before they are cleared

        Assert.True(log.ErasedSince(since, "user", "user"));
        log.End();
        Assert.True(log.ErasedSince(since, "user", "user"));
        Assert.False(log.ErasedSince(log.Since, "user", "user"));
    }

    [Fact]
    public void Work_that_overlapped_more_erasures_than_the_log_keeps_whole_is_not_erased_by_other_keys()
    {
        var log = new ErasureLog(TimeSpan.FromMinutes(5), TimeProvider.System);
        var since = log.Since;
        for (var i = 0; i < 300; i++)
        {
            Erase(log, $"other-{i}");
        }

        Assert.All(Enumerable.Range(0, 300), i => Assert.NotEqual(ErasureLog.BucketOf("user"), ErasureLog.BucketOf($"other-{i}")));
        Assert.Equal(ErasureVerdict.NotErased, log.Check(since, "user", "user"));
        Assert.False(log.ErasedSince(since, "user", "user"));
    }

    [Fact]
    public void An_erasure_of_the_works_key_that_left_the_logs_whole_entries_is_still_found()
    {
        var log = new ErasureLog(TimeSpan.FromMinutes(5), TimeProvider.System);
        var since = log.Since;
        Erase(log, "user", "guest");
        for (var i = 0; i < 300; i++)
        {
            Erase(log, $"other-{i}");
        }

        Assert.Equal(ErasureVerdict.Perhaps, log.Check(since, "guest", "account"));
        Assert.True(log.ErasedSince(since, "account", "user"));
        Assert.Equal(ErasureVerdict.NotErased, log.Check(log.Since, "user", "user"));
    }

    [Fact]
    public void A_key_that_shares_the_bucket_of_an_erasure_that_left_the_logs_whole_entries_is_perhaps_erased()
    {
        var log = new ErasureLog(TimeSpan.FromMinutes(5), TimeProvider.System);
        var since = log.Since;
        var sharing = Enumerable.Range(0, 1_000_000).Select(i => $"sharer-{i}").First(key => ErasureLog.BucketOf(key) == ErasureLog.BucketOf("user"));
        Erase(log, sharing);
        Assert.Equal(ErasureVerdict.NotErased, log.Check(since, "user", "user")); // still whole: exact
        for (var i = 0; i < 300; i++)
        {
            Erase(log, $"other-{i}");
        }

        Assert.Equal(ErasureVerdict.Perhaps, log.Check(since, "user", "user"));
    }

    [Fact]
    public void An_erasure_past_its_window_lets_go_of_its_keys_and_work_still_finds_it_as_perhaps()
    {
        var time = new FakeTimeProvider(TestSdk.Start);
        var log = new ErasureLog(TimeSpan.FromMinutes(5), time);
        var since = log.Since;
        Erase(log, "user", "guest");
        Erase(log, "later");

        time.Advance(TimeSpan.FromMinutes(5));
        log.ExpireIfDue(time.GetUtcNow().UtcTicks);
        Assert.True(log.HoldsWhole("user"));

        time.Advance(TimeSpan.FromTicks(1));
        log.ExpireIfDue(time.GetUtcNow().UtcTicks);
        Assert.False(log.HoldsWhole("user"));
        Assert.False(log.HoldsWhole("guest"));
        Assert.False(log.HoldsWhole("later"));
        Assert.Equal(ErasureVerdict.Perhaps, log.Check(since, "guest", "account"));
        Assert.Equal(ErasureVerdict.NotErased, log.Check(log.Since, "user", "user"));

        // An erasure after the expiry is held whole again, exactly.
        var next = log.Since;
        Erase(log, "another");
        Assert.Equal(ErasureVerdict.Erased, log.Check(next, "another", "another"));
        Assert.Equal(ErasureVerdict.NotErased, log.Check(next, "user", "user"));
    }

    [Fact]
    public void Buckets_spread_keys_evenly()
    {
        var counts = new int[ErasureLog.Buckets];
        for (var i = 0; i < 100 * ErasureLog.Buckets; i++)
        {
            counts[ErasureLog.BucketOf($"guest-{i}")]++;
        }

        Assert.InRange(counts.Min(), 50, 100);
        Assert.InRange(counts.Max(), 100, 150);
    }

    private static void Erase(ErasureLog log, params string[] keys)
    {
        log.Begin(keys);
        log.End();
    }
}
