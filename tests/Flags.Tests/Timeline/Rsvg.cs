using System.Diagnostics;

namespace Flags.Tests.Timeline;

/// <summary>Renders SVG text with a real renderer, rsvg-convert (Debian: librsvg2-bin; .ci/run installs it), into a decoded PNG.</summary>
internal static class Rsvg
{
    public static async Task<Png> RenderAsync(string svg)
    {
        var folder = Path.Combine(Path.GetTempPath(), "flags-rsvg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.svg");
            var output = Path.Combine(folder, "out.png");
            await File.WriteAllTextAsync(input, svg);
            var start = new ProcessStartInfo("rsvg-convert") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["--format", "png", "--output", output, input])
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("rsvg-convert is not installed. Install it (Debian: apt-get install librsvg2-bin) to run the rendering tests.", ex);
            }

            using (process)
            {
                var errors = process.StandardError.ReadToEndAsync();
                try
                {
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
                }
                finally
                {
                    if (!process.HasExited)
                    {
                        process.Kill();
                    }
                }

                Assert.True(process.ExitCode == 0, $"rsvg-convert exited with {process.ExitCode}: {await errors}");
                Assert.Equal("", (await errors).Trim());
            }

            return Png.Read(await File.ReadAllBytesAsync(output));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
