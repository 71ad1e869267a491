namespace Futures;

/// <summary>Something inside the library that wants to know when a future is done (a blocked thread, a Task, a queue).</summary>
/// <remarks>Waiters are notified before user callbacks, must not throw, and must not block.</remarks>
internal interface IFutureWaiter
{
    void OnCompleted(Future future);
}
