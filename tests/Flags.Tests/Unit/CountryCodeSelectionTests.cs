using Flags.Cli;
using Flags.Commands;

namespace Flags.Tests.Unit;

public class CountryCodeSelectionTests
{
    [Fact]
    public void Expand_OneLetter_YieldsItsTwentySixCodes()
    {
        // Act
        var codes = CountryCodeSelection.Expand(["b"]).ToList();

        // Assert
        Assert.Equal(26, codes.Count);
        Assert.Equal("BA", codes[0]);
        Assert.Equal("BZ", codes[^1]);
    }

    [Fact]
    public void Expand_MixedCase_UpperCasesCodes()
    {
        // Act
        var codes = CountryCodeSelection.Expand(["br", "Cn", "US"]).ToList();

        // Assert
        Assert.Equal(["BR", "CN", "US"], codes);
    }

    [Theory]
    [InlineData("1X")]
    [InlineData("ABC")]
    [InlineData("")]
    [InlineData("B7")]
    [InlineData("é")]
    public void Expand_NotOneOrTwoLetters_ThrowsUsageNamingTheInput(string argument)
    {
        // Act
        var ex = Assert.Throws<UsageException>(() => CountryCodeSelection.Expand([argument]).ToList());

        // Assert
        Assert.Contains($"'{argument}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SortAndLimit_DuplicatesAndLimit_SortsDedupesThenTakes()
    {
        // Act
        var codes = CountryCodeSelection.SortAndLimit(["US", "br", "BR", "AD", "CN"], limit: 3);

        // Assert
        Assert.Equal(["AD", "BR", "CN"], codes);
    }

    [Fact]
    public void Every_Always_HasAllSixHundredSeventySixCodesInOrder()
    {
        // Act
        var codes = CountryCodeSelection.Every();

        // Assert
        Assert.Equal(676, codes.Count);
        Assert.Equal(676, codes.Distinct().Count());
        Assert.Equal("AA", codes[0]);
        Assert.Equal("ZZ", codes[^1]);
    }

    [Fact]
    public void Pop20_Sorted_RunsFromBdToVn()
    {
        // Act
        var sorted = CountryCodeSelection.SortAndLimit(CountryCodeSelection.Pop20, null);

        // Assert
        Assert.Equal(20, sorted.Count);
        Assert.Equal("BD", sorted[0]);
        Assert.Equal("VN", sorted[^1]);
    }
}
