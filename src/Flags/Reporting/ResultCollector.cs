using Flags.Download;

namespace Flags.Reporting;

/// <summary>
/// Gathers results from any thread, in completion order, and hands each to the live output (a verbose line or a
/// progress tick) under one lock so lines never interleave.
/// </summary>
internal sealed class ResultCollector
{
    private readonly Lock _gate = new();
    private readonly List<DownloadResult> _results;
    private Action<DownloadResult>? _onResult;

    /// <summary>Creates a collector sized for <paramref name="expected"/> results.</summary>
    public ResultCollector(int expected) => _results = new List<DownloadResult>(expected);

    /// <summary>Called for each result after it is stored (set before the run starts).</summary>
    public Action<DownloadResult>? OnResult
    {
        get => _onResult;
        set => _onResult = value;
    }

    /// <summary>A snapshot of the results so far.</summary>
    public IReadOnlyList<DownloadResult> Results
    {
        get
        {
            lock (_gate)
            {
                return _results.ToList();
            }
        }
    }

    /// <summary>Stores <paramref name="result"/> and shows it.</summary>
    public void Add(DownloadResult result)
    {
        lock (_gate)
        {
            _results.Add(result);
            _onResult?.Invoke(result);
        }
    }
}
