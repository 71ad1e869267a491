using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkerService;

// Two executors from configuration (appsettings.json, Futures:Executors): threads for quick work, worker processes
// for work that should not share this process. The host shuts both down when it stops.
// The content root is the output folder, so that appsettings.json is found from any working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddThreadPoolExecutor("cpu");
builder.Services.AddProcessPoolExecutor("isolated");
builder.Services.AddHostedService<CollatzWorker>();
using var host = builder.Build();
await host.RunAsync();
