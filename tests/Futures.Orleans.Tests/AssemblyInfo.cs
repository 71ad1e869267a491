// Each test class starts its own silos; one cluster at a time keeps a 2-core machine responsive and timings honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
