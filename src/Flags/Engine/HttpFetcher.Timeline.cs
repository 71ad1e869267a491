using Flags.Timeline;

namespace Flags.Engine;

/// <summary>The fetcher's --timeline side: every try, the first and each retry, stamped and recorded as it ends.</summary>
internal sealed partial class HttpFetcher
{
    private async ValueTask<AttemptOutcome> TimedTryAsync(AttemptState state, AttemptClock clock, CancellationToken cancellationToken)
    {
        clock.Begin();
        AttemptOutcome outcome;
        try
        {
            outcome = await TryAsync(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A failed try is drawn (as "retried" when another follows); one cut short by Ctrl+C is not a result.
            if (!clock.Stopped)
            {
                clock.End(state.Tries, state.Job.Key, TryOutcome.Error, ex is OperationCanceledException ? "timeout" : Describe(ex));
            }

            throw;
        }

        var (kind, detail) = outcome.Kind switch
        {
            AttemptKind.Saved => (TryOutcome.Ok, null),
            AttemptKind.NotFound => (TryOutcome.NotFound, $"HTTP {(int)outcome.Status}"),
            _ => (TryOutcome.Error, $"HTTP {(int)outcome.Status}"),
        };
        clock.End(state.Tries, state.Job.Key, kind, detail);
        return outcome;
    }
}
