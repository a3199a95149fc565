using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Sampling;
using Shian.Tests.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// An objection (异议) with a file: a picture named .pdf is refused with nothing stored; the office's upheld answer
/// withdraws the case (异议成立，撤销), which then leaves the completion rate; a microbiological failure cannot be
/// re-inspected. A failure reported before a report opened its case gets it from <c>shian sampling open-failure-cases</c>,
/// not from a page that is read.
/// </summary>
public sealed class SampleFailureObjectionWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");

    [Fact]
    public async Task An_upheld_objection_withdraws_the_case_and_microbiological_failures_are_not_re_inspected()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var csv = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(csv), "s.csv", false, TimeProvider.System)).Errors);
            var business = await db.Businesses.Where(b => b.Name.Contains("鑫源超市")).SingleAsync();
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = business.Id });
            var lab = await db.Units.Where(u => u.Kind == UnitKind.Laboratory).Select(u => u.Id).FirstAsync();
            var unit = await db.Units.Where(u => u.Kind == UnitKind.Department).Select(u => u.Id).FirstAsync();
            SampleBuilder.AddTo(db, new SampleBuilder(new Sample
            {
                Number = $"JZ-{today.Year}-000009", TaskSource = "监督抽检", BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name,
                BusinessAddress = business.Address, FoodCategoryCode = "103", SampleName = "熟肉制品", Specification = "散装", BatchNumber = "B1", ShelfLife = "3天",
                QuantityTaken = 4, BackupQuantity = 2, QuantityUnit = "份", SampledOn = today.AddDays(-15), SamplingUnitId = unit, LaboratoryId = lab,
                Sampler1 = "甲", Sampler2 = "乙", OperatorConfirmed = true, SignerName = "丙", CreatedAt = DateTime.UtcNow, CreatedBy = "x",
            }).Reported(today, [new() { Name = "菌落总数", Value = "150000", Unit = "CFU/g", Limit = "≤100000", Judgement = ItemJudgement.Fail }]).Sample);
            await db.SaveChangesAsync();
        }

        // Reported before a report opened its case (old data): reading the pages opens nothing; the backfill verb opens it
        // with its notice, once.
        using var operatorClient = await factory.SignedInAsync("operator");
        Assert.Contains("0 条未读", await operatorClient.GetStringAsync("/operator"));
        using (var staff = await factory.SignedInAsync("office"))
        {
            Assert.DoesNotContain($"JZ-{today.Year}-000009", await staff.GetStringAsync("/sampling/failures"));
        }
        Assert.False(await factory.QueryAsync(db => db.SampleFailures.AnyAsync()));
        var backfill = Cli("sampling", "open-failure-cases");
        Assert.Equal(0, backfill.Code);
        Assert.Contains("已立案 1 件", backfill.Out);
        var again = Cli("sampling", "open-failure-cases");
        Assert.Equal(0, again.Code);
        Assert.Contains("已立案 0 件", again.Out);
        Assert.Contains("1 条未读", await operatorClient.GetStringAsync("/operator"));
        var failure = await factory.QueryAsync(db => db.SampleFailures.AsNoTracking().SingleAsync());
        Assert.True(failure.MicrobiologicalOnly);
        var page = SampleFailures.Link(failure.Id);
        var html = await operatorClient.GetStringAsync(page);
        Assert.DoesNotContain("data-testid=\"request-reinspection\"", html);
        var refused = await (await operatorClient.PostFormAsync(page, new() { ["Text"] = "申请复检" }, page + "?handler=Reinspect")).Content.ReadAsStringAsync();
        Assert.Contains("微生物项目不合格的，不予复检", refused);
        Assert.Equal(ReinspectionStatus.None, await factory.QueryAsync(db => db.SampleFailures.Select(f => f.Reinspection).SingleAsync()));

        // An objection with a picture named .pdf: refused, nothing stored.
        var fake = await operatorClient.PostFilesAsync(page, new() { ["Text"] = "抽样时未当场封样" }, [("Upload", "照片.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])], page + "?handler=Object");
        Assert.Contains("内容与扩展名不符", await fake.Content.ReadAsStringAsync());
        Assert.Equal(ObjectionStatus.None, await factory.QueryAsync(db => db.SampleFailures.Select(f => f.Objection).SingleAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.StoredFiles.CountAsync(f => f.OwnerKind == FileOwners.SampleFailureObjection)));
        Assert.Equal(HttpStatusCode.Redirect, (await operatorClient.PostFilesAsync(page, new() { ["Text"] = "抽样时未当场封样" }, [("Upload", "现场说明.pdf", Pdf)], page + "?handler=Object")).StatusCode);
        var fileId = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.OwnerKind == FileOwners.SampleFailureObjection && f.OwnerId == failure.Id).Select(f => f.Id).SingleAsync());

        // The office sees the file, and must give an answer.
        using var office = await factory.SignedInAsync("office");
        Assert.Equal(Pdf, await office.GetByteArrayAsync($"{page}?handler=File&file={fileId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"{page}?handler=File&file={Guid.NewGuid()}")).StatusCode);
        Assert.Contains("请填写答复意见", await (await office.PostFormAsync(page, new() { ["Decision"] = "upheld" }, page + "?handler=Answer")).Content.ReadAsStringAsync());
        Assert.Equal(ObjectionStatus.Submitted, await factory.QueryAsync(db => db.SampleFailures.Select(f => f.Objection).SingleAsync()));
        // An operator cannot answer their own objection.
        var selfAnswer = await operatorClient.PostFormAsync(page, new() { ["Decision"] = "upheld", ["Text"] = "成立" }, page + "?handler=Answer");
        Assert.Contains("access-denied", selfAnswer.Headers.Location?.OriginalString ?? "");
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page, new() { ["Decision"] = "upheld", ["Text"] = "经核实抽样程序有误，异议成立" }, page + "?handler=Answer")).StatusCode);
        failure = await factory.QueryAsync(db => db.SampleFailures.AsNoTracking().SingleAsync());
        Assert.Equal((SampleFailureStatus.Withdrawn, ObjectionStatus.Upheld), (failure.Status, failure.Objection));
        Assert.Contains("异议成立，撤销", await operatorClient.GetStringAsync(page));
        // Withdrawn: out of the completion rate's denominator, which has nothing left to measure.
        Assert.Null(await factory.QueryAsync(db => SampleFailures.DisposalCompletionAsync(db, new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>()), today)));
    }

    /// <summary>The <c>shian</c> command on this test's database.</summary>
    private (int Code, string Out, string Error) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Shian.Cli.ShianCli.Run([.. args, "--db", factory.Database.CliArgument], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

}
