using CsCheck;

namespace Futures.Tests.Concurrency;

/// <summary>
/// Randomized linearizability checks of one future under concurrent calls (CsCheck's SampleParallel): a random prefix
/// of operations runs sequentially, then a few run in parallel, and the outcome must equal that of some sequential
/// order of the same operations. Any lost or doubled callback, double completion or wrong Cancel/start answer fails.
/// Thread interleavings cannot be replayed exactly; CsCheck prints the seed of a failing case for CsCheck_Seed.
/// </summary>
[Collection(RunsAlone.Name)]
public class FutureRaceTests
{
    private const int Iterations = 300;

    private static readonly GenOperation<FutureModel> Cancel =
        Gen.Operation<FutureModel>("Cancel()", m => m.Cancel());

    private static readonly GenOperation<FutureModel> Start =
        Gen.Operation<FutureModel>("SetRunningOrNotifyCancel()", m => m.Start());

    private static readonly GenOperation<FutureModel> SetResult =
        Gen.Int[0, 9].Operation<FutureModel>(i => $"TrySetResult({i})", (m, i) => m.TrySetResult(i));

    private static readonly GenOperation<FutureModel> SetException =
        Gen.Operation<FutureModel>("TrySetException()", m => m.TrySetException());

    private static readonly GenOperation<FutureModel> AddCallback =
        Gen.Operation<FutureModel>("AddDoneCallback()", m => m.AddCallback());

    private static readonly GenOperation<FutureModel> AsTask =
        Gen.Operation<FutureModel>("AsTask()", m => m.AsTask());

    private static readonly GenOperation<FutureModel> AddTypedCallback =
        Gen.Operation<FutureModel>("AddDoneCallback(typed)", m => m.AddTypedCallback());

    [Fact]
    public void CancelVsStart_IsLinearizable()
    {
        CheckLinearizable(Cancel, Start, Cancel, Start, SetResult);
    }

    [Fact]
    public void SetResultVsAddDoneCallback_NoLostOrDoubledCallback()
    {
        CheckLinearizable(SetResult, SetException, AddCallback, AddTypedCallback, AddCallback, Cancel, AsTask);
    }

    [Fact]
    public void AllOperations_AreLinearizable()
    {
        CheckLinearizable(Cancel, Start, SetResult, SetException, AddCallback, AddTypedCallback, AsTask);
    }

    /// <summary>Runs the operations on one future from several threads and checks the outcome matches some serial order.</summary>
    private static void CheckLinearizable(params GenOperation<FutureModel>[] operations) =>
        Check.SampleParallel(
            Gen.Const(() => new FutureModel()),
            operations,
            FutureModel.Same,
            maxSequentialOperations: 3,
            maxParallelOperations: 3,
            iter: Iterations,
            print: m => m.ToString());

    /// <summary>A future plus a tally of what each operation answered; two tallies compare equal field by field.</summary>
    public sealed class FutureModel
    {
        private readonly Future<int> _future = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<Task<int>> _tasks = new();
        private int _cancelTrue;
        private int _cancelFalse;
        private int _startTrue;
        private int _startFalse;
        private int _startThrew;
        private int _setTrue;
        private int _setFalse;
        private int _callbacksAdded;
        private int _callbackRuns;
        private int _callbacksRunTwice;
        private int _callbacksSawNotDone;

        public void Cancel() => Interlocked.Increment(ref _future.Cancel() ? ref _cancelTrue : ref _cancelFalse);

        public void Start()
        {
            try
            {
                Interlocked.Increment(ref _future.SetRunningOrNotifyCancel() ? ref _startTrue : ref _startFalse);
            }
            catch (InvalidOperationException)
            {
                Interlocked.Increment(ref _startThrew);
            }
        }

        public void TrySetResult(int value) => Interlocked.Increment(ref _future.TrySetResult(value) ? ref _setTrue : ref _setFalse);

        public void TrySetException()
        {
            try
            {
                _future.SetException(new InvalidDataException());
                Interlocked.Increment(ref _setTrue);
            }
            catch (InvalidOperationException)
            {
                Interlocked.Increment(ref _setFalse);
            }
        }

        public void AddCallback()
        {
            Interlocked.Increment(ref _callbacksAdded);
            var ran = 0;
            _future.AddDoneCallback(f => OnCallback(f, ref ran));
        }

        public void AddTypedCallback()
        {
            Interlocked.Increment(ref _callbacksAdded);
            var ran = 0;
            _future.AddDoneCallback((Future<int> f) => OnCallback(f, ref ran));
        }

        public void AsTask() => _tasks.Enqueue(_future.AsTask());

        /// <summary>
        /// Equal when the futures ended in the same state with the same outcome and every operation answered alike. A
        /// done future must have run every callback added exactly once; a pending one none.
        /// </summary>
        public static bool Same(FutureModel actual, FutureModel sequential) =>
            actual.Snapshot() == sequential.Snapshot()
            && actual._callbacksRunTwice == 0
            && actual._callbacksSawNotDone == 0
            && actual._tasks.All(t => t.IsCompleted == actual._future.Done);

        public override string ToString() => Snapshot().ToString();

        private void OnCallback(Future future, ref int ran)
        {
            if (Interlocked.Increment(ref ran) > 1)
            {
                Interlocked.Increment(ref _callbacksRunTwice);
            }

            if (!future.Done)
            {
                Interlocked.Increment(ref _callbacksSawNotDone);
            }

            Interlocked.Increment(ref _callbackRuns);
        }

        private (FutureState State, string Outcome, int CancelTrue, int CancelFalse, int StartTrue, int StartFalse, int StartThrew,
            int SetTrue, int SetFalse, int Added, int Runs) Snapshot() =>
            (_future.State, Outcome(), _cancelTrue, _cancelFalse, _startTrue, _startFalse, _startThrew,
                _setTrue, _setFalse, _callbacksAdded, Volatile.Read(ref _callbackRuns));

        private string Outcome() => _future.State switch
        {
            FutureState.Finished when _future.Exception(TimeSpan.Zero) is { } ex => ex.GetType().Name,
            FutureState.Finished => $"result {_future.Result(TimeSpan.Zero)}",
            var other => other.ToString(),
        };
    }
}
