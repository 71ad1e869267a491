namespace Futures.Generators.Tests;

/// <summary>Sources the generator tests compile.</summary>
internal static class Samples
{
    /// <summary>Every shape of work a pool takes, and payload types of every kind the generator covers.</summary>
    public const string AllShapes = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Text.Json.Serialization;
        using Futures;

        namespace App;

        public enum Colour { Red, Green }
        public sealed record Point(int X, int Y);
        public sealed class Bag { public string? Name { get; set; } public List<Point> Points { get; set; } = new(); public Dictionary<string, double> Scores { get; set; } = new(); public Colour Colour { get; set; } public int? Maybe { get; set; } public byte[] Bytes { get; set; } = []; }
        public struct Pair { public int A; public string B; }
        public sealed class Settings { public int Size { get; init; } [JsonPropertyName("label")] public string Label { get; init; } = ""; [JsonIgnore] public int Secret { get; set; } }
        public sealed class AppError(string message, Exception? inner) : Exception(message, inner);

        public static class Work
        {
            public static int Square(int x) => x * x;
            public static Bag Fill(Point p) => new() { Name = p.ToString(), Points = [p], Scores = new() { ["x"] = p.X }, Colour = Colour.Green, Maybe = p.Y, Bytes = [1, 2] };
            public static Pair Swap(Pair p) => new() { A = p.B.Length, B = p.A.ToString() };
            public static Settings Grow(Settings s) => new() { Size = s.Size + 1, Label = s.Label + "!" };
            public static (int, string) Both(int a, string b) => (a, b);
            public static int Add(int a, int b) => a + b;
            public static async Task<int> SquareLater(int x) { await Task.Yield(); return x * x; }
            public static async Task<int> WithToken(int x, CancellationToken token) { await Task.Delay(1, token); return x; }
            public static Task Nothing() => Task.CompletedTask;
            public static void Init() { }
            private static int Hidden(int x) => x + 1;
            public static int Fails(int x) => throw new AppError("bad " + x, null);

            public static void Run()
            {
                using var pool = new ProcessPoolExecutor(maxWorkers: 1, initializer: Init);
                pool.Submit(Square, 3);
                pool.Submit(Fill, new Point(1, 2));
                pool.Submit(Swap, new Pair { A = 1, B = "x" });
                pool.Submit(Grow, new Settings());
                _ = pool.Map(Both, [1], ["a"]);
                pool.Submit(Hidden, 1);
                pool.Submit(Fails, 1);
                pool.Submit(SquareLater, 2);
                pool.Submit(Nothing);
                pool.Submit(static () => 42);
                pool.Submit(static (string s) => s.Length, "abc");
                pool.Submit(static async () => { await Task.Yield(); return "done"; });
                pool.Submit(static async (CancellationToken token) => { await Task.Delay(1, token); return 1.5; });
                pool.Submit(static () => Console.WriteLine("side effect"));
                _ = pool.Map(Add, [1, 2], [3, 4], chunkSize: 2);
                _ = pool.Map(Square, [1, 2, 3], chunkSize: 2);
                _ = pool.MapAsync(WithToken, [1, 2]);
                Executor executor = pool;
                executor.Submit(static (long v) => v * 2, 21L);
            }
        }

        /// <summary>A generic helper that hands its function on to a pool, two calls deep, as samples/CpuDemo does.</summary>
        public static class Helper
        {
            public static decimal Cube(decimal x) => x * x * x;

            public static TResult[] Timed<TSource, TResult>(Func<TSource, TResult> fn, TSource[] items) => Run(new ProcessPoolExecutor(), fn, items);

            private static TResult[] Run<TSource, TResult>(Executor pool, Func<TSource, TResult> fn, TSource[] items)
            {
                using (pool)
                {
                    return [.. pool.Map(fn, items)];
                }
            }

            public static void Use()
            {
                _ = Timed(Cube, [1m, 2m]);
                _ = Timed(static (Guid g) => g.ToString(), [Guid.Empty]);
                _ = new List<int> { 1 }.Select(static x => x.ToString()); // not a pool: nothing registered
            }
        }
        """;

    /// <summary>The misuses the generator warns about, one per line; and correct code around them that must not warn.</summary>
    public const string Misuses = """
        using System;
        using Futures;

        namespace App;

        public interface IShape { }
        public sealed class Shape : IShape { }
        public sealed class NoWay { public NoWay(int a) { } public NoWay(string b) { } public int A { get; set; } }

        public sealed class Caller
        {
            private readonly int _offset = 1;

            public int Offset(int x) => x + _offset;

            public void Run(Func<int, int> given)
            {
                using var pool = new ProcessPoolExecutor();
                var factor = 3;
                var held = given;
                pool.Submit(held, 1);                         // FUT0001 the local variable 'held'
                pool.Submit(given, 9);                        // a parameter: followed back to the callers instead
                pool.Submit(x => x * factor, 2);              // FUT0003 captures 'factor'
                pool.Submit(x => x + _offset, 3);             // FUT0003 captures this
                pool.Submit(Offset, 4);                       // FUT0003 an instance method bound to this
                pool.Submit(static (object o) => o.ToString(), new object());  // FUT0002 object
                pool.Submit(static (IShape s) => 1, new Shape());              // FUT0002 interface
                pool.Submit(static (NoWay n) => n.A, new NoWay(1));            // FUT0002 constructors
                pool.Submit(static x => x + 1, 5);            // fine

                using var threads = new ThreadPoolExecutor();
                threads.Submit(x => x * factor, 6);           // a thread pool: no warning
                threads.Submit(given, 7);
                Executor any = threads;
                any.Submit(x => x * factor, 8);               // an Executor may be a thread pool: no warning
            }
        }
        """;
}
