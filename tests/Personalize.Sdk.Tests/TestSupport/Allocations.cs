namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>How many bytes a call allocates on this thread, measured so that only a per-call allocation fails a test.</summary>
internal static class Allocations
{
    /// <summary>
    /// The fewest bytes this thread allocated in <paramref name="runs"/> runs of
    /// <paramref name="calls"/> calls, after 50 to warm up. An allocation per call shows in every run;
    /// a one-off that no later run repeats (seen on a 2-core machine under load: hundreds of bytes in
    /// one call of thousands, with no collection, no JIT and no timer on this thread, not traced to
    /// the SDK) does not fail the test.
    /// </summary>
    public static long Fewest(Action<int> call, int runs = 3, int calls = 1_000)
    {
        for (var i = 0; i < 50; i++)
        {
            call(i);
        }

        var fewest = long.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = run * calls; i < (run + 1) * calls; i++)
            {
                call(i);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
