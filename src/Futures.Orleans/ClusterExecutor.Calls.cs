using System.Diagnostics;
using Futures.Orleans.Wire;

namespace Futures.Orleans;

public sealed partial class ClusterExecutor
{
    /// <summary>How many worker grain ids the calls cycle through; many more than a cluster has gateways, so they spread evenly.</summary>
    internal const int WorkerKeys = 64;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    // The executor whose call this thread is completing, if any: Shutdown(wait) from a done-callback must not wait for itself.
    [ThreadStatic]
    private static ClusterExecutor? t_completingFor;

    private void Enqueue(IClusterWorkItem item)
    {
        List<IClusterWorkItem>? sends;
        // Under the gate so that Shutdown cannot slip between the check and the enqueue and strand the item.
        lock (_gate)
        {
            ThrowIfClosedLocked();
            _pending.Enqueue(item);
            sends = TakeSendableLocked();
        }

        Send(sends);
    }

    private void ThrowIfClosedLocked()
    {
        if (_broken is { } broken)
        {
            throw new BrokenClusterExecutorException(broken.Message, broken.InnerException);
        }

        if (_shutdown)
        {
            throw new InvalidOperationException(
                "Cannot submit work: ClusterExecutor was shut down. Submit before calling Shutdown(), or create a new executor.");
        }
    }

    /// <summary>Marks pending items running while fewer than MaxInFlight calls are out; returns them (sent outside the lock).</summary>
    private List<IClusterWorkItem>? TakeSendableLocked()
    {
        AssertInvariants();
        List<IClusterWorkItem>? sends = null;
        while (_broken is null && _inFlight < _maxInFlight && _pending.TryDequeue(out var item))
        {
            if (!TryStart(item))
            {
                continue; // cancelled, or completed or started by hand, while it waited: its slot goes to the next item
            }

            _inFlight++;
            _running.Add(item);
            (sends ??= []).Add(item);
        }

        return sends;
    }

    /// <summary>
    /// Pending -> Running; false for an item that is no longer Pending (cancelled, or completed or started by hand
    /// through its public methods), which is skipped: misuse of one future must neither throw here nor strand the rest.
    /// </summary>
    private static bool TryStart(IClusterWorkItem item)
    {
        return item.TryStart() == true;
    }

    private void Send(List<IClusterWorkItem>? sends)
    {
        if (sends is null)
        {
            return;
        }

        foreach (var item in sends)
        {
            _ = CallAsync(item);
        }
    }

    /// <summary>Sends one item until a silo answers or the attempts run out; then frees its slot for the next item.</summary>
    private async Task CallAsync(IClusterWorkItem item)
    {
        await Task.Yield(); // never run the first attempt on the submitting thread
        try
        {
            await DeliverAsync(item).ConfigureAwait(false);
        }
        finally
        {
            OnCallFinished(item);
        }
    }

