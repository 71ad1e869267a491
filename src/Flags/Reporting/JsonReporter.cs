using System.Buffers;
using System.Text;
using System.Text.Json;
using Flags.Engine;

namespace Flags.Reporting;

/// <summary>
/// The --json output of every command: one document, the same shape for each. The header fields come first, then
/// <c>results</c>, then the counts, because they are only known at the end. Results are streamed as they finish
/// (nothing is kept per item), or, when the header asks (a short list of codes), sorted by code at the end. Written
/// with <see cref="Utf8JsonWriter"/>: no reflection, so trimming and Native AOT keep working; values are written in
/// full, escaped by the writer.
/// </summary>
internal sealed class JsonReporter : IRunReporter, IDisposable
{
    private readonly TextWriter _output;
    private readonly string _command;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private List<ItemOutcome>? _sorted;
    private bool _started;

    /// <summary>Creates the reporter for <paramref name="command"/>; nothing is written until the run starts.</summary>
    public JsonReporter(TextWriter output, string command)
    {
        _output = output;
        _command = command;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true });
    }

    /// <inheritdoc />
    public void Start(RunHeader header)
    {
        WriteOpening(header);
        _sorted = header.SortResults ? [] : null;
        Flush();
    }

    /// <inheritdoc />
    public void Report(ItemOutcome outcome, RunCounts counts)
    {
        if (_sorted is not null)
        {
            _sorted.Add(outcome);
            return;
        }

        WriteResult(outcome);
        Flush();
    }

    /// <inheritdoc />
    public Task FinishAsync(RunSummary summary)
    {
        if (!_started)
        {
            WriteOpening(null);
        }

        foreach (var outcome in _sorted?.OrderBy(o => o.Entry.Code, StringComparer.Ordinal).ThenBy(o => o.Entry.Line) ?? Enumerable.Empty<ItemOutcome>())
        {
            WriteResult(outcome);
        }

        var counts = summary.Counts;
        _json.WriteEndArray();
        _json.WriteNumber("requested", summary.Total ?? counts.Finished);
        _json.WriteNumber("downloaded", counts.Downloaded);
        _json.WriteNumber("notFound", counts.NotFound);
        _json.WriteNumber("skipped", counts.Skipped);
        _json.WriteNumber("duplicates", counts.Duplicates);
        _json.WriteNumber("renamed", counts.Renamed);
        _json.WriteNumber("errors", counts.Errors);
        _json.WriteNumber("bytes", counts.Bytes);
        if (summary.Shard is { } shard)
        {
            _json.WriteStartObject("shard");
            _json.WriteNumber("index", shard.Spec.Index);
            _json.WriteNumber("count", shard.Spec.Count);
            _json.WriteNumber("otherShards", shard.OtherShards);
            _json.WriteEndObject();
        }

        _json.WriteBoolean("interrupted", summary.Interrupted);
        _json.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
        _json.WriteNumber("exitCode", summary.ExitCode);
        _json.WriteEndObject();
        Flush();
        _output.WriteLine();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    /// <summary>The status as JSON spells it: ok, not_found, skipped, duplicate, error.</summary>
    public static string StatusName(DownloadStatus status) => status switch
    {
        DownloadStatus.Ok => "ok",
        DownloadStatus.NotFound => "not_found",
        DownloadStatus.Skipped => "skipped",
        DownloadStatus.Duplicate => "duplicate",
        _ => "error",
    };

    private void WriteOpening(RunHeader? header)
    {
        _started = true;
        _json.WriteStartObject();
        _json.WriteString("command", _command);
        foreach (var field in header?.JsonFields ?? [])
        {
            if (field.Text is { } text)
            {
                _json.WriteString(field.Name, text);
            }
            else
            {
                _json.WriteNumber(field.Name, field.Number);
            }
        }

        if (header is not null)
        {
            _json.WriteString("strategy", header.Strategy);
            _json.WriteNumber("concurrency", header.Concurrency);
        }

        _json.WriteStartArray("results");
    }

    private void WriteResult(ItemOutcome outcome)
    {
        var entry = outcome.Entry;
        _json.WriteStartObject();
        if (entry.Code is { } code)
        {
            _json.WriteString("code", code);
        }

        _json.WriteNumber("line", entry.Line);
        _json.WriteString("url", entry.Url);
        if (entry.Job is { } job)
        {
            _json.WriteString("file", job.FileName);
        }

        if (entry.RequestedName is { } requested)
        {
            _json.WriteString("requestedName", requested);
        }

        _json.WriteString("status", StatusName(outcome.Status));
        _json.WriteNumber("attempts", outcome.Attempts);
        _json.WriteNumber("bytes", outcome.Bytes);
        if (outcome.Error is { } error)
        {
            _json.WriteString("error", error);
        }

        if (outcome.Transfer is { } transfer)
        {
            TransferJson.Write(_json, transfer);
        }

        _json.WriteEndObject();
    }

    private void Flush()
    {
        _json.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }
}
