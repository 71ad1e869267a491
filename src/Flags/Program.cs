using System.CommandLine;
using Flags.Serve;

// Minimal entry point: the root command with the serve subcommand. Usage errors print one line and exit 2.
var root = new RootCommand("Download flags of the world's countries, as in Fluent Python's flags examples.")
{
    ServeCommand.Create(),
};
ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    await Console.Error.WriteLineAsync(parsed.Errors[0].Message);
    return 2;
}
return await parsed.InvokeAsync();
