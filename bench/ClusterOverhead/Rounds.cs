using System.Globalization;

/// <summary>
/// One measure taken on both clusters in every round, in alternating order, and the Redis/localhost ratio of each
/// round: the spread of those ratios says whether a difference is the membership's or the machine's.
/// </summary>
internal sealed class Rounds
{
    public List<double> Local { get; } = [];

    public List<double> Redis { get; } = [];

    /// <summary>Redis/localhost, one per round.</summary>
    public List<double> Ratios { get; } = [];

    public void Add(int round, Func<double> local, Func<double> redis)
    {
        double l, r;
        if (round % 2 == 0)
        {
            (l, r) = (local(), redis());
        }
        else
        {
            (r, l) = (redis(), local());
        }

        Local.Add(l);
        Redis.Add(r);
        Ratios.Add(r / l);
    }

    public string RatioRow(string name)
    {
        var (low, high) = MiddleHalf(Ratios);
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(Ratios):0.00}x | {low:0.00}-{high:0.00}x | {List(Ratios, "0.00")} |");
    }

    /// <summary>Met when even the upper quartile of the ratios is within the limit, missed when even the lower one is above it.</summary>
    public string Verdict(double limit)
    {
        var (low, high) = MiddleHalf(Ratios);
        var range = string.Create(CultureInfo.InvariantCulture, $"median {Median(Ratios):0.00}x, middle half {low:0.00}-{high:0.00}x over {Ratios.Count} rounds");
        return high <= limit ? $"met ({range})" : low > limit ? $"missed ({range})" : $"not shown either way ({range})";
    }

    public static double Median(List<double> values) => Quantile(values, 0.5);

    public static string List(List<double> values, string format) =>
        string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    private static (double Low, double High) MiddleHalf(List<double> values) => (Quantile(values, 0.25), Quantile(values, 0.75));

    /// <summary>Linear interpolation between the closest ranks.</summary>
    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
