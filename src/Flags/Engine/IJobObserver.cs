namespace Flags.Engine;

/// <summary>
/// Told when a download starts (from the worker that runs it, possibly several at once), for displays of what is in
/// flight. The pipeline adds the hook only when some reporter observes, so a run without one pays nothing.
/// </summary>
internal interface IJobObserver
{
    /// <summary><paramref name="job"/>'s first try is about to be sent.</summary>
    void Started(DownloadJob job);
}
