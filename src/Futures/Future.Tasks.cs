using System.Runtime.CompilerServices;

namespace Futures;

public abstract partial class Future
{
    /// <summary>Lets <c>await future</c> wait for it to be done without blocking a thread; throws as the future would.</summary>
    public TaskAwaiter GetAwaiter() => AsTaskCore().GetAwaiter();

    /// <summary>A task that completes when this future is done, with its exception or cancellation.</summary>
    public Task AsTask() => AsTaskCore();

    private protected abstract Task AsTaskCore();
}
