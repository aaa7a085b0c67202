// Two cores and real redis-server processes: one test at a time keeps timings honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
