namespace Flags.Engine.BigFiles;

/// <summary>
/// Told how far each big-file download has got, for a display of bytes, total, rate and ETA per file. Calls come from
/// the workers (several at once); implementations only record numbers, the display reads them on its own timer.
/// </summary>
internal interface ITransferProgress
{
    /// <summary><paramref name="job"/>'s body starts: <paramref name="total"/> bytes if known, <paramref name="already"/> of them on disk.</summary>
    void Begin(DownloadJob job, long? total, long already);

    /// <summary><paramref name="bytes"/> more bytes of <paramref name="job"/> were written.</summary>
    void Add(DownloadJob job, long bytes);
}
