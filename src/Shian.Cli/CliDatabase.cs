using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shian.Accounts;
using Shian.Audit;
using Shian.Data;

namespace Shian.Cli;

/// <summary>The database a verb works on, chosen by <c>--db</c>, with the same services the web host uses.</summary>
public sealed class CliDatabase : IAsyncDisposable
{
    public static Option<string?> Option() => new("--db")
    {
        Description = "数据库 / database: a SQLite file path or 'Data Source=…', or a PostgreSQL 'Host=…' connection string (default: data/shian.db)",
    };

    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private CliDatabase(DatabaseSettings settings)
    {
        Settings = settings;
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None));
        // Changes made from the command line are audited as the operating-system user who made them.
        services.AddSingleton<IAuditActor>(new FixedAuditActor("cli:" + Environment.UserName));
        services.AddShianData(settings, Shian.Performance.PerformanceSettings.FromEnvironment());
        _services = services.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
    }

    public DatabaseSettings Settings { get; }
    public ShianDb Db => _scope.ServiceProvider.GetRequiredService<ShianDb>();
    public UserManager<ShianUser> Users => _scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
    public TimeProvider Clock => _scope.ServiceProvider.GetRequiredService<TimeProvider>();

    /// <summary>
    /// Opens the database. <see cref="CliOpen.Create"/> creates and migrates it; <see cref="CliOpen.Existing"/> migrates
    /// one that exists (a mistyped SQLite path must not leave an empty database behind); <see cref="CliOpen.ReadOnly"/>
    /// changes nothing. Problems are reported on the console and give null.
    /// </summary>
    public static async Task<CliDatabase?> OpenAsync(string? argument, CliConsole console, CliOpen mode)
    {
        var settings = DatabaseSettings.FromArgument(argument);
        if (mode != CliOpen.Create && settings.SqliteFile is { } file && !File.Exists(file))
        {
            console.Error(Words.Format("Cli.DatabaseMissing", file));
            return null;
        }
        var database = new CliDatabase(settings);
        var opened = mode == CliOpen.ReadOnly ? await ShianData.CheckAsync(database.Db) : await ShianData.MigrateAsync(database.Db);
        if (!opened.Ok)
        {
            console.Error(Words.Of(opened.Error!));
            await database.DisposeAsync();
            return null;
        }
        if (opened.Notice is not null)
        {
            console.Error(Words.Of(opened.Notice));
        }
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // release the file at once (tests delete it)
    }
}

public enum CliOpen
{
    Create,
    Existing,
    ReadOnly,
}
