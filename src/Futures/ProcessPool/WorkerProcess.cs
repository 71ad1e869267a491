using System.Diagnostics;

namespace Futures.ProcessPool;

/// <summary>Where a worker is in its life, as the pool sees it.</summary>
internal enum WorkerState
{
    /// <summary>Takes work.</summary>
    Running,

    /// <summary>Its stdin was closed (shutdown or maxTasksPerChild); it exits by itself.</summary>
    Retiring,

    /// <summary>Stopped by the pool (broken pool, TerminateWorkers or KillWorkers); its exit is expected.</summary>
    Killed,
}

/// <summary>
/// The parent's side of one worker process: its pipes, the one task it is running, how many more it may run, and its
/// state. Fields other than the pipes are guarded by the pool's lock; writes to the pipe by <see cref="_writeGate"/>.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _inputWriter;
    private readonly Stream _input;
    private readonly Lock _writeGate = new();
    private readonly FrameWriter _frame = new();
    private readonly HashSet<int> _defined = [];
    private bool _inputClosed;

    public WorkerProcess(Process process, int? tasksLeft)
    {
        _process = process;
        Pid = process.Id;
        _inputWriter = process.StandardInput;
        _input = _inputWriter.BaseStream;
        Output = new BufferedStream(process.StandardOutput.BaseStream, 64 * 1024);
        TasksLeft = tasksLeft;
    }

    public int Pid { get; }

    /// <summary>The worker's stdout, read only by its reader thread.</summary>
    public Stream Output { get; }

    public WorkerState State { get; set; }

    /// <summary>
    /// The tasks sent to it and not yet answered: one, so that no task waits behind another while a worker idles;
    /// two only when every worker is busy and the second is a Map chunk (see <see cref="IProcessWorkItem.MayWaitInWorker"/>).
    /// </summary>
    public List<IProcessWorkItem> InFlight { get; } = new(2);

    /// <summary>How many more tasks it may be sent before it is recycled; null for no limit.</summary>
    public int? TasksLeft { get; set; }

    public bool TakesWork => State == WorkerState.Running && InFlight.Count == 0 && TasksLeft is not 0;

    /// <summary>Busy with one task, and may be sent a second to start as soon as the first is done.</summary>
    public bool TakesQueuedWork => State == WorkerState.Running && InFlight.Count == 1 && TasksLeft is not 0;

    /// <summary>Takes the in-flight task with this id; null if there is none.</summary>
    public IProcessWorkItem? TakeInFlight(long taskId)
    {
        var index = InFlight.FindIndex(item => item.Id == taskId);
        if (index < 0)
        {
            return null;
        }

        var item = InFlight[index];
        InFlight.RemoveAt(index);
        return item;
    }

    /// <summary>Sends the initializer: it runs before any task.</summary>
    public void SendInitializer(PoolFunction initializer) => Write(initializer, frame => frame.Begin(Frames.Initialize).WriteInt32(initializer.Id));

    /// <summary>Sends a task. A pipe that fails means the worker is dead; its reader thread reports that.</summary>
    public void Send(IProcessWorkItem item) => Write(item.Function, item.WriteCall);

    /// <summary>Asks the worker to cancel the token of task <paramref name="taskId"/>; it may have finished meanwhile.</summary>
    public void SendCancel(long taskId) => Write(function: null, frame => frame.Begin(Frames.Cancel).WriteInt64(taskId));

    /// <summary>Closes the worker's stdin; it finishes and exits (end of file is its signal to stop).</summary>
    public void CloseInput()
    {
        lock (_writeGate)
        {
            if (_inputClosed)
            {
                return;
            }

            _inputClosed = true;
            try
            {
                _inputWriter.Dispose();
            }
            catch (IOException)
            {
                // Already gone; the reader thread sees the end of its output.
            }
        }
    }

    /// <summary>
    /// Asks the worker to stop now: SIGTERM (on Windows, where there is none, it is ended as Kill does), and its stdin is
    /// closed, on which a worker exits at once even if its code handles SIGTERM.
    /// </summary>
    public void Terminate()
    {
        try
        {
            if (!_process.HasExited && !Signals.Send(Pid, Signals.SigTerm))
            {
                Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already reaped and disposed: nothing to stop.
        }

        CloseInput();
    }

    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // It is exiting.
        }
    }

    /// <summary>Waits for the process to exit after its output ended, killing it if it lingers; returns its exit code.</summary>
    public int WaitForExit()
    {
        try
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                Kill();
                _process.WaitForExit();
            }

            return _process.ExitCode;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return -1; // its exit status cannot be read; the pool goes on as for any other exit
        }
    }

    public void Dispose()
    {
        CloseInput();
        Output.Dispose();
        _process.Dispose();
    }

    private void Write(PoolFunction? function, Action<FrameWriter> writeFrame)
    {
        lock (_writeGate)
        {
            if (_inputClosed)
            {
                return;
            }

            try
            {
                if (function is not null && _defined.Add(function.Id))
                {
                    _frame.Begin(Frames.Define).WriteInt32(function.Id);
                    function.Descriptor.Write(_frame);
                    _input.Write(_frame.End());
                }

                writeFrame(_frame);
                _input.Write(_frame.End());
                _input.Flush();
                _frame.Trim();
            }
            catch (IOException)
            {
                // The worker died; its reader thread sees the end of its output and breaks the pool.
            }
        }
    }
}
