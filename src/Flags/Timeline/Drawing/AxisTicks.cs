using System.Globalization;

namespace Flags.Timeline.Drawing;

/// <summary>Round tick steps (1, 2 or 5 times a power of ten) and labels for time and count axes.</summary>
internal static class AxisTicks
{
    /// <summary>The smallest round step that divides <paramref name="range"/> into at most <paramref name="maxTicks"/> parts.</summary>
    public static double Step(double range, int maxTicks)
    {
        if (!(range > 0) || maxTicks < 1)
        {
            return 1;
        }

        var raw = range / maxTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var multiple in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            if (multiple * magnitude >= raw * 0.999999)
            {
                return multiple * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>The tick values from 0 up to <paramref name="max"/> (inclusive, within rounding) at <paramref name="step"/>.</summary>
    public static IEnumerable<double> Values(double max, double step)
    {
        for (var i = 0; i * step <= max * 1.000001 + 1e-12; i++)
        {
            yield return i * step;
        }
    }

    /// <summary>A time in seconds for an axis whose ticks are <paramref name="step"/> apart: "0", "250 ms", "1.5 s", "40 µs".</summary>
    public static string Seconds(double seconds, double step)
    {
        if (seconds == 0)
        {
            return "0";
        }

        if (step >= 0.1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s");
        }

        return step >= 1e-3
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:0.##} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:0.##} µs");
    }

    /// <summary>A duration for a label or tooltip, with a unit that keeps it short: "512 ms", "3.61 s", "48 µs".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        0 => "0",
        >= 10 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s"),
        >= 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:0.#} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:0} µs"),
    };

    /// <summary>A count or plain value: "0", "25", "1,500", "0.75".</summary>
    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("#,0.###", CultureInfo.InvariantCulture);
}
