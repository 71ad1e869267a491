using System.Globalization;
using Futures;
using Futures.AotApp;

// Usage: Futures.AotApp results | exceptions | async | broken | recycle | orphans GATE | without-hook | bench N
// Each mode runs a process pool in this Native AOT executable and prints "name: value" lines that
// tests/Futures.Tests/Aot checks; exit code 0 unless the mode itself failed. "bench N" times a new pool's first
// result, N round trips and a chunked Map (bench/process-pool-aot.sh runs it native and under the JIT).
if (args is not ["without-hook"] && ProcessPoolExecutor.RunWorkerIfRequested(args))
{
    return 0;
}

switch (args)
{
    case ["results"]:
        Modes.Results();
        return 0;
    case ["exceptions"]:
        Modes.Exceptions();
        return 0;
    case ["async"]:
        await Modes.AsyncWork();
        return 0;
    case ["broken"]:
        Modes.Broken();
        return 0;
    case ["recycle"]:
        Modes.Recycle();
        return 0;
    case ["orphans", var gate]:
        Modes.Orphans(gate);
        return 0;
    case ["without-hook"]:
        Modes.WithoutHook();
        return 0;
    case ["bench", var count]:
        Modes.Bench(int.Parse(count, CultureInfo.InvariantCulture));
        return 0;
    default:
        Console.Error.WriteLine($"Usage: Futures.AotApp results | exceptions | async | broken | recycle | orphans GATE | without-hook | bench N (got '{string.Join(' ', args)}').");
        return 2;
}

namespace Futures.AotApp
{
    internal static class Modes
    {
        public static void Results()
        {
            using var pool = new ProcessPoolExecutor(maxWorkers: 2, initializer: Jobs.Initialize);
            Print("square", pool.Submit(Jobs.Square, 7).Result());
            Print("lambda", pool.Submit(static (string s) => s.ToUpperInvariant(), "abc").Result());
            Print("no argument", pool.Submit(static () => 42).Result());
            Print("private", pool.Submit(Hidden, 20).Result());
            Print("record", pool.Submit(Jobs.Move, new Point(1, 2)).Result());
            Print("class", Describe(pool.Submit(Jobs.Fill, new Point(3, 4)).Result()));
            Print("tuple", pool.Submit(Jobs.Split, "ab:cd").Result());
            Print("nan", pool.Submit(Jobs.Divide, 0.0).Result());
            Print("map", string.Join(',', pool.Map(Jobs.Square, Enumerable.Range(1, 10), chunkSize: 3)));
            Print("map two", string.Join(',', pool.Map(Jobs.Add, [1, 2, 3], [10, 20, 30])));
            Print("map records", string.Join(',', pool.Map(Jobs.Move, [new Point(0, 0), new Point(5, 5)], chunkSize: 2)));
            Print("initializer ran", pool.Submit(Jobs.Initialized).Result());
            Print("other process", pool.Submit(Jobs.ProcessId).Result() != Environment.ProcessId);
        }

        public static void Exceptions()
        {
            using var pool = new ProcessPoolExecutor(maxWorkers: 1);
            var builtIn = pool.Submit(Jobs.Fail, 3).Exception()!;
            Print("builtin", $"{builtIn.GetType().FullName}: {builtIn.Message}");
            Print("worker stack", builtIn.Data["RemoteStackTrace"] is string stack && stack.Length > 0);
            var own = pool.Submit(Jobs.FailOwn, 4).Exception()!;
            Print("own", $"{own.GetType().FullName}: {own.Message}");
            Print("pool still works", pool.Submit(Jobs.Square, 5).Result());
        }

        public static async Task AsyncWork()
        {
            using var pool = new ProcessPoolExecutor(maxWorkers: 2);
            Print("async method", await pool.Submit(Jobs.SquareLaterAsync, 6));
            Print("async lambda", await pool.Submit(static async () => { await Task.Yield(); return "done"; }));
            Print("async token", await pool.Submit(Jobs.WaitAsync));
            var mapped = new List<int>();
            await foreach (var item in pool.MapAsync(Jobs.DoubleLaterAsync, [1, 2, 3]))
            {
                mapped.Add(item);
            }

            Print("map async", string.Join(',', mapped));
        }

        public static void Broken()
        {
            using var pool = new ProcessPoolExecutor(maxWorkers: 1);
            Print("before", pool.Submit(Jobs.Square, 2).Result());
            var killed = pool.Submit(Jobs.KillSelf, 0).Exception();
            Print("killed", killed?.GetType().Name);
            var refused = Record(() => pool.Submit(Jobs.Square, 3));
            Print("after", refused?.GetType().Name);
        }

        public static void Recycle()
        {
            using var pool = new ProcessPoolExecutor(maxWorkers: 1, maxTasksPerChild: 2);
            var pids = Enumerable.Range(0, 6).Select(_ => pool.Submit(Jobs.ProcessId).Result()).ToList();
            Print("distinct workers", pids.Distinct().Count());
            Print("tasks per worker", string.Join(',', pids.GroupBy(p => p).Select(g => g.Count())));
        }

        public static void Orphans(string gate)
        {
            // A worker busy in a task that never ends, and an idle one; the test kills this process with SIGKILL and
            // checks that both exit by themselves.
            var pool = new ProcessPoolExecutor(maxWorkers: 2);
            var busy = pool.Submit(Jobs.Hang, gate);
            Print("idle worker", pool.Submit(Jobs.ProcessId).Result());
            Console.Out.Flush();
            busy.Result(); // never returns
        }

        public static void WithoutHook()
        {
            using var pool = new ProcessPoolExecutor(maxWorkers: 1);
            Print("without hook", Record(() => pool.Submit(Jobs.Square, 2).Result())?.Message.Split(Environment.NewLine)[0]);
        }

        public static void Bench(int count)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var pool = new ProcessPoolExecutor(maxWorkers: 1);
            _ = pool.Submit(Jobs.Square, 1).Result();
            Print("first result ms", clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
            clock.Restart();
            for (var i = 0; i < count; i++)
            {
                _ = pool.Submit(Jobs.Square, i).Result();
            }

            Print("round trip us", (clock.Elapsed.TotalMicroseconds / count).ToString("F1", CultureInfo.InvariantCulture));
            clock.Restart();
            var items = 0;
            foreach (var _ in pool.Map(Jobs.Square, Enumerable.Range(0, count * 50), chunkSize: 1000))
            {
                items++;
            }

            Print("map items per s", (items / clock.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture));
        }

        private static int Hidden(int x) => x + 1;

        private static string Describe(Bag bag) =>
            $"{bag.Name}|{string.Join(';', bag.Points)}|{string.Join(';', bag.Scores.Select(kv => $"{kv.Key}={kv.Value}"))}|{bag.Colour}|{bag.Maybe?.ToString(CultureInfo.InvariantCulture) ?? "null"}";

        private static Exception? Record(Action action)
        {
            try
            {
                action();
                return null;
            }
#pragma warning disable CA1031 // The exception is what this mode prints.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return ex;
            }
        }

        private static void Print<T>(string name, T value) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));
    }
}
