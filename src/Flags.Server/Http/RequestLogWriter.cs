using System.Globalization;

namespace Flags.Server.Http;

/// <summary>Writes the one-line-per-request log, serialised so lines from concurrent requests never interleave.</summary>
internal sealed class RequestLogWriter(TextWriter writer, TimeProvider time)
{
    private const int MaxPathChars = 120;
    private readonly Lock _gate = new();

    public void Write(string method, string path, int status, long bodyBytes, TimeSpan elapsed, string? note)
    {
        if (path.Length > MaxPathChars)
        {
            path = string.Concat(path.AsSpan(0, MaxPathChars), "...");
        }
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():HH:mm:ss.fff} {method} {path} {status} {bodyBytes} B {elapsed.TotalMilliseconds:0} ms{(note is null ? "" : " " + note)}");
        lock (_gate)
        {
            try
            {
                writer.WriteLine(line);
                writer.Flush();
            }
            catch (ObjectDisposedException)
            {
                // The log's owner closed it while requests were still finishing; the request itself is unaffected.
            }
        }
    }
}
