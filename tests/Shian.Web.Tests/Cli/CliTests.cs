using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shian.Accounts;
using Shian.Cli;
using Shian.Data;

namespace Shian.Web.Tests.Cli;

/// <summary>The <c>shian</c> verbs run in-process against a real database of the run's provider.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private sealed record Outcome(int ExitCode, string Out, string Error)
    {
        public string LastLine => Out.TrimEnd().Split('\n')[^1].Trim();
    }

    private static Outcome Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ShianCli.Run(args, stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    private Outcome RunOnDb(params string[] args) => Run([.. args, "--db", _database.CliArgument]);

    private ShianDb Open()
    {
        var options = new DbContextOptionsBuilder<ShianDb>();
        options.UseShianDatabase(_database.Settings);
        return new ShianDb(options.Options);
    }

    [Fact]
    public async Task Migrate_then_seed_twice_gives_one_account_per_role()
    {
        Assert.Equal(0, RunOnDb("db", "migrate").ExitCode);
        var first = RunOnDb("demo", "seed");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("admin, office, department, township, inspector, lab, operator", first.Out);
        var second = RunOnDb("demo", "seed");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("演示账户已存在", second.Out);

        await using var db = Open();
        var names = await db.Users.Select(u => u.UserName!).ToListAsync();
        // One account per role, and the demo's township inspectors (who staff the inspection teams) only once.
        var townshipInspectors = names.Where(n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^insp\d+-\d$")).ToList();
        Assert.Equal(Roles.All.Order(), names.Except(townshipInspectors).Order());
        Assert.Equal(28, await db.Townships.CountAsync());
        Assert.Equal(28 * Shian.Demo.DemoTeams.InspectorsPerTownship, townshipInspectors.Count);
        // 陪餐 records and 明厨亮灶 statuses, seeded once: some school canteens with records, some kitchens connected, one faulty.
        Assert.True(await db.SchoolMealRecords.CountAsync() > 0);
        Assert.True(await db.KitchenVideoLinks.CountAsync(l => l.Status == Shian.KitchenVideo.KitchenVideoStatus.Active) > 0);
        Assert.Equal(1, await db.KitchenVideoLinks.CountAsync(l => l.Status == Shian.KitchenVideo.KitchenVideoStatus.Degraded));
        Assert.True(await db.KitchenCameras.AnyAsync(c => c.StreamUrl.StartsWith("https://")));
    }

    [Fact]
    public async Task Users_add_checks_role_and_attachment_and_stores_nothing_when_refused()
    {
        RunOnDb("demo", "seed");
        Assert.Equal(2, RunOnDb("users", "add", "x1", "--role", "chef").ExitCode);
        var noUnit = RunOnDb("users", "add", "x2", "--role", "department");
        Assert.Equal(1, noUnit.ExitCode);
        Assert.Contains("--unit", noUnit.Error);
        var badPassword = RunOnDb("users", "add", "x3", "--role", "inspector", "--password", "short");
        Assert.Equal(1, badPassword.ExitCode);

        var ok = RunOnDb("users", "add", "li.na", "--role", "township", "--township", "120119100", "--display-name", "李娜");
        Assert.Equal(0, ok.ExitCode);
        var generated = ok.Out.Split(':')[^1].Trim();

        await using var db = Open();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "x1" || u.UserName == "x2" || u.UserName == "x3"));
        var user = await db.Users.SingleAsync(u => u.UserName == "li.na");
        Assert.Equal("渔阳镇", await db.Townships.Where(t => t.Id == user.TownshipId).Select(t => t.Name).SingleAsync());
        Assert.True(generated.Length >= 16, "a generated password is printed");
        Assert.Equal(7, user.Id.Version);
    }

    [Fact]
    public async Task Apikey_create_prints_the_key_last_and_stores_only_its_hash()
    {
        RunOnDb("demo", "seed");
        var created = RunOnDb("apikey", "create", "--user", "operator", "--scope", "epcis:capture", "--name", "erp");
        Assert.Equal(0, created.ExitCode);
        var key = created.LastLine;
        Assert.True(ApiKey.IsWellFormed(key), key);

        await using (var db = Open())
        {
            var stored = await db.ApiKeys.SingleAsync();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), stored.Hash);
            Assert.Equal("epcis:capture", stored.Scopes);
            Assert.DoesNotContain(key, await db.AuditEntries.Select(a => a.NewValues ?? "").ToListAsync());
        }

        Assert.Equal(2, RunOnDb("apikey", "create", "--user", "operator", "--scope", "everything").ExitCode);
        Assert.Equal(1, RunOnDb("apikey", "create", "--user", "nobody", "--scope", "epcis:capture").ExitCode);
        Assert.Equal(0, RunOnDb("apikey", "revoke", "--user", "operator", "--name", "erp").ExitCode);
        await using var after = Open();
        Assert.NotNull((await after.ApiKeys.SingleAsync()).RevokedAt);
    }

    [Fact]
    public async Task Apikey_create_binds_a_key_to_one_business_of_the_account_only()
    {
        RunOnDb("demo", "seed");
        string own, other;
        await using (var db = Open())
        {
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            var operated = db.OperatorBusinesses.Where(o => o.UserId == operatorId).Select(o => o.BusinessId);
            own = await db.Businesses.Where(b => operated.Contains(b.Id)).OrderBy(b => b.CreditCode).Select(b => b.CreditCode).FirstAsync();
            other = await db.Businesses.Where(b => !operated.Contains(b.Id)).OrderBy(b => b.CreditCode).Select(b => b.CreditCode).FirstAsync();
        }

        var bound = RunOnDb("apikey", "create", "--user", "operator", "--scope", "epcis:capture", "--name", "till", "--business", own);
        Assert.Equal(0, bound.ExitCode);
        var refused = RunOnDb("apikey", "create", "--user", "operator", "--scope", "epcis:capture", "--name", "stranger", "--business", other);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(other, refused.Error);

        await using var after = Open();
        var key = await after.ApiKeys.SingleAsync();
        Assert.Equal("till", key.Name);
        Assert.Equal(await after.Businesses.Where(b => b.CreditCode == own).Select(b => (Guid?)b.Id).SingleAsync(), key.BusinessId);
    }

    [Fact]
    public async Task Audit_verify_passes_an_intact_chain_and_names_the_first_altered_row()
    {
        RunOnDb("demo", "seed");
        var intact = RunOnDb("audit", "verify");
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("审计日志完整", intact.Out);

        // An attacker with access to the database file: removes the append-only trigger and edits one row.
        await using (var db = Open())
        {
            var victim = await db.AuditEntries.Where(a => a.Entity == "Township").OrderBy(a => a.Sequence).Skip(3).Select(a => a.Sequence).FirstAsync();
            if (_database.Settings.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_AppendOnly\" ON \"AuditEntries\"");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
            }
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"NewValues\" = REPLACE(\"NewValues\", '镇', '乡') WHERE \"Sequence\" = {victim}");
            var broken = RunOnDb("audit", "verify");
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains($"第 {victim} 条记录", broken.Error);
        }
    }

    [Fact]
    public void Calendar_works_without_a_database_and_creates_none()
    {
        var folder = Directory.CreateTempSubdirectory("shian-cli-").FullName;
        var previous = Directory.GetCurrentDirectory();
        try
        {
            lock (WorkingDirectory.Lock)
            {
                Directory.SetCurrentDirectory(folder);
                var result = Run("calendar", "add-working-days", "2020-09-28", "5");
                Assert.Equal(0, result.ExitCode);
                Assert.Equal("2020-10-12", result.Out.Trim());
                Assert.Equal("", result.Error);
                Assert.False(Directory.Exists(Path.Combine(folder, "data")));
                Directory.SetCurrentDirectory(previous);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("91350200776049653A", 0, "91350200776049653A 有效", "")]
    [InlineData(" 91440101ma5cjq4n59 ", 0, "91440101MA5CJQ4N59 有效", "")]
    [InlineData("91350100M000100Y4Z", 1, "91350100M000100Y43", "校验位应为“3”，实际为“Z”")]
    [InlineData("9135020077604965", 1, "", "应为 18 位，实际 16 位")]
    public void Validate_uscc_exits_0_for_a_valid_code_and_1_with_the_reason(string code, int exit, string output, string error)
    {
        var result = Run("validate", "uscc", code);
        Assert.Equal(exit, result.ExitCode);
        Assert.Contains(output, result.Out);
        Assert.Contains(error, result.Error);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("calendar", "add-working-days", "2020-13-01", "5")]
    [InlineData("calendar", "add-working-days", "2020-09-28", "five")]
    [InlineData("users", "add")]
    public void Usage_errors_print_one_line_and_exit_2(params string[] args)
    {
        var result = Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("错误：", result.Error);
    }

    [Fact]
    public void Every_level_has_help()
    {
        foreach (var args in new[] { new[] { "--help" }, ["db", "--help"], ["apikey", "create", "--help"], ["calendar", "add-working-days", "--help"] })
        {
            var result = Run(args);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Usage", result.Out);
        }
    }

    [Fact]
    public async Task A_corrupt_database_file_is_refused_and_left_untouched()
    {
        var folder = Directory.CreateTempSubdirectory("shian-corrupt-").FullName;
        var file = Path.Combine(folder, "shian.db");
        var garbage = RandomNumberGenerator.GetBytes(4096);
        await File.WriteAllBytesAsync(file, garbage);
        try
        {
            foreach (var verb in new[] { new[] { "db", "migrate" }, ["audit", "verify"], ["users", "add", "a", "--role", "office"] })
            {
                var result = Run([.. verb, "--db", file]);
                Assert.Equal(1, result.ExitCode);
                Assert.Contains("不是 SQLite 数据库", result.Error);
            }
            Assert.Equal(garbage, await File.ReadAllBytesAsync(file));
            Assert.Equal(["shian.db"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_database_is_not_created_by_verbs_that_only_use_one()
    {
        var missing = Path.Combine(Path.GetTempPath(), "shian-missing-" + Guid.NewGuid().ToString("N"), "shian.db");
        var result = Run("apikey", "create", "--user", "admin", "--scope", "epcis:query", "--db", missing);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("db migrate", result.Error);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void An_unreachable_postgres_server_is_one_clear_message()
    {
        var result = Run("db", "migrate", "--db", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PostgreSQL", result.Error);
        NpgsqlConnection.ClearAllPools();
    }
}

/// <summary>Tests that change the process's working directory hold this lock.</summary>
internal static class WorkingDirectory
{
    public static readonly object Lock = new();
}
