using CsCheck;

namespace Futures.Tests.Concurrency;

/// <summary>Many threads wait on one future in different ways while another completes it: every waiter wakes with the outcome.</summary>
[Collection(RunsAlone.Name)]
public class WaiterRaceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public enum WaitKind { Result, Exception, Wait, AsCompleted, Await, AddDoneCallback }

    public enum Completion { Result, Exception, Cancel }

    [Fact]
    public void ManyWaiters_OneCompletion_AllWake()
    {
        var gen = Gen.Select(Gen.Enum<WaitKind>().Array[1, 12], Gen.Enum<Completion>());
        Check.Sample(gen, sample => Run(sample.Item1, sample.Item2), iter: 150, threads: 1);
    }

    private static void Run(WaitKind[] kinds, Completion completion)
    {
        // Arrange
        var future = new Future<int>();
        using var ready = new CountdownEvent(kinds.Length);
        var outcomes = new string[kinds.Length];
        var threads = kinds.Select((kind, i) => new Thread(() =>
        {
            ready.Signal();
            try
            {
                outcomes[i] = Observe(future, kind);
            }
            catch (Exception ex)
            {
                // Reported by the assertion below rather than crashing the test host from a raw thread.
                outcomes[i] = $"{kind} threw {ex.GetType().Name}: {ex.Message}";
            }
        })).ToList();

        // Act: complete while the waiters are arriving, so some register and some find it done.
        threads.ForEach(t => t.Start());
        ready.Wait(Patience);
        switch (completion)
        {
            case Completion.Result:
                future.SetResult(7);
                break;
            case Completion.Exception:
                future.SetException(new InvalidDataException());
                break;
            default:
                future.Cancel();
                break;
        }

        // Assert
        Assert.All(threads, t => Assert.True(t.Join(Patience), "A waiter never woke."));
        var expected = completion switch
        {
            Completion.Result => "7",
            Completion.Exception => nameof(InvalidDataException),
            _ => "cancelled",
        };
        Assert.All(outcomes, outcome => Assert.Equal(expected, outcome));
    }

    private static string Observe(Future<int> future, WaitKind kind)
    {
        try
        {
            switch (kind)
            {
                case WaitKind.Exception:
                    return future.Exception(Patience) is { } ex ? ex.GetType().Name : "7";
                case WaitKind.Wait:
                    Assert.Single(Future.Wait([future], Patience).Done);
                    break;
                case WaitKind.AsCompleted:
                    Assert.Single(Future.AsCompleted([future], Patience));
                    break;
                case WaitKind.Await:
                    // The task itself completes on the completing thread; waiting on its handle needs no pool thread,
                    // so a busy test run's thread-pool starvation cannot pass for a lost wake-up.
                    var task = future.AsTask();
                    Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(Patience), "The task never completed.");
                    return task.IsCanceled ? "cancelled" : task.IsFaulted ? task.Exception!.InnerException!.GetType().Name : $"{task.Result}";
                case WaitKind.AddDoneCallback:
                    var called = new Future<bool>();
                    future.AddDoneCallback(_ => called.SetResult(true));
                    called.Result(Patience);
                    break;
            }

            return $"{future.Result(Patience)}";
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
        catch (InvalidDataException ex)
        {
            return ex.GetType().Name;
        }
    }
}
