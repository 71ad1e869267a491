using CsCheck;

namespace Futures.Tests.Concurrency;

/// <summary>
/// Linearizability of async work's state machine (CsCheck's SampleParallel): a worker starting the item, a caller
/// cancelling it or completing it by hand, and its task completing or failing, all at once. The outcome must equal that
/// of some serial order, the work must be called at most once, and the item's slot must be given back exactly once per
/// start that took one (skipped, returned at once, or released when the task completed).
/// </summary>
[Collection(RunsAlone.Name)]
public class AsyncWorkItemRaceTests
{
    private const int Iterations = 300;

    private static readonly GenOperation<AsyncItemModel> Start =
        Gen.Operation<AsyncItemModel>("Start (worker)", m => m.Start());

    private static readonly GenOperation<AsyncItemModel> Cancel =
        Gen.Operation<AsyncItemModel>("Cancel()", m => m.Cancel());

    private static readonly GenOperation<AsyncItemModel> Complete =
        Gen.Int[0, 9].Operation<AsyncItemModel>(i => $"task completes ({i})", (m, i) => m.Complete(i));

    private static readonly GenOperation<AsyncItemModel> Fault =
        Gen.Operation<AsyncItemModel>("task fails", m => m.Fault());

    private static readonly GenOperation<AsyncItemModel> SetByHand =
        Gen.Int[10, 19].Operation<AsyncItemModel>(i => $"TrySetResult({i}) by hand", (m, i) => m.SetByHand(i));

    [Fact]
    public void StartVsCancelVsCompletion_IsLinearizable()
    {
        CheckLinearizable(Start, Cancel, Complete, Start, Cancel);
    }

    [Fact]
    public void StartVsTaskOutcomes_IsLinearizable()
    {
        CheckLinearizable(Start, Complete, Fault, Start);
    }

    [Fact]
    public void StartVsHandCompletionVsCancel_IsLinearizable()
    {
        // Without the task completing: who completes a running future first (the work or a hand) is a race the
        // caller chose, so the task's outcome is left out here; misuse before the start is in the contract tests.
        CheckLinearizable(Start, SetByHand, Cancel, Start);
    }

    [Fact]
    public void AllExecutorOperations_AreLinearizable()
    {
        CheckLinearizable(Start, Cancel, Complete, Fault);
    }

    private static void CheckLinearizable(params GenOperation<AsyncItemModel>[] operations) =>
        Check.SampleParallel(
            Gen.Const(() => new AsyncItemModel()),
            operations,
            AsyncItemModel.Same,
            maxSequentialOperations: 3,
            maxParallelOperations: 3,
            iter: Iterations,
            print: m => m.ToString());

    /// <summary>One async work item with a task the test completes, plus a tally of what each party saw.</summary>
    public sealed class AsyncItemModel : IWorkItemHost, ITaskWorkHost
    {
        private static readonly SynchronizationContext NoContext = new();

        private readonly TaskCompletionSource<int> _task = new();
        private readonly TaskWorkItem<int> _item;
        private int _invoked;
        private int _starts;
        private int _skipped;
        private int _returned;
        private int _released;
        private int _cancelTrue;
        private int _cancelFalse;
        private int _taskSet;
        private int _handTrue;
        private int _handFalse;

        public AsyncItemModel()
        {
            _item = new TaskWorkItem<int>(this, () =>
            {
                Interlocked.Increment(ref _invoked);
                return _task.Task;
            });
        }

        SynchronizationContext ITaskWorkHost.SynchronizationContext => NoContext;

        CancellationToken ITaskWorkHost.WorkToken => CancellationToken.None;

        public string ExecutorName => "async-item-model";

        public void Start()
        {
            Interlocked.Increment(ref _starts);
            _item.Run(this);
        }

        public void Cancel() => Interlocked.Increment(ref _item.Cancel() ? ref _cancelTrue : ref _cancelFalse);

        public void Complete(int value)
        {
            if (_task.TrySetResult(value))
            {
                Interlocked.Increment(ref _taskSet);
            }
        }

        public void Fault()
        {
            if (_task.TrySetException(new InvalidDataException()))
            {
                Interlocked.Increment(ref _taskSet);
            }
        }

        public void SetByHand(int value) => Interlocked.Increment(ref _item.TrySetResult(value) ? ref _handTrue : ref _handFalse);

        void IWorkItemHost.OnSkipped() => Interlocked.Increment(ref _skipped);

        void IWorkItemHost.OnWorkReturned() => Interlocked.Increment(ref _returned);

        void IWorkItemHost.OnCallbacksStarting()
        {
        }

        void ITaskWorkHost.ReleaseSlot() => Interlocked.Increment(ref _released);

        /// <summary>
        /// Equal when both ended in the same state with the same outcome and every party saw the same. Before
        /// comparing, waits (bounded) for a completion that the runtime may have scheduled rather than run inline.
        /// </summary>
        public static bool Same(AsyncItemModel actual, AsyncItemModel sequential)
        {
            actual.Settle();
            sequential.Settle();
            return actual.Snapshot() == sequential.Snapshot()
                && actual._invoked <= 1
                && actual.SlotsBalanced();
        }

        public override string ToString() => Snapshot().ToString();

        /// <summary>
        /// Every start gave its slot back, except one whose task is still running (even if the future was completed by
        /// hand meanwhile: the work still runs, so it still counts against MaxWorkers).
        /// </summary>
        private bool SlotsBalanced()
        {
            var stillHeld = _invoked == 1 && !_task.Task.IsCompleted ? 1 : 0;
            return _skipped + _returned + _released + stillHeld == _starts;
        }

        private void Settle() =>
            SpinWait.SpinUntil(() => _invoked == 0 || !_task.Task.IsCompleted || _returned + _released == 1, TimeSpan.FromSeconds(10));

        // Returned (the task was complete when the worker looked) and Released (it completed later) are one outcome, the
        // slot given back: a task completing between the call and the look is seen either way.
        private (FutureState State, string Outcome, int Invoked, int Skipped, int GivenBack, int CancelTrue,
            int CancelFalse, int TaskSet, int HandTrue, int HandFalse) Snapshot() =>
            (_item.State, Outcome(), _invoked, _skipped, Volatile.Read(ref _returned) + Volatile.Read(ref _released),
                _cancelTrue, _cancelFalse, _taskSet, _handTrue, _handFalse);

        private string Outcome() => _item.State switch
        {
            FutureState.Finished when _item.Exception(TimeSpan.Zero) is { } ex => ex.GetType().Name,
            FutureState.Finished => $"result {_item.Result(TimeSpan.Zero)}",
            var other => other.ToString(),
        };
    }
}
