using ClusterPrimes;

Options options;
try
{
    options = Options.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"{ex.Message}\n{Options.Usage}");
    return 2;
}

switch (options.Mode)
{
    case "silo":
        return await SiloMode.RunAsync(options);
    case "client":
        return await ClientMode.RunAsync(options);
    default:
        Console.WriteLine(string.Join(' ', LoopbackPorts.Free(options.Count)));
        return 0;
}
