using System.Diagnostics;
using System.Globalization;
using System.IO.Pipes;

namespace Futures.AotApp;

public enum Colour
{
    Red,
    Green,
}

public sealed record Point(int X, int Y);

public sealed class Bag
{
    public string? Name { get; set; }

    public List<Point> Points { get; set; } = [];

    public Dictionary<string, double> Scores { get; set; } = [];

    public Colour Colour { get; set; }

    public int? Maybe { get; set; }
}

/// <summary>An exception type of the app: the generator registers it, so it comes back as itself.</summary>
public sealed class JobFailedException(string message, Exception? inner) : Exception(message, inner)
{
    public JobFailedException()
        : this("The job failed.", null)
    {
    }

    public JobFailedException(string message)
        : this(message, null)
    {
    }
}

/// <summary>The work the app's pools run; it lives in the app, as in any Native AOT app.</summary>
internal static class Jobs
{
    private static bool s_initialized;

    public static void Initialize() => s_initialized = true;

    public static bool Initialized() => s_initialized;

    public static int Square(int x) => x * x;

    public static int Add(int a, int b) => a + b;

    public static int ProcessId() => Environment.ProcessId;

    public static Point Move(Point p) => p with { X = p.X + 1, Y = p.Y * 2 };

    public static Bag Fill(Point p) => new()
    {
        Name = "bag",
        Points = [p, p with { X = 0 }],
        Scores = new() { ["x"] = p.X, ["half"] = 0.5 },
        Colour = Colour.Green,
        Maybe = p.Y,
    };

    public static (string, int) Split(string text) => (text.Split(':')[1], text.Length);

    public static double Divide(double x) => x / 0.0 * 0.0;

    public static int Fail(int item) => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"failed on {item}"));

    public static int FailOwn(int item) => throw new JobFailedException(string.Create(CultureInfo.InvariantCulture, $"job {item} failed"));

    public static async Task<int> SquareLaterAsync(int x)
    {
        await Task.Yield();
        return x * x;
    }

    public static async Task<int> DoubleLaterAsync(int x, CancellationToken token)
    {
        await Task.Delay(1, token);
        return x * 2;
    }

    public static async Task<string> WaitAsync(CancellationToken token)
    {
        await Task.Yield();
        return token.CanBeCanceled ? "cancellable" : "not cancellable";
    }

    public static int KillSelf(int _)
    {
        Process.GetCurrentProcess().Kill();
        return 0;
    }

    /// <summary>Tells the test its pid over the named pipe <paramref name="gate"/>, then holds its worker until killed.</summary>
    public static int Hang(string gate)
    {
        using var pipe = new NamedPipeClientStream(".", gate, PipeDirection.Out);
        pipe.Connect(TimeSpan.FromSeconds(30));
        pipe.Write(BitConverter.GetBytes(Environment.ProcessId));
        pipe.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
