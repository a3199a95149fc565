using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>The platform opens only databases it understands, and says why when it does not.</summary>
public sealed class StartupTests
{
    private static ShianDb Open(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<ShianDb>();
        options.UseShianDatabase(database.Settings);
        return new ShianDb(options.Options);
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused_at_start()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = Open(database))
        {
            Assert.True((await ShianData.MigrateAsync(db)).Ok);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('99991231000000_FromTheFuture', '10.0.15')");
            var refused = await ShianData.MigrateAsync(db);
            Assert.False(refused.Ok);
            Assert.Equal(("Database.SchemaNewer", "99991231000000_FromTheFuture"), (refused.Error!.Code, refused.Error.Args[0]));
        }

        // The real host, as an operator starts it: one message, exit code 1.
        var (exitCode, stderr) = await RunWebHostAsync(database.Settings);
        Assert.Equal(1, exitCode);
        Assert.Contains("比本程序新", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
    }

    /// <summary>Starts Shian.Web (copied beside the tests) on the given database and waits for it to give up.</summary>
    private static async Task<(int ExitCode, string Stderr)> RunWebHostAsync(DatabaseSettings database)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Shian.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the host started instead of refusing the database");
        }
        return (process.ExitCode, await stderr);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_the_host_and_is_left_untouched()
    {
        var folder = Directory.CreateTempSubdirectory("shian-notdb-").FullName;
        var file = Path.Combine(folder, "shian.db");
        var text = "这不是数据库 / not a database\n"u8.ToArray();
        await File.WriteAllBytesAsync(file, text);
        try
        {
            var (exitCode, stderr) = await RunWebHostAsync(DatabaseSettings.Sqlite(file));
            Assert.Equal(1, exitCode);
            Assert.Contains("不是 SQLite 数据库", stderr);
            Assert.Equal(text, await File.ReadAllBytesAsync(file));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_the_second_time()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database);
        Assert.True((await ShianData.MigrateAsync(db)).Ok);
        var rows = await db.AuditEntries.CountAsync();
        var days = await db.CalendarDays.CountAsync();
        Assert.True((await ShianData.MigrateAsync(db)).Ok);
        Assert.Equal(rows, await db.AuditEntries.CountAsync());
        Assert.Equal(days, await db.CalendarDays.CountAsync());
        Assert.Equal(7, await db.Roles.CountAsync());
    }

    [Fact]
    public async Task Sqlite_databases_are_created_in_wal_mode()
    {
        if (TestDatabase.IsPostgres)
        {
            return; // a SQLite property
        }
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database);
        Assert.True((await ShianData.MigrateAsync(db)).Ok);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}
