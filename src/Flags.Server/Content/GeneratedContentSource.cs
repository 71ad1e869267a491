using System.Text;

namespace Flags.Server.Content;

/// <summary>
/// The built-in content: a generated GIF for each of <see cref="CountryCodes.All"/>, painted on first request and
/// kept for the life of the process (shared by every server in it), and the code list laid out like the reference's
/// country_codes.txt (25 codes a line).
/// </summary>
internal sealed class GeneratedContentSource : IContentSource
{
    // A fixed date keeps Last-Modified (and so conditional requests) stable across restarts.
    private static readonly DateTimeOffset Published = new(2015, 8, 20, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<StaticResource>?[] Flags = CreateFlagSlots();

    private static readonly Lazy<StaticResource> CodeList = new(() => new StaticResource(
        Encoding.ASCII.GetBytes(FormatCodeList(CountryCodes.All)), "text/plain; charset=utf-8", Published));

    public static GeneratedContentSource Instance { get; } = new();

    public ValueTask<StaticResource?> GetFlagAsync(string code, CancellationToken cancellationToken) =>
        Flags[SlotOf(code)] is { } flag ? ValueOf(flag) : ValueTask.FromResult<StaticResource?>(null);

    public ValueTask<StaticResource?> GetCountryCodesAsync(CancellationToken cancellationToken) => ValueOf(CodeList);

    /// <summary>
    /// A painted body at once; the first paint on the thread pool, because requests run inline on the socket
    /// threads (FlagServer) and a paint there would hold up every other connection on that thread.
    /// </summary>
    private static ValueTask<StaticResource?> ValueOf(Lazy<StaticResource> body) =>
        body.IsValueCreated
            ? ValueTask.FromResult<StaticResource?>(body.Value)
            : new ValueTask<StaticResource?>(Task.Run<StaticResource?>(() => body.Value));

    /// <summary>Codes joined by spaces, 25 per line, each line ending in a newline.</summary>
    internal static string FormatCodeList(IReadOnlyList<string> codes)
    {
        var text = new StringBuilder(codes.Count * 3);
        for (int i = 0; i < codes.Count; i++)
        {
            text.Append(codes[i]).Append(i % 25 == 24 || i == codes.Count - 1 ? '\n' : ' ');
        }
        return text.ToString();
    }

    private static int SlotOf(string code) => ((code[0] | 0x20) - 'a') * 26 + ((code[1] | 0x20) - 'a');

    private static Lazy<StaticResource>?[] CreateFlagSlots()
    {
        var slots = new Lazy<StaticResource>?[26 * 26];
        foreach (string code in CountryCodes.All)
        {
            string name = code;
            slots[SlotOf(name)] = new Lazy<StaticResource>(() => new StaticResource(FlagArtist.Paint(name), "image/gif", Published));
        }
        return slots;
    }
}
