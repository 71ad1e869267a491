namespace Flags.Timeline;

/// <summary>
/// Groups a recording's tries into downloads and assigns each download a lane: the lowest lane that is free when it
/// starts, so bars never overlap within a lane and the lane count is the peak number of downloads in flight (at
/// most the run's concurrency: a slot is held from a job's first try to its last, backoff included).
/// </summary>
internal static class TimelineJobs
{
    /// <summary>The downloads of <paramref name="timeline"/>, ordered by start, with lanes; <paramref name="lanes"/> is how many were needed.</summary>
    public static IReadOnlyList<TimelineJob> Build(RecordedTimeline timeline, out int lanes)
    {
        var byNumber = new Dictionary<int, TimelineJob>();
        foreach (var entry in timeline.Entries)
        {
            if (!byNumber.TryGetValue(entry.Job, out var job))
            {
                job = new TimelineJob(entry.Job, entry.Label);
                byNumber.Add(entry.Job, job);
            }

            job.Add(entry, timeline.Phases(entry));
        }

        var jobs = byNumber.Values.ToList();
        foreach (var job in jobs)
        {
            job.Sort();
        }

        jobs.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        lanes = AssignLanes(jobs);
        return jobs;
    }

    private static int AssignLanes(List<TimelineJob> jobs)
    {
        var busy = new PriorityQueue<int, (double End, int Lane)>();
        var free = new PriorityQueue<int, int>();
        var lanes = 0;
        foreach (var job in jobs)
        {
            // A lane whose job ended at or before this start is free again (touching bars do not overlap).
            while (busy.TryPeek(out var lane, out var until) && until.End <= job.Start)
            {
                busy.Dequeue();
                free.Enqueue(lane, lane);
            }

            job.Lane = free.TryDequeue(out var reused, out _) ? reused : lanes++;
            busy.Enqueue(job.Lane, (job.End, job.Lane));
        }

        return lanes;
    }
}
