namespace Futures.Tests.Contract;

/// <summary>A fresh directory under the system temp folder, deleted on dispose; holds release and marker files.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "futures-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path in the directory; the file does not exist until someone creates it.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Creates the file <paramref name="name"/>, releasing jobs that wait for it.</summary>
    public void Release(string name) => System.IO.File.WriteAllText(File(name), "go");

    public bool Exists(string name) => System.IO.File.Exists(File(name));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A job may still hold a marker open on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
