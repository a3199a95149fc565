using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Data;
using Shian.Demo;

namespace Shian.Web.Infrastructure;

/// <summary>What the command line asked the host to do at start.</summary>
/// <param name="Demo">Load the demo district and accounts.</param>
/// <param name="DemoWork">Also load the demo plan and assessment scheme (the <c>--demo</c> start; tests start without).</param>
public sealed record StartupOptions(bool Demo, bool DemoWork = false);

/// <summary>A start-up refusal with a message meant for the person starting the platform.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);

/// <summary>
/// Applies migrations before the server takes requests and, with <c>--demo</c>, loads the demo district. A database
/// it must not open stops the start with a clear message.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, StartupOptions startup, ILogger<DatabaseStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var opened = await ShianData.MigrateAsync(db, cancellationToken);
        if (!opened.Ok)
        {
            throw new StartupRefusedException(l.Word(opened.Error!));
        }
        if (opened.Notice is not null)
        {
            log.LogWarning("{Notice}", l.Word(opened.Notice));
        }
        log.LogInformation("Database ready: {Database}", settings.Describe());

        if (startup.Demo)
        {
            var seeded = await DemoSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
            if (seeded.Errors.Count > 0)
            {
                throw new StartupRefusedException("演示数据加载失败 / Demo data failed to load: " + string.Join("; ", seeded.Errors));
            }
            if (seeded.JurisdictionCreated || seeded.UsersCreated.Count > 0)
            {
                log.LogInformation("Demo district loaded; accounts created: {Accounts}", string.Join(", ", seeded.UsersCreated));
            }
            if (startup.DemoWork && await DemoWork.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken))
            {
                log.LogInformation("Demo plan 2020 imported with a township assessment scheme");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
