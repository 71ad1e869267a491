using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Flags.Download;

namespace Flags.Reporting;

/// <summary>
/// The live and final output of <c>flags fetch</c>, fed one line's outcome at a time from any thread. It keeps counts
/// and the first <see cref="KeptErrors"/> error lines only, never a record per line: -v prints each outcome as it
/// comes, and --json streams the <c>results</c> array with <see cref="Utf8JsonWriter"/> as outcomes arrive, then the
/// counts, so a list of any length is reported in constant memory.
/// </summary>
internal sealed class FetchReport : IDisposable
{
    /// <summary>How many error lines the text summary repeats (all of them are in -v and --json).</summary>
    public const int KeptErrors = 20;

    private readonly Lock _gate = new();
    private readonly TextWriter _output;
    private readonly bool _verbose;
    private readonly ArrayBufferWriter<byte>? _buffer;
    private readonly Utf8JsonWriter? _json;
    private readonly List<string> _errorLines = [];
    private readonly int[] _counts = new int[4];

    /// <summary>Starts the report; with <paramref name="json"/> the document's opening is written at once.</summary>
    public FetchReport(TextWriter output, bool verbose, bool json, string source, string strategy, int concurrency, int maxPerHost)
    {
        _output = output;
        _verbose = verbose && !json;
        if (json)
        {
            _buffer = new ArrayBufferWriter<byte>(4096);
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, SkipValidation = false });
            _json.WriteStartObject();
            _json.WriteString("source", source);
            _json.WriteString("strategy", strategy);
            _json.WriteNumber("concurrency", concurrency);
            _json.WriteNumber("maxPerHost", maxPerHost);
            _json.WriteStartArray("results");
            FlushJson();
        }
    }

    /// <summary>Lines that named a URL (malformed ones included, duplicates included).</summary>
    public int Lines { get; private set; }

    /// <summary>Lines whose URL was listed before (fetched once, on its first line).</summary>
    public int Duplicates { get; private set; }

    /// <summary>Renamed files (sanitised or made unique).</summary>
    public int Renamed { get; private set; }

    /// <summary>Outcomes counted as errors (failed downloads and malformed lines).</summary>
    public int Errors => _counts[(int)DownloadStatus.Error];

    /// <summary>How many outcomes have <paramref name="status"/>.</summary>
    public int Count(DownloadStatus status) => _counts[(int)status];

    /// <summary>Records a malformed line: an error, the run goes on.</summary>
    public void Malformed(UrlListEntry entry) =>
        Record(entry, DownloadStatus.Error, $"line {entry.Line}: {entry.Problem}", new DownloadResult("", DownloadStatus.Error, entry.Problem, 0, 0));

    /// <summary>Records a duplicate line.</summary>
    public void Duplicate(UrlListEntry entry) => Record(entry, null, $"line {entry.Line}: duplicate of an earlier line, fetched once", null);

    /// <summary>Records the outcome of <paramref name="entry"/>'s job.</summary>
    public void Outcome(UrlListEntry entry, DownloadResult result)
    {
        var renamed = entry.Renamed ? $" (renamed from '{entry.RequestedName}')" : "";
        var text = result.Status switch
        {
            DownloadStatus.Ok => $"line {entry.Line}: {result.Key} OK{renamed}",
            DownloadStatus.NotFound => $"line {entry.Line}: {entry.Url} not found",
            DownloadStatus.Skipped => $"line {entry.Line}: {result.Key} skipped (already downloaded)",
            _ => $"line {entry.Line}: {entry.Url} error: {result.Error}",
        };
        Record(entry, result.Status, text, result);
    }

    /// <summary>Ends the JSON document or prints the text summary (with the first error lines).</summary>
    public void Finish(TimeSpan elapsed, bool interrupted, int exitCode)
    {
        lock (_gate)
        {
            if (_json is not null)
            {
                _json.WriteEndArray();
                _json.WriteNumber("lines", Lines);
                _json.WriteNumber("downloaded", Count(DownloadStatus.Ok));
                _json.WriteNumber("notFound", Count(DownloadStatus.NotFound));
                _json.WriteNumber("skipped", Count(DownloadStatus.Skipped));
                _json.WriteNumber("duplicates", Duplicates);
                _json.WriteNumber("renamed", Renamed);
                _json.WriteNumber("errors", Errors);
                _json.WriteBoolean("interrupted", interrupted);
                _json.WriteNumber("elapsedSeconds", Math.Round(elapsed.TotalSeconds, 3));
                _json.WriteNumber("exitCode", exitCode);
                _json.WriteEndObject();
                FlushJson();
                _output.WriteLine();
                return;
            }

            if (interrupted)
            {
                _output.WriteLine($"Interrupted after {Lines} line{(Lines == 1 ? "" : "s")}.");
            }

            if (!_verbose && _errorLines.Count > 0)
            {
                foreach (var line in _errorLines)
                {
                    _output.WriteLine(line);
                }

                if (Errors > _errorLines.Count)
                {
                    _output.WriteLine($"... and {Errors - _errorLines.Count} more errors (-v or --json lists them all).");
                }
            }

            _output.WriteLine(new string('-', 20));
            var ok = Count(DownloadStatus.Ok);
            _output.WriteLine($"{ok,3} file{(ok == 1 ? "" : "s")} downloaded.");
            WriteIfAny(Count(DownloadStatus.NotFound), "not found.");
            WriteIfAny(Count(DownloadStatus.Skipped), "skipped (already downloaded).");
            WriteIfAny(Duplicates, Duplicates == 1 ? "duplicate line (fetched once)." : "duplicate lines (fetched once).");
            WriteIfAny(Renamed, "renamed (unsafe or taken name).");
            WriteIfAny(Errors, Errors == 1 ? "error." : "errors.");
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Elapsed time: {elapsed.TotalSeconds:0.00}s"));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _json?.Dispose();

    private void Record(UrlListEntry entry, DownloadStatus? status, string text, DownloadResult? result)
    {
        lock (_gate)
        {
            Lines++;
            if (status is { } s)
            {
                _counts[(int)s]++;
            }
            else
            {
                Duplicates++;
            }

            if (entry.Renamed)
            {
                Renamed++;
            }

            if (status == DownloadStatus.Error && _errorLines.Count < KeptErrors)
            {
                _errorLines.Add(text);
            }

            if (_json is not null)
            {
                WriteJson(entry, status, result);
            }
            else if (_verbose)
            {
                _output.WriteLine(text);
            }
        }
    }

    private void WriteJson(UrlListEntry entry, DownloadStatus? status, DownloadResult? result)
    {
        var json = _json!;
        json.WriteStartObject();
        json.WriteNumber("line", entry.Line);
        json.WriteString("url", entry.Url);
        if (entry.Job is { } job)
        {
            json.WriteString("file", job.FileName);
        }

        if (entry.Renamed)
        {
            json.WriteString("requestedName", entry.RequestedName);
        }

        json.WriteString("status", status is { } s ? JsonReport.StatusName(s) : "duplicate");
        json.WriteNumber("attempts", result?.Attempts ?? 0);
        json.WriteNumber("bytes", result?.Bytes ?? 0);
        if (result?.Error is { } error)
        {
            json.WriteString("error", error);
        }

        json.WriteEndObject();
        FlushJson();
    }

    private void FlushJson()
    {
        _json!.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer!.WrittenSpan));
        _buffer.ResetWrittenCount();
    }

    private void WriteIfAny(int count, string what)
    {
        if (count > 0)
        {
            _output.WriteLine($"{count,3} {what}");
        }
    }
}
