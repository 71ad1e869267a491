using Flags.Cli;

namespace Flags.Engine;

/// <summary>Checks -o before any request: it must be a folder (created if missing) that this process can write to.</summary>
internal static class OutputFolder
{
    /// <summary>Creates the folder if needed, proves it is writable, and returns its full path.</summary>
    /// <exception cref="UsageException">It is a file, cannot be created, or cannot be written to.</exception>
    public static string Prepare(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--output '{path}' is not a valid path: {ex.Message.TrimEnd('.')}. Give a folder name.", ex);
        }

        if (File.Exists(full))
        {
            throw new UsageException($"--output '{path}' is a file. Give a folder (it is created if missing).");
        }

        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".flags-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write to --output '{path}': {ex.Message.TrimEnd('.')}. Give a folder you can write to.", ex);
        }

        return full;
    }
}
