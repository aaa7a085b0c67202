using Personalize.Sdk.Engine;

namespace Personalize.Sdk.Tests.Engine;

/// <summary>
/// The erasure log work in flight checks after writing: it sees exactly the erasures that were not
/// closed when the work began (an erasure under way then counts), only for the keys erased, and
/// presumes erasure when more erasures overlapped than it keeps.
/// </summary>
public sealed class ErasureLogTests
{
    [Fact]
    public void Work_sees_an_erasure_of_its_keys_that_began_after_it_and_none_of_other_keys()
    {
        var log = new ErasureLog();
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
        var log = new ErasureLog();
        log.Begin(["user"]);
        var since = log.Since; // the work may read the person before they are cleared

        Assert.True(log.ErasedSince(since, "user", "user"));
        log.End();
        Assert.True(log.ErasedSince(since, "user", "user"));
        Assert.False(log.ErasedSince(log.Since, "user", "user"));
    }

    [Fact]
    public void Work_that_overlapped_more_erasures_than_the_log_keeps_is_presumed_erased()
    {
        var log = new ErasureLog();
        var since = log.Since;
        for (var i = 0; i < 300; i++)
        {
            Erase(log, $"other-{i}");
        }

        Assert.True(log.ErasedSince(since, "user", "user"));
    }

    private static void Erase(ErasureLog log, params string[] keys)
    {
        log.Begin(keys);
        log.End();
    }
}
