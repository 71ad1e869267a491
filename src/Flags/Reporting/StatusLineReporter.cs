using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Flags.Engine;

namespace Flags.Reporting;

/// <summary>
/// The progress line on stderr for a run of unknown length (<c>flags fetch -i</c>), aria2c-style: files done and
/// failed, bytes, rate, elapsed time and the names in flight, on one line redrawn at most 10 times a second by a
/// timer (never per outcome, so 10,000 files cost 10 redraws a second, not 10,000), cut to the terminal's width, and
/// cleared at the end so the summary starts on a clean line. Drawn only when stderr is a terminal.
/// </summary>
internal sealed class StatusLineReporter : IRunReporter, IJobObserver, IDisposable
{
    private const int ShownNames = 3;

    private readonly TextWriter _error;
    private readonly Func<int> _width;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private RunCounts? _counts;
    private long _started;
    private Task? _drawing;
    private string _last = "";

    /// <summary>Creates the reporter; <paramref name="width"/> gives the terminal's columns when a line is drawn.</summary>
    public StatusLineReporter(TextWriter error, Func<int> width, TimeProvider time)
    {
        _error = error;
        _width = width;
        _time = time;
    }

    /// <summary>How often the line may be redrawn.</summary>
    public static TimeSpan RefreshRate { get; } = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    public void Start(RunHeader header)
    {
        _started = _time.GetTimestamp();
        _drawing = DrawAsync();
    }

    /// <inheritdoc />
    public void Started(DownloadJob job) => _inFlight[job.Key] = job.FileName;

    /// <inheritdoc />
    public void Report(ItemOutcome outcome, RunCounts counts)
    {
        _counts = counts;
        if (outcome.Entry.Job is { } job)
        {
            _inFlight.TryRemove(job.Key, out _);
        }
    }

    /// <inheritdoc />
    public async Task FinishAsync(RunSummary summary)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_drawing is not null)
        {
            await _drawing.ConfigureAwait(false);
        }

        if (_last.Length > 0)
        {
            // Erase the line: the summary on stdout follows on the same screen.
            await _error.WriteAsync("\r\x1b[2K").ConfigureAwait(false);
            await _error.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    /// <summary>
    /// The line for the given state: <c>[ 9,876 done, 2 failed | 38.6 MiB, 12.3 MiB/s | 0:03 ] a.bin, b.bin +61</c>,
    /// cut to <paramref name="width"/> - 1 columns.
    /// </summary>
    public static string Format(int done, int failed, long bytes, TimeSpan elapsed, IReadOnlyCollection<string> names, int width)
    {
        var rate = elapsed.TotalSeconds > 0 ? bytes / elapsed.TotalSeconds : 0;
        var builder = new StringBuilder(128);
        builder.Append(CultureInfo.InvariantCulture,
            $"[ {done:N0} done, {failed:N0} failed | {Size(bytes)}, {Size(rate)}/s | {(int)elapsed.TotalMinutes}:{elapsed.Seconds:00} ]");
        var shown = 0;
        foreach (var name in names)
        {
            if (shown == ShownNames)
            {
                break;
            }

            builder.Append(shown == 0 ? " " : ", ").Append(TerminalText.Safe(name));
            shown++;
        }

        if (names.Count > shown)
        {
            builder.Append(CultureInfo.InvariantCulture, $" +{names.Count - shown}");
        }

        var max = Math.Max(20, width - 1);
        return builder.Length <= max ? builder.ToString() : builder.ToString(0, max - 1) + "…";
    }

    private static string Size(double bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024 * 1024):0.00} GiB"),
    };

    private async Task DrawAsync()
    {
        using var timer = new PeriodicTimer(RefreshRate, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var counts = _counts;
                var line = Format(
                    counts?.Finished - counts?.Errors ?? 0,
                    counts?.Errors ?? 0,
                    counts?.Bytes ?? 0,
                    _time.GetElapsedTime(_started),
                    _inFlight.Values.ToList(),
                    SafeWidth());
                if (line != _last)
                {
                    _last = line;
                    await _error.WriteAsync("\r" + line + "\x1b[K").ConfigureAwait(false);
                    await _error.FlushAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // FinishAsync stopped the timer.
        }
    }

    private int SafeWidth()
    {
        try
        {
            // A pseudo-terminal nobody sized (script without a terminal above it) reports 0 columns.
            return _width() is > 0 and var width ? width : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
