using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;

namespace Shian.Web.Tests.Plans;

/// <summary>Reports carry attachments and reported values carry evidence files; the office sets the reporting schedule.</summary>
public sealed class AttachmentTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
    private static readonly byte[] Program = Encoding.ASCII.GetBytes("MZ\x90\0 this is a Windows program");

    private async Task<(Guid Plan, Guid Task)> TaskAsync(int number)
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        return (plan, await db.PlanTasks.Where(t => t.PlanId == plan && t.Number == number).Select(t => t.Id).SingleAsync());
    }

    private static Dictionary<string, string> Report(string period) => new()
    {
        ["Input.Kind"] = "Progress", ["Input.Period"] = period, ["Input.Progress"] = "InProgress", ["Input.PercentDone"] = "60", ["Input.Text"] = "完成第三季度抽检",
    };

    [Fact]
    public async Task A_report_is_filed_with_its_attachments_or_not_at_all()
    {
        var (_, task) = await TaskAsync(15);
        using var department = await factory.SignedInAsync("department");
        var before = await factory.QueryAsync(db => db.TaskReports.CountAsync(r => r.TaskId == task));

        // A program renamed to .pdf is refused by its content, and the report is not filed without it.
        var renamed = await department.PostFilesAsync($"/plans/tasks/{task}", Report("2020-Q3"), [("Files", "抽检汇总.pdf", Program)], $"/plans/tasks/{task}?handler=Report");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Contains("“抽检汇总.pdf”的内容与扩展名不符", await renamed.Content.ReadAsStringAsync());
        var tooMany = await department.PostFilesAsync($"/plans/tasks/{task}", Report("2020-Q3"),
            Enumerable.Range(1, 6).Select(i => ("Files", $"照片{i}.png", Png)), $"/plans/tasks/{task}?handler=Report");
        Assert.Contains("最多上传 5 个文件", await tooMany.Content.ReadAsStringAsync());
        var script = await department.PostFilesAsync($"/plans/tasks/{task}", Report("2020-Q3"), [("Files", "run.sh", Encoding.ASCII.GetBytes("#!/bin/sh"))], $"/plans/tasks/{task}?handler=Report");
        Assert.Contains("不支持“run.sh”的文件类型", await script.Content.ReadAsStringAsync());
        Assert.Equal(before, await factory.QueryAsync(db => db.TaskReports.CountAsync(r => r.TaskId == task)));
        Assert.Equal(0, await factory.QueryAsync(db => db.StoredFiles.CountAsync()));

        var filed = await department.PostFilesAsync($"/plans/tasks/{task}", Report("2020-Q3"),
            [("Files", "抽检汇总.pdf", Pdf), ("Files", @"C:\现场\照片.png", Png)], $"/plans/tasks/{task}?handler=Report");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var report = await factory.QueryAsync(db => db.TaskReports.Where(r => r.TaskId == task).OrderBy(r => r.SubmittedAt).LastAsync());
        var files = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.OwnerId == report.Id).OrderBy(f => f.FileName).ToListAsync());
        Assert.Equal(["抽检汇总.pdf", "照片.png"], files.Select(f => f.FileName)); // the client's folder is not kept
        Assert.Equal(["application/pdf", "image/png"], files.Select(f => f.ContentType));

        var page = await department.GetStringAsync($"/plans/tasks/{task}");
        Assert.Contains($"href=\"/files/{files[0].Id}\"", page);

        // Any staff member opens it; an operator or a stranger does not.
        using var township = await factory.SignedInAsync("township");
        var download = await township.GetAsync($"/files/{files[0].Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        using var operatorClient = await factory.SignedInAsync("operator");
        Assert.NotEqual(HttpStatusCode.OK, (await operatorClient.GetAsync($"/files/{files[0].Id}")).StatusCode);
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/files/{files[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/files/{Guid.NewGuid()}")).StatusCode);

        // The audit trail records the file, not its bytes.
        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == nameof(StoredFile) && a.EntityId == files[0].Id.ToString()).SingleAsync());
        Assert.Contains(files[0].Sha256, audit.NewValues);
        Assert.DoesNotContain("\"Content\"", audit.NewValues);
    }

    [Fact]
    public async Task A_reported_value_keeps_its_evidence_files()
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        var indicator = await factory.QueryAsync(db => db.PlanIndicators.Where(i => i.Order == 2 && db.PlanTasks.Any(t => t.Id == i.TaskId && t.PlanId == plan && t.Number == 12)).Select(i => i.Id).SingleAsync());
        using var department = await factory.SignedInAsync("department");
        var fields = new Dictionary<string, string> { ["IndicatorId"] = indicator.ToString(), ["Value"] = "6", ["AsOf"] = "2020-11-30", ["Evidence"] = "验收报告" };
        var refused = await department.PostFilesAsync($"/plans/{plan}/indicators", new(fields), [("Files", "验收.docx", Pdf)]);
        Assert.Contains("“验收.docx”的内容与扩展名不符", await refused.Content.ReadAsStringAsync());
        Assert.False(await factory.QueryAsync(db => db.IndicatorValues.AnyAsync(v => v.IndicatorId == indicator)));

        Assert.Equal(HttpStatusCode.Redirect, (await department.PostFilesAsync($"/plans/{plan}/indicators", new(fields), [("Files", "验收报告.pdf", Pdf)])).StatusCode);
        var value = await factory.QueryAsync(db => db.IndicatorValues.SingleAsync(v => v.IndicatorId == indicator));
        var file = await factory.QueryAsync(db => db.StoredFiles.SingleAsync(f => f.OwnerId == value.Id));
        Assert.Equal(FileOwners.IndicatorValue, file.OwnerKind);
        Assert.Contains($"href=\"/files/{file.Id}\"", await department.GetStringAsync($"/plans/{plan}/indicators"));
    }

    [Fact]
    public async Task The_office_sets_the_schedule_and_the_frequency_is_fixed_once_reports_exist()
    {
        var plan = await SeedPlan.EnsureAsync(factory, 2022);
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("各单位按季度报送进度，每期结束后 10 天内报送", await office.GetStringAsync($"/plans/{plan}"));
        var bad = await office.PostFormAsync($"/plans/{plan}", new() { ["Frequency"] = "Monthly", ["DueDays"] = "90" }, $"/plans/{plan}?handler=Schedule");
        Assert.Contains("报送期限应为 1 到 60 天", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync($"/plans/{plan}", new() { ["Frequency"] = "Monthly", ["DueDays"] = "5" }, $"/plans/{plan}?handler=Schedule")).StatusCode);
        Assert.Contains("各单位按月报送进度，每期结束后 5 天内报送", await office.GetStringAsync($"/plans/{plan}"));

        // The task page now offers monthly periods; once one is reported on, the frequency stays.
        var task = await factory.QueryAsync(db => db.PlanTasks.Where(t => t.PlanId == plan && t.Number == 15).Select(t => t.Id).SingleAsync());
        using var department = await factory.SignedInAsync("department");
        Assert.Contains("2022-07", await department.GetStringAsync($"/plans/tasks/{task}"));
        Assert.Equal(HttpStatusCode.Redirect, (await department.PostFormAsync($"/plans/tasks/{task}", Report("2022-07"), $"/plans/tasks/{task}?handler=Report")).StatusCode);
        var fixedNow = await office.PostFormAsync($"/plans/{plan}", new() { ["Frequency"] = "Quarterly", ["DueDays"] = "5" }, $"/plans/{plan}?handler=Schedule");
        Assert.Contains("已有进度报告，报告频次不能再改", await fixedNow.Content.ReadAsStringAsync());
        Assert.Equal(Shian.Plans.ReportFrequency.Monthly, await factory.QueryAsync(db => db.Plans.Where(p => p.Id == plan).Select(p => p.ReportFrequency).SingleAsync()));

        var denied = await department.PostFormAsync($"/plans/tasks/{task}", new() { ["Frequency"] = "Quarterly", ["DueDays"] = "5" }, $"/plans/{plan}?handler=Schedule");
        Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
    }
}
