namespace Flags.Tests.Native;

/// <summary>
/// The native image lays out the methods of src/Flags/native-method-order.txt first and together (IlcOrderFile),
/// which is what keeps a run's resident code small; and the list still names what the build compiles, so it has not
/// gone stale (eng/native-order.sh writes it again).
/// </summary>
public sealed class NativeLayoutTests
{
    private const string OrderFile = "src/Flags/native-method-order.txt";

    // Reads two files and nothing else, so it has no timeout (xunit allows one only on async tests).
    [NativeFact]
    public void Native_ListedMethods_AreCompiledAndLaidOutFirst()
    {
        // Arrange
        var symbolsFile = NativeBinary.Path! + ".dbg";
        Assert.True(File.Exists(symbolsFile), $"No {symbolsFile}: publish writes the symbols beside the executable unless told not to.");
        var methods = ElfSymbols.InSection(symbolsFile, "__managedcode");
        var listed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "native-method-order.txt")).Where(line => line.Length > 0).ToList();

        // The list is current: most of its names are compiled.
        var addresses = listed.Where(methods.ContainsKey).Select(name => methods[name]).ToHashSet();
        Assert.True(listed.Count > 1000, $"{OrderFile} lists only {listed.Count} methods.");
        Assert.True(addresses.Count >= listed.Count * 0.9,
            $"Only {addresses.Count} of the {listed.Count} methods in {OrderFile} are compiled: run eng/native-order.sh to list them again.");

        // Act: where the listed methods end (the 99th percentile, so a method the compiler keeps elsewhere does not
        // count), and how many unlisted ones lie before that (an alias at a listed method's address is that method).
        var end = addresses.Order().ElementAt((int)(addresses.Count * 0.99));
        var listedNames = listed.ToHashSet(StringComparer.Ordinal);
        var interleaved = methods.Count(method => method.Value < end && !listedNames.Contains(method.Key) && !addresses.Contains(method.Value));

        // Assert
        Assert.True(interleaved <= listed.Count / 100,
            $"{interleaved} unlisted methods lie among the {addresses.Count} listed ones: is IlcOrderFile still set in src/Flags/Flags.csproj?");
    }
}
