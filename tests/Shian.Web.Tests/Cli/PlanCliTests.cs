using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shian.Cli;
using Shian.Data;

namespace Shian.Web.Tests.Cli;

/// <summary><c>shian plan parse</c> and <c>shian plan import</c> on real files and a real database.</summary>
public sealed class PlanCliTests : IAsyncLifetime
{
    private static readonly string Seed = Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt");
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ShianCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Parse_prints_the_documented_json()
    {
        var (code, output, _) = Run("plan", "parse", Seed, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("蓟州区2020年食品安全监督管理计划", root.GetProperty("title").GetString());
        Assert.Equal(2020, root.GetProperty("year").GetInt32());
        Assert.Equal("天津市蓟州区人民政府办公室", root.GetProperty("issuer").GetString());
        Assert.Equal("2020-08-28", root.GetProperty("issuedDate").GetString());
        Assert.Equal(2, root.GetProperty("sections").GetArrayLength());
        Assert.Equal(22, root.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public void Files_without_tasks_exit_2_and_unreadable_ones_exit_1()
    {
        var folder = Directory.CreateTempSubdirectory("shian-plan-").FullName;
        try
        {
            var prose = Path.Combine(folder, "prose.txt");
            File.WriteAllText(prose, "Minutes of the meeting. Everyone agreed that food should be safe.");
            var (code, _, error) = Run("plan", "parse", prose);
            Assert.Equal(2, code);
            Assert.Contains("未识别到任何编号任务", error);

            var binary = Path.Combine(folder, "image.txt");
            File.WriteAllBytes(binary, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]);
            Assert.Equal(1, Run("plan", "parse", binary).Code);

            var huge = Path.Combine(folder, "huge.txt");
            using (var stream = File.Create(huge))
            {
                stream.SetLength(50L * 1024 * 1024);
            }
            var tooLarge = Run("plan", "parse", huge);
            Assert.Equal(1, tooLarge.Code);
            Assert.Contains("文件过大", tooLarge.Error);

            Assert.Equal(1, Run("plan", "parse", Path.Combine(folder, "missing.txt")).Code);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_stores_the_plan_once_and_reports_unmatched_units_with_suggestions()
    {
        var demo = Run("demo", "seed", "--db", _database.CliArgument);
        Assert.Equal(0, demo.Code);
        Assert.Contains("演示年度计划（2020 年", demo.Out); // the demo loads the district's 2020 plan itself
        var first = Run("plan", "import", Seed, "--year", "2019", "--db", _database.CliArgument);
        Assert.Equal(0, first.Code);
        Assert.Contains("22", first.Out);
        var again = Run("plan", "import", Seed, "--year", "2019", "--db", _database.CliArgument);
        Assert.Contains("计划未变化", again.Out);

        var folder = Directory.CreateTempSubdirectory("shian-plan-").FullName;
        try
        {
            var abbreviated = Path.Combine(folder, "plan.txt");
            File.WriteAllText(abbreviated, File.ReadAllText(Seed).Replace("区卫生健康委", "区卫健委", StringComparison.Ordinal));
            var refused = Run("plan", "import", abbreviated, "--year", "2021", "--db", _database.CliArgument);
            Assert.Equal(1, refused.Code);
            Assert.Contains("区卫健委", refused.Error);
            Assert.Contains("--map 区卫健委=区卫生健康委", refused.Out);
            var mapped = Run("plan", "import", abbreviated, "--year", "2021", "--map", "区卫健委=区卫生健康委", "--db", _database.CliArgument);
            Assert.Equal(0, mapped.Code);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var options = new DbContextOptionsBuilder<ShianDb>();
        options.UseShianDatabase(_database.Settings);
        await using var db = new ShianDb(options.Options);
        // The demo also carries the 2020 document into this year.
        Assert.Equal([2019, 2020, 2021, Shian.Common.ShianTime.LocalDate(DateTime.UtcNow).Year], await db.Plans.OrderBy(p => p.Year).Select(p => p.Year).ToListAsync());
        Assert.Equal(4 * 22, await db.PlanTasks.CountAsync());
        Assert.True((await db.VerifyAuditTrailAsync()).Intact);
    }
}