    private async Task DeliverAsync(IClusterWorkItem item)
    {
        Exception? failure = null;
        SiloAddress? askAgain = null;
        for (var attempt = 1; ; attempt++)
        {
            var silo = TakeSilo(prefer: askAgain);
            askAgain = null;
            WorkReply reply;
            try
            {
                reply = await AttemptAsync(item.Request, silo).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever fails the call itself (the work's own exception travels in the reply) is a delivery failure.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
                if (attempt >= MaxAttempts || _abort.IsCancellationRequested)
                {
                    break;
                }

                // No reply in time to the first attempt: the silo may have run the item and the reply been lost on the
                // way (through a gateway that stopped). The second attempt asks that silo again: if it took the item it
                // answers from that run, else it runs it; later attempts avoid it (suspect), so a hung run costs one
                // attempt more, not all. A silo that has left the cluster is not asked (TakeSilo).
                if (ex is TimeoutException && silo is not null && attempt == 1)
                {
                    askAgain = silo.Address;
                }

                Interlocked.Increment(ref _retries);
                await DelayAsync(Backoff(attempt)).ConfigureAwait(false);
                continue;
            }

            failure = null;
            if (reply.Refused)
            {
                // A stopping silo sent it back unrun: not a failed attempt; the next call goes to the next gateway.
                attempt--;
                Interlocked.Increment(ref _refusals);
                await DelayAsync(Backoff(1)).ConfigureAwait(false);
                continue;
            }

            Complete(item, reply);
            break;
        }

        if (failure is not null)
        {
            Break(item, failure);
        }
    }

    /// <summary>One attempt: to <paramref name="silo"/> (its slot taken), or, before the executor knows any, through a gateway.</summary>
    private async Task<WorkReply> AttemptAsync(WorkRequest request, ClusterSilo? silo)
    {
        var failed = true;
        try
        {
            var reply = await CallOnceAsync(request, silo).ConfigureAwait(false);
            failed = reply.Refused;
            return reply;
        }
        finally
        {
            if (silo is not null)
            {
                ReleaseSilo(silo, suspect: failed);
            }
        }
    }

    private Task<WorkReply> Invoke(WorkRequest request, ClusterSilo? silo, CancellationToken cancellationToken)
    {
        if (silo is not null)
        {
            return Hinted(silo.Address, () => _client.GetGrain<IFuturesSiloGrain>(silo.Key).Run(request, cancellationToken));
        }

        // A stateless worker runs on the gateway that receives the call; each call, a retry too, takes the next of
        // WorkerKeys grain ids, and so (usually) the next gateway.
        var key = (Interlocked.Increment(ref _lastKey) & long.MaxValue) % WorkerKeys;
        return _client.GetGrain<IFuturesWorkerGrain>(key).Run(request, cancellationToken);
    }

    private async Task<WorkReply> CallOnceAsync(WorkRequest request, ClusterSilo? silo)
    {
        if (ItemTimeout is not { } timeout)
        {
            return await Invoke(request, silo, _abort.Token).WaitAsync(_abort.Token).ConfigureAwait(false);
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        attempt.CancelAfter(timeout);
        try
        {
            // The token tells the silo to drop the work; WaitAsync stops waiting at once, even for a silo that is gone.
            var call = Invoke(request, silo, attempt.Token);
            try
            {
                return await call.WaitAsync(timeout, _time, _abort.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await attempt.CancelAsync().ConfigureAwait(false);
                call.Ignore();
                throw new TimeoutException($"No silo answered within the item timeout of {timeout.TotalSeconds:0.###} s.");
            }
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            throw new TimeoutException($"No silo answered within the item timeout of {timeout.TotalSeconds:0.###} s.");
        }
    }

    private void Complete(IClusterWorkItem item, WorkReply reply)
    {
        var previous = t_completingFor;
        t_completingFor = this;
        try
        {
            item.Complete(reply);
        }
#pragma warning disable CA1031 // Whatever reading the reply throws is the item's outcome, never an exception on a call's thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            item.Fail(ex);
        }
        finally
        {
            t_completingFor = previous;
        }
    }

    private Task DelayAsync(TimeSpan delay) =>
        Task.Delay(delay, _time, _abort.Token).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>200 ms, 400 ms, 800 ms ... up to 5 s, each with up to 50% random jitter so that retries do not arrive together.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var exponential = FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 10));
        var capped = exponential < MaxBackoff ? exponential : MaxBackoff;
#pragma warning disable CA5394 // Jitter, not security.
        return capped * (1 + (Random.Shared.NextDouble() / 2));
#pragma warning restore CA5394
    }

    /// <summary>Breaks the executor: every pending and running future fails, later submissions are refused.</summary>
    private void Break(IClusterWorkItem item, Exception failure)
    {
        List<IClusterWorkItem> failed;
        BrokenClusterExecutorException broken;
        lock (_gate)
        {
            if (_broken is not null)
            {
                broken = _broken;
                failed = [item];
            }
            else
            {
                var attempts = MaxAttempts == 1 ? "its only attempt" : $"all {MaxAttempts} attempts";
                broken = _broken = new BrokenClusterExecutorException(
                    $"ClusterExecutor is broken: a call of {item.FunctionName} failed on {attempts} ({failure.GetType().Name}: {failure.Message}). Pending work was failed; check the silos and the client's connection, then create a new executor.",
                    failure);
                failed = [.. _running, .. _pending];
                _pending.Clear();
            }
        }

        _abort.Cancel(); // outstanding calls end now instead of at their response timeout
        foreach (var f in failed)
        {
            f.Fail(new BrokenClusterExecutorException(broken.Message, broken.InnerException));
        }
    }

    private void OnCallFinished(IClusterWorkItem item)
    {
        List<IClusterWorkItem>? sends;
        lock (_gate)
        {
            _inFlight--;
            _running.Remove(item);
            sends = TakeSendableLocked();
            SignalIfTerminatedLocked();
        }

        Send(sends);
    }

    private void SignalIfTerminatedLocked()
    {
        if (_shutdown && _inFlight == 0 && (_pending.Count == 0 || _broken is not null))
        {
            _terminated.TrySetResult();
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_inFlight == _running.Count, "Every outstanding call belongs to one running item.");
        Debug.Assert(_broken is null || _pending.Count == 0, "A broken executor holds no pending work.");
    }
}
