using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Futures.Hosting.Tests;

/// <summary>AddThreadPoolExecutor / AddProcessPoolExecutor: keyed singletons with options from code and configuration.</summary>
public class RegistrationTests
{
    [Fact(Timeout = 60_000)]
    public async Task AddThreadPoolExecutor_ResolvedByKey_IsOneExecutorWithConfiguredOptions()
    {
        // Arrange
        using var host = TestHost.Build(s => s.AddThreadPoolExecutor("cpu"), new() { ["Futures:Executors:cpu:MaxWorkers"] = "3" });
        await host.StartAsync();

        // Act
        var executor = host.Services.GetRequiredKeyedService<ThreadPoolExecutor>("cpu");
        var asExecutor = host.Services.GetRequiredKeyedService<Executor>("cpu");
        var threadName = await executor.Submit(static () => Thread.CurrentThread.Name);

        // Assert
        Assert.Same(executor, asExecutor);
        Assert.Equal(3, executor.MaxWorkers);
        Assert.StartsWith("cpu", threadName, StringComparison.Ordinal);
        Assert.Null(host.Services.GetKeyedService<Executor>("other"));
        await host.StopAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task AddThreadPoolExecutor_CodeAndConfiguration_ConfigurationKeysWin()
    {
        // Arrange
        using var host = TestHost.Build(
            s => s.AddThreadPoolExecutor("io", o => { o.MaxWorkers = 2; o.ThreadNamePrefix = "download"; }),
            new() { ["Futures:Executors:io:MaxWorkers"] = "5" });
        await host.StartAsync();

        // Act
        var executor = host.Services.GetRequiredKeyedService<ThreadPoolExecutor>("io");
        var threadName = await executor.Submit(static () => Thread.CurrentThread.Name);

        // Assert
        Assert.Equal(5, executor.MaxWorkers);
        Assert.StartsWith("download", threadName, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task AddThreadPoolExecutor_MaxWorkersZeroInConfiguration_HostFailsToStartNamingTheKey()
    {
        // Arrange
        using var host = TestHost.Build(s => s.AddThreadPoolExecutor("cpu"), new() { ["Futures:Executors:cpu:MaxWorkers"] = "0" });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Futures:Executors:cpu:MaxWorkers must be at least 1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddThreadPoolExecutor_SameNameTwice_ThrowsNamingIt()
    {
        // Arrange
        var services = new ServiceCollection().AddThreadPoolExecutor("cpu");

        // Act
        var error = Assert.Throws<ArgumentException>(() => services.AddProcessPoolExecutor("cpu"));

        // Assert
        Assert.Contains("'cpu' is already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task AddProcessPoolExecutor_ResolvedByKey_RunsWorkInAWorkerProcessWithConfiguredOptions()
    {
        // Arrange
        using var host = TestHost.Build(
            s => s.AddProcessPoolExecutor("isolated", o => o.MaxWorkers = 1),
            new() { ["Futures:Executors:isolated:MaxTasksPerChild"] = "2" });
        await host.StartAsync();

        // Act
        var executor = host.Services.GetRequiredKeyedService<ProcessPoolExecutor>("isolated");
        var workerPid = await executor.Submit(Jobs.ProcessId, 0);

        // Assert
        Assert.Same(executor, host.Services.GetRequiredKeyedService<Executor>("isolated"));
        Assert.Equal(1, executor.MaxWorkers);
        Assert.Equal(2, executor.MaxTasksPerChild);
        Assert.NotEqual(Environment.ProcessId, workerPid);
        await host.StopAsync();
    }
}
