namespace Flags.Tests.Timeline;

/// <summary>Keeps a test's picture when TIMELINE_SVG_DIR names a folder (to look at them, or to refresh docs/images).</summary>
internal static class KeptPictures
{
    public static async Task KeepAsync(string name, string svg)
    {
        if (Environment.GetEnvironmentVariable("TIMELINE_SVG_DIR") is { Length: > 0 } folder)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), svg);
        }
    }
}
