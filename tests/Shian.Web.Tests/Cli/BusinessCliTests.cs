using Microsoft.EntityFrameworkCore;
using Shian.Cli;
using Shian.Data;

namespace Shian.Web.Tests.Cli;

/// <summary><c>shian businesses import</c>: a file with a bad row imports nothing and names the row; fixed, it imports all.</summary>
public sealed class BusinessCliTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ShianCli.Run([.. args, "--db", _database.CliArgument], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private ShianDb Open()
    {
        var options = new DbContextOptionsBuilder<ShianDb>();
        options.UseShianDatabase(_database.Settings);
        return new ShianDb(options.Options);
    }

    private async Task<int> CountAsync()
    {
        await using var db = Open();
        return await db.Businesses.CountAsync();
    }

    [Fact]
    public async Task A_bad_row_imports_nothing_and_the_fixed_file_imports_every_row()
    {
        Assert.Equal(0, Run("demo", "seed").Code);
        var demo = await CountAsync(); // the demo's synthetic register
        Assert.Equal(Shian.Demo.DemoWork.BusinessCount, demo);
        await using (var db = Open())
        {
            // The demo's townships each have two teams of their own inspectors, and its schedule gives every visit a team.
            var townships = await db.Townships.CountAsync(t => t.Active);
            Assert.Equal(2 * townships, await db.InspectionTeams.CountAsync(t => t.Active && t.TownshipId != null));
            Assert.True(await db.InspectionTeamMembers.Join(db.InspectionTeams, m => m.TeamId, t => t.Id, (m, t) => new { m.UserId, t.TownshipId })
                .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => x.TownshipId == u.TownshipId).AllAsync(same => same));
            Assert.True(await db.PlannedInspections.AnyAsync());
            Assert.False(await db.PlannedInspections.AnyAsync(p => p.TeamId == null));
            // A year of sampling at the quota's pace: a plan per kind, the year's forms at or a little above the pro-rata
            // quota, a few failures each with its sampling risk factor, and the pass rates computed.
            var today = Shian.Common.ShianTime.LocalDate(DateTime.UtcNow);
            var plans = await db.SamplingPlans.Where(p => p.Year == today.Year).ToListAsync();
            Assert.Equal(3, plans.Count);
            var dayOfYear = (decimal)today.DayOfYear / (DateTime.IsLeapYear(today.Year) ? 366 : 365);
            foreach (var plan in plans)
            {
                var taken = await db.Samples.CountAsync(s => s.Kind == plan.Kind && s.SampledOn.Year == today.Year);
                Assert.InRange(taken, (int)Math.Floor(plan.Quota * dayOfYear), (int)Math.Ceiling(plan.Quota * dayOfYear * 1.1m) + 1);
            }
            var reported = await db.Samples.CountAsync(s => s.Status == Shian.Sampling.SampleStatus.Reported);
            var failed = await db.Samples.CountAsync(s => s.Conclusion == Shian.Sampling.SampleConclusion.Failed);
            Assert.True(reported > 0 && failed > 0, $"{reported} reported, {failed} failed");
            Assert.Equal(failed, await db.RiskFactors.CountAsync(f => f.Source == Shian.Sampling.SampleResults.RiskSource));
            Assert.True(await db.Samples.AnyAsync(s => s.ReceivedLateDays > 0));
            Assert.True(await db.SampleTestItems.CountAsync() >= 3 * await db.Samples.CountAsync(s => s.Conclusion != null));
            // Every demo result is one the lab could have entered: plausible for its unit, judged consistently.
            Assert.All(await db.SampleTestItems.AsNoTracking().ToListAsync(), i => Assert.Empty(i.Validate()));
            var district = new Shian.Accounts.AccessScope(Shian.Accounts.AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
            foreach (var metric in new[] { Shian.Sampling.SampleMetrics.PassRate, Shian.Sampling.SampleMetrics.PassRateAgricultural, Shian.Sampling.SampleMetrics.PassRateFood })
            {
                Assert.InRange(await Shian.Plans.Metrics.ComputeAsync(db, district, metric, today) ?? 0m, 90m, 99.99m);
            }
            Assert.True(await Shian.Plans.Metrics.ComputeAsync(db, district, Shian.Sampling.SamplingQuota.MetricName, today) >= 4m * dayOfYear - 0.01m);
            // Failed reports have their cases (核查处置), and the completion rate is measured.
            Assert.Equal(await db.Samples.CountAsync(s => s.Status == Shian.Sampling.SampleStatus.Reported && s.Conclusion == Shian.Sampling.SampleConclusion.Failed && s.ReportedOn <= today),
                await db.SampleFailures.CountAsync());
            Assert.NotNull(await Shian.Plans.Metrics.ComputeAsync(db, district, Shian.Sampling.SampleFailures.MetricName, today));
            // The demo operator has a failed sample with a notice and may still apply for re-inspection.
            var own = await db.OperatorBusinesses.Join(db.Users.Where(u => u.UserName == "operator"), o => o.UserId, u => u.Id, (o, _) => o.BusinessId).FirstAsync();
            var ownCase = await db.SampleFailures.OrderByDescending(f => f.NoticeServedOn).FirstAsync(f => f.BusinessId == own);
            Assert.False(ownCase.MicrobiologicalOnly);
            Assert.True(ownCase.RequestDeadline >= today, $"request deadline {ownCase.RequestDeadline}");
            Assert.True(await db.Notices.AnyAsync(n => n.BusinessId == own && n.ReadAt == null));
            // Last months' supervision and evaluation results are announced (from 10 February on), the public search has them.
            if (today >= new DateOnly(today.Year, 2, 10))
            {
                var published = await Shian.Sampling.SamplingPublication.PublishedSamples(db).Select(p => p.Sample).ToListAsync();
                Assert.NotEmpty(published);
                Assert.All(published, p => Assert.True(p.Kind != Shian.Sampling.SamplingKind.RiskMonitoring && p.ReportedOn < new DateOnly(today.Year, today.Month, 1)));
                Assert.Contains(published, p => p.Conclusion == Shian.Sampling.SampleConclusion.Failed);
            }
            // One failed sample names its lot, whose recall scope reaches the wholesaler, the sampled shop and two canteens,
            // and whose backward trace reaches the farm's raw lot.
            var traced = await db.Samples.SingleAsync(s => s.Gtin != "");
            Assert.Equal(Shian.Sampling.SampleConclusion.Failed, traced.Conclusion);
            var lotKey = Shian.Traceability.TraceKey.Lot(traced.Gtin, traced.BatchNumber);
            var recall = await Shian.Traceability.GenealogyRecall.ComputeAsync(db, lotKey);
            var receivers = recall.Parties.Where(p => p.Lines.Any(l => l.LotKey == lotKey && l.Received > 0)).ToList();
            Assert.Equal(4, receivers.Count);
            Assert.Contains(receivers, p => p.BusinessId == traced.BusinessId && p.Lines.Single(l => l.LotKey == lotKey).Received == 200m);
            var backward = await Shian.Traceability.Genealogy.TraceAsync(db, lotKey, Shian.Traceability.TraceDirection.Backward);
            Assert.Equal(2, backward.Root.Children.Count);
            // Every demo event and certificate is in the transparency log and unaltered.
            Assert.True((await Shian.Traceability.LoggedRecords.VerifyAsync(db)).Ok);
            // The seeded inspectors sign in with the demo password.
            var inspector = await db.Users.FirstAsync(u => u.UserName!.StartsWith("insp"));
            Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed,
                new Microsoft.AspNetCore.Identity.PasswordHasher<Shian.Accounts.ShianUser>().VerifyHashedPassword(inspector, inspector.PasswordHash!, Shian.Demo.DemoSeeder.Password));
        }
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
        var folder = Directory.CreateTempSubdirectory("shian-businesses-").FullName;
        try
        {
            var bad = Path.Combine(folder, "bad.csv");
            await File.WriteAllTextAsync(bad, sample.Replace("92120119J3Y7LLJY18", "92120119J3Y7LLJY1B", StringComparison.Ordinal).Replace(",别山镇,", ",别山乡,", StringComparison.Ordinal));
            var refused = Run("businesses", "import", bad);
            Assert.Equal(1, refused.Code);
            Assert.Contains("第 4 行 统一社会信用代码：校验位应为“8”", refused.Error);
            Assert.Contains("第 5 行 乡镇街道：没有名为“别山乡”的乡镇街道", refused.Error);
            Assert.Contains("未导入任何数据", refused.Error);
            Assert.Equal(demo, await CountAsync());

            var good = Path.Combine(folder, "good.csv");
            await File.WriteAllTextAsync(good, sample);
            var imported = Run("businesses", "import", good);
            Assert.Equal(0, imported.Code);
            Assert.Contains("已导入 4 个市场主体", imported.Out);
            Assert.Equal(demo + 4, await CountAsync());

            var again = Run("businesses", "import", good);
            Assert.Equal(1, again.Code);
            Assert.Contains("系统中已有该代码的主体", again.Error);
            Assert.Equal(demo + 4, await CountAsync());
            Assert.Equal(2, Run("businesses", "import", Path.Combine(folder, "missing.csv")).Code);

            // Licences of the registered businesses: a row naming an unknown business refuses the file.
            var licences = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "imports", "licences-sample.csv"));
            var badLicences = Path.Combine(folder, "licences-bad.csv");
            await File.WriteAllTextAsync(badLicences, licences.Replace("91120119AY4CL12THD", "91350200776049653A", StringComparison.Ordinal).Replace("2022-04-20", "2022-13-20", StringComparison.Ordinal));
            var refusedLicences = Run("licences", "import", badLicences);
            Assert.Equal(1, refusedLicences.Code);
            Assert.Contains("第 3 行 统一社会信用代码：系统中没有该代码的主体", refusedLicences.Error);
            Assert.Contains("第 4 行 发证日期：", refusedLicences.Error);
            var goodLicences = Path.Combine(folder, "licences.csv");
            await File.WriteAllTextAsync(goodLicences, licences);
            var importedLicences = Run("licences", "import", goodLicences);
            Assert.Equal(0, importedLicences.Code);
            Assert.Contains("已导入 3 个许可证或备案", importedLicences.Out);
            Assert.Contains("编号 JY21201199000011 已经登记", Run("licences", "import", goodLicences).Error);

            // A number of another region and type (a sales licence of 110105 for a restaurant of 120119) is printed as a
            // warning, row and column, and imported: warnings never refuse a file.
            var warned = Path.Combine(folder, "licences-warned.csv");
            await File.WriteAllTextAsync(warned, licences.Split('\n')[0] + "\n921201193BJ1XG612E,食品经营许可证,JY11101050000077,热食类食品制售,2023-01-05,2028-01-04,,否\n");
            var importedWarned = Run("licences", "import", warned);
            Assert.Equal(0, importedWarned.Code);
            Assert.Contains("提示：第 2 行 编号：证号中的地区码 110105 与主体所在地 120119 不同", importedWarned.Error);
            Assert.Contains("提示：第 2 行 编号：许可证类型与主体类别不符", importedWarned.Error);
            Assert.Contains("有 2 条提示", importedWarned.Out);
            Assert.Contains("已导入 1 个许可证或备案", importedWarned.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Files_over_the_import_limits_are_refused_and_nothing_is_stored()
    {
        Assert.Equal(0, Run("db", "migrate").Code);
        var folder = Directory.CreateTempSubdirectory("shian-import-limits-").FullName;
        try
        {
            // A million rows in under a megabyte: refused at the row limit, nothing stored.
            var bomb = Path.Combine(folder, "bomb.xlsx");
            File.WriteAllBytes(bomb, Shian.Tests.Common.ImportBombs.Workbook(["名称", "统一社会信用代码", "地址", "乡镇街道", "类型"],
                ["渔阳镇老王饭店", "91350200776049653A", "渔阳镇北大街 8 号", "渔阳镇", "餐馆"], rows: 1_000_000));
            var (code, _, error) = Run("businesses", "import", bomb);
            Assert.Equal(ShianCli.Failed, code);
            Assert.Contains("文件“bomb.xlsx”超过导入上限：最多 100,000 行", error);
            Assert.Equal(0, await CountAsync());

            // A 3 GB file (sparse: nothing is written) is refused by its length, before it is read into memory.
            var huge = Path.Combine(folder, "huge.csv");
            using (var stream = File.Create(huge))
            {
                stream.SetLength(3L * 1024 * 1024 * 1024);
            }
            (code, _, error) = Run("businesses", "import", huge);
            Assert.Equal(ShianCli.Failed, code);
            Assert.Contains("文件“huge.csv”超过导入上限：最多 32 MB", error);
            (code, _, error) = Run("licences", "import", huge);
            Assert.Equal(ShianCli.Failed, code);
            Assert.Contains("文件“huge.csv”超过导入上限：最多 32 MB", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
