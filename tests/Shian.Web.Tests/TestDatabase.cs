using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shian.Audit;
using Shian.Data;

namespace Shian.Web.Tests;

/// <summary>
/// A fresh, empty database for one test or fixture, on the provider the run asks for:
/// <c>SHIAN_TEST_DB=sqlite</c> (the default; a temporary file) or <c>SHIAN_TEST_DB=postgres</c> with
/// <c>SHIAN_TEST_PG</c> holding an administrator connection string to a throwaway server
/// (scripts/test.sh starts one). Disposing drops the database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _file;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, string? file, string? postgresName)
    {
        Settings = settings;
        _file = file;
        _postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>The value a user would pass as <c>--db</c> to the CLI for this database.</summary>
    public string CliArgument => Settings.ConnectionString;

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("SHIAN_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("SHIAN_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("SHIAN_TEST_DB=postgres needs SHIAN_TEST_PG (an administrator connection string); run scripts/test.sh.");

    /// <summary>Shian's data services over <paramref name="settings"/>, the database migrated: for tests without the web host.</summary>
    public static async Task<ServiceProvider> MigratedServicesAsync(DatabaseSettings settings, Shian.Performance.PerformanceSettings? performance = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAuditActor>(new FixedAuditActor("tester"));
        services.AddShianData(settings, performance);
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var opened = await ShianData.MigrateAsync(scope.ServiceProvider.GetRequiredService<ShianDb>());
        Assert.True(opened.Ok, opened.Error?.ToString());
        return provider;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        if (!IsPostgres)
        {
            var folder = Path.Combine(Path.GetTempPath(), "shian-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "shian.db");
            return new TestDatabase(DatabaseSettings.Sqlite(file), folder, null);
        }

        var name = "shian_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_file, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow finaliser is left for the OS to clean from the temp folder.
            }
        }
    }
}
