using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shian.Common;
using Shian.Data;

namespace Shian.Web.Tests.Data;

/// <summary>
/// A SQLite schema upgrade cut off by a crash: the process is killed in the middle of a migration that SQLite cannot
/// run in one transaction, and the next start must still bring the database to the current schema with its rows.
/// </summary>
public sealed class InterruptedMigrationTests
{
    // Creates InspectionTeams, then rebuilds PlannedInspections to add its foreign key: three transactions, then the record.
    private const string TableRebuild = "20261129034456_LicenceStatusAndInspectionTeams";
    private const string Before = "20261129024924_RiskRegradeRuns";
    private const int Visits = 100_000; // enough rows that dropping the old table and indexing the new one take a while

    [Fact]
    public async Task A_migration_killed_between_its_table_rebuild_steps_is_finished_by_the_next_start()
    {
        // Runs on SQLite whatever SHIAN_TEST_DB says: on PostgreSQL every migration runs in one transaction.
        var folder = Directory.CreateTempSubdirectory("shian-interrupted-").FullName;
        try
        {
            var old = Path.Combine(folder, "old.db");
            var userId = await CreateOldSchemaAsync(old);
            var file = Path.Combine(folder, "shian.db");

            var halfMigrated = false;
            for (var attempt = 0; attempt < 3 && !halfMigrated; attempt++)
            {
                foreach (var leftover in Directory.GetFiles(folder, "shian.db*"))
                {
                    File.Delete(leftover);
                }
                File.Copy(old, file);
                halfMigrated = await MigrateAndKillMidRebuildAsync(file);
            }
            Assert.True(halfMigrated, $"the kill never landed inside {TableRebuild}");

            var (exitCode, output) = await RunCliAsync(["db", "migrate", "--db", file], TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, output);
            Assert.Contains("升级被中断", output);

            await using var db = Open(file);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal("旧账户 / old account", await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync());
            Assert.Equal("旧街道", await db.Townships.Select(t => t.Name).SingleAsync());
            Assert.Equal("Old District", await db.Jurisdictions.Select(j => j.NameEn).SingleAsync());
            Assert.Equal(Visits, await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"PlannedInspections\"").SingleAsync());
            Assert.False(File.Exists(SqliteMigrationBackup.PathFor(file)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_migration_that_fails_puts_the_database_back_as_it_was_and_says_so()
    {
        var folder = Directory.CreateTempSubdirectory("shian-failed-migration-").FullName;
        var file = Path.Combine(folder, "shian.db");
        try
        {
            await using (var db = Open(file))
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
                // A link to a business the register does not hold: the Registry migration's rebuild refuses it (foreign key).
                var userId = Upper(Guid.NewGuid());
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO "AspNetUsers" ("Id", "DisplayName", "CreatedAt", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                    VALUES ({0}, 'old', '2026-11-28 00:00:00', 0, 0, 0, 1, 0);
                    INSERT INTO "OperatorBusinesses" ("UserId", "BusinessId") VALUES ({0}, {1});
                    """, userId, Upper(Guid.NewGuid()));

                var failed = await ShianData.MigrateAsync(db);
                Assert.False(failed.Ok);
                Assert.Equal("Database.UpgradeFailedRestored", failed.Error?.Code);
            }

            await using var reopened = new SqliteConnection($"Data Source={file};Pooling=False");
            await reopened.OpenAsync();
            await using var command = reopened.CreateCommand();
            command.CommandText = "SELECT (SELECT count(*) FROM \"__EFMigrationsHistory\"), (SELECT count(*) FROM sqlite_master WHERE name = 'Businesses'), (SELECT count(*) FROM \"OperatorBusinesses\")";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((1L, 0L, 1L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            Assert.False(File.Exists(SqliteMigrationBackup.PathFor(file)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Read_only_work_refuses_a_database_whose_upgrade_was_cut_off_and_names_the_copy()
    {
        var folder = Directory.CreateTempSubdirectory("shian-cut-off-").FullName;
        var file = Path.Combine(folder, "shian.db");
        try
        {
            await using var db = Open(file);
            Assert.True((await ShianData.MigrateAsync(db)).Ok);
            File.Copy(file, SqliteMigrationBackup.PathFor(file)); // as a crash mid-upgrade leaves it

            var refused = await ShianData.CheckAsync(db);
            Assert.False(refused.Ok);
            Assert.Equal(new Problem("Database.UpgradeInterrupted", SqliteMigrationBackup.PathFor(file)).ToString(), refused.Error?.ToString());
            Assert.Contains("shian db migrate", Shian.Cli.Words.Of(refused.Error!));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A database created at the first migration, in WAL mode as the platform creates them, with rows added as it is
    /// brought to the schema just before <see cref="TableRebuild"/>; the CLI migrates it from there.
    /// </summary>
    private static async Task<Guid> CreateOldSchemaAsync(string file)
    {
        await using var db = Open(file);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
        // Rows from the first schema on, and many visits planned just before the rebuild the test interrupts.
        var (jurisdictionId, townshipId, userId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "Jurisdictions" ("Id", "RegionCode", "Name", "NameEn", "Parent", "PlatformName", "PlatformNameEn")
            VALUES ({0}, '120119', '旧区', 'Old District', '天津市', '旧平台', 'Old platform');
            INSERT INTO "Townships" ("Id", "JurisdictionId", "Code", "Name", "Kind", "IsTownship", "Note", "Active")
            VALUES ({1}, {0}, '120119001', '旧街道', 'Subdistrict', 0, '', 1);
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "TownshipId", "CreatedAt", "UserName", "NormalizedUserName", "EmailConfirmed",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ({2}, '旧账户 / old account', {1}, '2026-11-28 00:00:00', 'old', 'OLD', 0, 0, 0, 1, 0);
            """, Upper(jurisdictionId), Upper(townshipId), Upper(userId));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261129003448_Registry");
        var businessId = Guid.NewGuid();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "Businesses" ("Id", "Name", "CreditCode", "CreditCodeOverride", "LegalRepresentative", "Address", "TownshipId",
                "Category", "Subtype", "Scale", "ContactName", "ContactPhone", "Status", "Tags", "CreatedAt")
            VALUES ({0}, '旧食堂', '91120119MA05XXXX0X', '', '张三', '旧街道 1 号', {1}, 'Catering', '', 'Small', '', '', 'Active', '', '2026-11-29 00:00:00');
            """, Upper(businessId), Upper(townshipId));
        await migrator.MigrateAsync(Before);
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {2})
            INSERT INTO "PlannedInspections" ("Id", "Year", "BusinessId", "TownshipId", "Month", "Visit", "Grade")
            SELECT printf('%08X-0000-4000-8000-000000000000', i), 2000 + i % 27, {0}, {1}, 1 + i % 12, i, 'B' FROM n
            """, Upper(businessId), Upper(townshipId), Visits);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);"); // everything in the main file, which the test copies
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        return userId;
    }

    /// <summary>
    /// Runs <c>shian db migrate</c> and kills it inside <see cref="TableRebuild"/>: as soon as its first transaction (the
    /// new tables and the copied rows) is visible to a reader and the migration is not yet recorded, that is while it
    /// drops the old table and indexes the copy. Gives whether the kill landed there.
    /// </summary>
    private static async Task<bool> MigrateAndKillMidRebuildAsync(string file)
    {
        using var process = StartCli(["db", "migrate", "--db", file]);
        var output = ReadAllAsync(process);
        await using var watcher = new SqliteConnection($"Data Source={file};Pooling=False");
        await watcher.OpenAsync();
        var limit = Stopwatch.StartNew();
        try
        {
            while (limit.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    Assert.Fail("the migration ended before the test could stop it: " + await output);
                }
                var (rebuilding, recorded) = Look(watcher);
                if (recorded)
                {
                    return false; // the whole migration went through between two looks
                }
                if (rebuilding)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                    (rebuilding, recorded) = Look(watcher);
                    return rebuilding && !recorded;
                }
                await Task.Delay(1);
            }
            throw new TimeoutException("the migration did not reach " + TableRebuild);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>What a reader sees: whether the migration's first transaction is committed, and whether it is recorded.</summary>
    private static (bool Rebuilding, bool Recorded) Look(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'InspectionTeams'), " +
            $"(SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{TableRebuild}')";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0) > 0, reader.GetInt64(1) > 0);
    }

    private static string Upper(Guid id) => id.ToString().ToUpperInvariant(); // how EF stores a Guid on SQLite

    private static ShianDb Open(string file)
    {
        var options = new DbContextOptionsBuilder<ShianDb>();
        options.UseShianDatabase(DatabaseSettings.Sqlite(file));
        return new ShianDb(options.Options);
    }

    private static Process StartCli(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Shian.Cli.dll"), .. arguments])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        return Process.Start(start)!;
    }

    private static async Task<string> ReadAllAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return await stdout + await stderr;
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(string[] arguments, TimeSpan limit)
    {
        using var process = StartCli(arguments);
        var output = ReadAllAsync(process);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"shian {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds} s: " + await output);
        }
        return (process.ExitCode, await output);
    }
}
