using System.Collections.Concurrent;
using CsCheck;
using Futures.Tests.Contract;

namespace Futures.Tests.Concurrency;

/// <summary>
/// Shutdown racing Submit on a ThreadPoolExecutor, checked for linearizability with CsCheck: every accepted submission
/// completes (none is stranded in the queue), every refused one throws InvalidOperationException, nothing hangs.
/// </summary>
[Collection(RunsAlone.Name)]
public class ExecutorRaceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly GenOperation<PoolModel> Submit =
        Gen.Int[0, 100].Operation<PoolModel>(i => $"Submit(Square, {i})", (m, i) => m.Submit(i));

    private static readonly GenOperation<PoolModel> Shutdown =
        Gen.Operation<PoolModel>("Shutdown(wait: false)", m => m.Shutdown(cancelFutures: false));

    private static readonly GenOperation<PoolModel> ShutdownCancel =
        Gen.Operation<PoolModel>("Shutdown(wait: false, cancelFutures: true)", m => m.Shutdown(cancelFutures: true));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ShutdownVsSubmit_AcceptedWorkCompletes(int maxWorkers)
    {
        Check.SampleParallel(
            Gen.Const(() => new PoolModel(maxWorkers)),
            [Submit, Submit, Submit, Shutdown],
            PoolModel.Same,
            maxSequentialOperations: 3,
            maxParallelOperations: 4,
            iter: 300,
            print: m => m.ToString());
    }

    [Fact]
    public void ShutdownCancelVsSubmit_AcceptedWorkIsDone()
    {
        Check.SampleParallel(
            Gen.Const(() => new PoolModel(1)),
            [Submit, Submit, ShutdownCancel],
            PoolModel.Same,
            maxSequentialOperations: 3,
            maxParallelOperations: 4,
            iter: 300,
            print: m => m.ToString());
    }

    [Fact]
    public void SubmitFromManyThreads_ThenShutdownWait_RunsEverything()
    {
        // Many submitters at once against a small pool; Shutdown(wait) must return with every future finished.
        Check.Sample(Gen.Int[1, 4].Select(Gen.Int[1, 200]), sample =>
        {
            var (workers, perThread) = sample;
            var executor = new ThreadPoolExecutor(workers);
            var futures = new ConcurrentBag<Future<int>>();

            // Dedicated threads, not the .NET pool: a starved pool on a busy machine must not pass for a hang.
            var submitters = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    futures.Add(executor.Submit(Jobs.Square, i));
                }
            })).ToList();
            submitters.ForEach(t => t.Start());
            Assert.All(submitters, t => Assert.True(t.Join(Patience), "A submitter hung."));
            var shutdown = new Thread(() => executor.Shutdown(wait: true));
            shutdown.Start();
            Assert.True(shutdown.Join(Patience), "Shutdown(wait: true) hung.");
            Assert.All(futures, f => Assert.Equal(FutureState.Finished, f.State));
            Assert.True(executor.ThreadCount <= workers);
        }, iter: 100, threads: 1);
    }

    /// <summary>A pool plus what each Submit and Shutdown answered.</summary>
#pragma warning disable CA1001 // CsCheck owns these states; Same shuts each pool down once compared.
    public sealed class PoolModel(int maxWorkers)
#pragma warning restore CA1001
    {
        private readonly ThreadPoolExecutor _executor = new(maxWorkers);
        private readonly ConcurrentQueue<(int Input, Future<int> Future)> _accepted = new();
        private int _refused;
        private int _shutdowns;
        private int _wrongRefusals;

        public void Submit(int input)
        {
            try
            {
                _accepted.Enqueue((input, _executor.Submit(Jobs.Square, input)));
            }
            catch (InvalidOperationException ex) when (ex is not BrokenExecutorException)
            {
                Interlocked.Increment(ref _refused);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _wrongRefusals);
            }
        }

        public void Shutdown(bool cancelFutures)
        {
            _executor.Shutdown(wait: false, cancelFutures);
            Interlocked.Increment(ref _shutdowns);
        }

        /// <summary>
        /// Equal when as many submissions were accepted and refused, and every accepted one is done (cancelled only by
        /// Shutdown with cancelFutures) with the right result. Shuts both pools down afterwards, so that no thread is left.
        /// </summary>
        public static bool Same(PoolModel actual, PoolModel sequential)
        {
            var same = actual.AllAcceptedDone() && sequential.AllAcceptedDone()
                && actual._wrongRefusals == 0
                && actual._accepted.Count == sequential._accepted.Count
                && actual._refused == sequential._refused
                && actual._shutdowns == sequential._shutdowns;
            actual._executor.Shutdown(wait: false);
            sequential._executor.Shutdown(wait: false);
            return same;
        }

        public override string ToString() =>
            $"accepted {_accepted.Count}, refused {_refused}, shutdowns {_shutdowns}, wrong refusals {_wrongRefusals}, "
            + $"not done {_accepted.Count(a => !a.Future.Done)}";

        private bool AllAcceptedDone()
        {
            var futures = _accepted.Select(a => a.Future).ToList();
            if (Future.Wait(futures, Patience).NotDone.Count > 0)
            {
                return false;
            }

            return _accepted.All(a => a.Future.Cancelled || a.Future.Result(TimeSpan.Zero) == a.Input * a.Input);
        }
    }
}
