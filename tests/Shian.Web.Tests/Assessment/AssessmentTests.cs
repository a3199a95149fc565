using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Assessment;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;
using Shian.Web.Tests.Plans;

namespace Shian.Web.Tests.Assessment;

/// <summary>评议考核 end to end: the office defines a scheme, scores a period, enters, publishes; subjects see their rank.</summary>
public sealed class AssessmentTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<Guid> CreateSchemeAsync(HttpClient office, Guid plan, string name, AssessedSubjects subjects)
    {
        var created = await office.PostFormAsync("/assessment", new() { ["Input.PlanId"] = plan.ToString(), ["Input.Name"] = name, ["Input.Subjects"] = subjects.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static async Task AddCriterionAsync(HttpClient office, Guid scheme, string name, string points, CriterionSource source, Guid? indicator = null)
    {
        var added = await office.PostFormAsync($"/assessment/{scheme}", new()
        {
            ["Input.Name"] = name, ["Input.Points"] = points, ["Input.Source"] = source.ToString(), ["Input.IndicatorId"] = indicator?.ToString() ?? "",
        }, $"/assessment/{scheme}?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    private static async Task<Guid> ScoreAsync(HttpClient office, Guid scheme, string period)
    {
        var scored = await office.PostFormAsync($"/assessment/{scheme}", new() { ["Period"] = period }, $"/assessment/{scheme}?handler=Score");
        Assert.Equal(HttpStatusCode.Redirect, scored.StatusCode);
        return Guid.Parse(scored.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    [Fact]
    public async Task Townships_are_scored_on_report_timeliness_and_entered_criteria_then_see_their_own_rank()
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        Guid wenchang, second, townshipsUnit, task1, task20;
        int townshipCount;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var townships = await db.Townships.Where(t => t.IsTownship && t.Active).OrderBy(t => t.Code).ToListAsync();
            (wenchang, second, townshipCount) = (townships[0].Id, townships[1].Id, townships.Count);
            townshipsUnit = await db.Units.Where(u => u.Kind == UnitKind.Townships).Select(u => u.Id).SingleAsync();
            task1 = await db.PlanTasks.Where(t => t.PlanId == plan && t.Number == 1).Select(t => t.Id).SingleAsync();
            task20 = await db.PlanTasks.Where(t => t.PlanId == plan && t.Number == 20).Select(t => t.Id).SingleAsync();
        }

        // The township officer (文昌街道) files through the page: the report remembers the township.
        using var township = await factory.SignedInAsync("township");
        var filed = await township.PostFormAsync($"/plans/tasks/{task1}", new()
        {
            ["Input.Kind"] = "Progress", ["Input.Period"] = "2020-Q1", ["Input.Progress"] = "InProgress", ["Input.PercentDone"] = "30", ["Input.Text"] = "落实属地责任",
        }, $"/plans/tasks/{task1}?handler=Report");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Contains("各乡镇街 · ", await township.GetStringAsync($"/plans/tasks/{task1}"));

        // Two tasks owed by the townships × four quarters = 8 reports due in 2020. 文昌街道 filed 6 on time (its page
        // report above is late: filed today); the second township 3 on time and 1 late; a returned one does not count.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            Assert.Equal(wenchang, (await db.TaskReports.SingleAsync(r => r.TaskId == task1)).TownshipId);
            TaskReport Report(Guid task, Guid township, string period, DateTime at, ReportReview review = ReportReview.Accepted) => new()
            {
                TaskId = task, UnitId = townshipsUnit, TownshipId = township, Period = period, Progress = TaskProgress.InProgress, Text = "x",
                SubmittedAt = at, SubmittedBy = "test", Review = review,
            };
            db.TaskReports.Add(Report(task1, wenchang, "2020-Q2", new DateTime(2020, 7, 1, 0, 0, 0, DateTimeKind.Utc)));
            db.TaskReports.Add(Report(task1, wenchang, "2020-Q3", new DateTime(2020, 10, 9, 0, 0, 0, DateTimeKind.Utc)));
            db.TaskReports.Add(Report(task1, wenchang, "2020-Q4", new DateTime(2021, 1, 10, 8, 0, 0, DateTimeKind.Utc))); // 16:00 in Beijing on the due day
            foreach (var period in new[] { "2020-Q1", "2020-Q2", "2020-Q3" })
            {
                db.TaskReports.Add(Report(task20, wenchang, period, new DateTime(2020, 4, 1, 0, 0, 0, DateTimeKind.Utc)));
            }
            db.TaskReports.Add(Report(task1, second, "2020-Q1", new DateTime(2020, 4, 2, 0, 0, 0, DateTimeKind.Utc)));
            db.TaskReports.Add(Report(task1, second, "2020-Q2", new DateTime(2020, 7, 2, 0, 0, 0, DateTimeKind.Utc)));
            db.TaskReports.Add(Report(task1, second, "2020-Q3", new DateTime(2020, 10, 2, 0, 0, 0, DateTimeKind.Utc)));
            db.TaskReports.Add(Report(task1, second, "2020-Q4", new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Utc))); // late
            db.TaskReports.Add(Report(task20, second, "2020-Q1", new DateTime(2020, 4, 2, 0, 0, 0, DateTimeKind.Utc), ReportReview.Returned));
            await db.SaveChangesAsync();
        }

        using var office = await factory.SignedInAsync("office");
        var scheme = await CreateSchemeAsync(office, plan, "乡镇街道食品安全工作考核", AssessedSubjects.Townships);
        await AddCriterionAsync(office, scheme, "进度报告按时报送", "40", CriterionSource.ReportTimeliness);
        await AddCriterionAsync(office, scheme, "群众满意度", "60", CriterionSource.Entered);
        var invalid = await office.PostFormAsync($"/assessment/{scheme}", new() { ["Input.Name"] = "x", ["Input.Points"] = "150", ["Input.Source"] = "Entered" }, $"/assessment/{scheme}?handler=Add");
        Assert.Contains("分值“150”无效", await invalid.Content.ReadAsStringAsync());

        var round = await ScoreAsync(office, scheme, "2020");
        var sheet = await office.GetStringAsync($"/assessment/rounds/{round}");
        Assert.Contains("按时报告 6/8", sheet);
        Assert.Contains("按时报告 3/8", sheet);
        // The computed note is kept as a code and its values, so an English reader reads it in English only.
        var english = await office.GetStringAsync($"/assessment/rounds/{round}?culture=en");
        Assert.Contains("reports on time: 6/8", english);
        Assert.DoesNotContain("按时报告", english);
        Assert.Contains($"还有 {townshipCount} 项未评分", sheet);

        // Drafts are the office's: the township cannot open one.
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/assessment/rounds/{round}")).StatusCode);

        // An invalid entry names the township and the criterion, and nothing of the sheet is saved.
        var entries = new Dictionary<string, string>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var criterion = await db.AssessmentCriteria.Where(c => c.SchemeId == scheme && c.Source == CriterionSource.Entered).Select(c => c.Id).SingleAsync();
            var ids = await db.Townships.Where(t => t.IsTownship && t.Active).OrderBy(t => t.Code).Select(t => t.Id).ToListAsync();
            for (var i = 0; i < ids.Count; i++)
            {
                entries[$"Entered[{i}].SubjectId"] = ids[i].ToString();
                entries[$"Entered[{i}].CriterionId"] = criterion.ToString();
                entries[$"Entered[{i}].Points"] = ids[i] == second ? "59.5" : "50";
                entries[$"Entered[{i}].Note"] = "问卷";
            }
        }
        var bad = new Dictionary<string, string>(entries) { ["Entered[0].Points"] = "61" };
        var refused = await office.PostFormAsync($"/assessment/rounds/{round}", bad, $"/assessment/rounds/{round}?handler=Save");
        Assert.Contains("群众满意度：分值“61”无效，应在 0 到 60 之间", await refused.Content.ReadAsStringAsync());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            Assert.False(await db.AssessmentScores.AnyAsync(s => s.RoundId == round && s.Note == "问卷"));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync($"/assessment/rounds/{round}", entries, $"/assessment/rounds/{round}?handler=Save")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync($"/assessment/rounds/{round}", [], $"/assessment/rounds/{round}?handler=Publish")).StatusCode);

        // 文昌街道: 40 × 6/8 + 50 = 80; the second township: 40 × 3/8 + 59.5 = 74.5; the others 50 + 0 = 50.
        var own = await township.GetStringAsync($"/assessment/rounds/{round}");
        Assert.Contains("已发布", own);
        Assert.Contains("文昌街道", own);
        Assert.Contains("<strong>80</strong>", own);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(own, "data-testid=\"rank\""));
        Assert.Contains("data-testid=\"rank\">1<", own);
        // The whole ranking is the office's and the district's; a department sees no row of a township scheme.
        var all = await office.GetStringAsync($"/assessment/rounds/{round}");
        Assert.Equal(townshipCount, System.Text.RegularExpressions.Regex.Matches(all, "data-testid=\"rank\"").Count);
        using var department = await factory.SignedInAsync("department");
        Assert.Contains("没有您可以查看的结果", await department.GetStringAsync($"/assessment/rounds/{round}"));

        // Published scores are final.
        var late = await office.PostFormAsync($"/assessment/rounds/{round}", entries, $"/assessment/rounds/{round}?handler=Save");
        Assert.Contains("/account/access-denied", late.Headers.Location?.OriginalString);
        Assert.Contains("已有发布的考核轮次", await office.GetStringAsync($"/assessment/{scheme}"));

        // Excel: ranking sheet with a column per criterion, and the notes sheet explaining each score.
        var export = await office.GetAsync($"/assessment/rounds/{round}?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        Assert.Equal(["考核结果", "计分说明"], MiniExcel.GetSheetNames(workbook));
        var rows = workbook.Query(useHeaderRow: true, sheetName: "考核结果").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(townshipCount, rows.Count);
        Assert.Equal(["排名", "乡镇街道", "进度报告按时报送（40）", "群众满意度（60）", "总分"], rows[0].Keys);
        Assert.Equal("文昌街道", rows[0]["乡镇街道"]);
        Assert.Equal(80d, Convert.ToDouble(rows[0]["总分"]));
        Assert.Equal(74.5d, Convert.ToDouble(rows[1]["总分"]));
        Assert.Equal(3d, Convert.ToDouble(rows[2]["排名"]));
        Assert.Equal(3d, Convert.ToDouble(rows[^1]["排名"])); // the 50s tie
    }

    [Fact]
    public async Task Units_are_scored_on_the_targets_they_own_and_townships_report_their_own_values()
    {
        var plan = await SeedPlan.EnsureAsync(factory, 2021);
        Guid traced, task20;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            traced = await db.PlanIndicators.Where(i => i.Order == 2 && db.PlanTasks.Any(t => t.Id == i.TaskId && t.PlanId == plan && t.Number == 12)).Select(i => i.Id).SingleAsync();
            task20 = await db.PlanTasks.Where(t => t.PlanId == plan && t.Number == 20).Select(t => t.Id).SingleAsync();
        }
        // 区市场监管局 owns 完成7家 and reports 5: 30 × 5/7 = 21.43.
        using var department = await factory.SignedInAsync("department");
        Assert.Equal(HttpStatusCode.Redirect, (await department.PostFormAsync($"/plans/{plan}/indicators",
            new() { ["IndicatorId"] = traced.ToString(), ["Value"] = "5", ["AsOf"] = "2021-12-20", ["Evidence"] = "5 家验收" })).StatusCode);

        using var office = await factory.SignedInAsync("office");
        var scheme = await CreateSchemeAsync(office, plan, "成员单位考核", AssessedSubjects.Units);
        await AddCriterionAsync(office, scheme, "追溯体系建设", "30", CriterionSource.Indicator, traced);
        var missing = await office.PostFormAsync($"/assessment/{scheme}", new() { ["Input.Name"] = "无指标", ["Input.Points"] = "10", ["Input.Source"] = "Indicator" }, $"/assessment/{scheme}?handler=Add");
        Assert.Contains("按指标计分时须选择对应指标", await missing.Content.ReadAsStringAsync());
        var round = await ScoreAsync(office, scheme, "2021-H2");
        var sheet = await office.GetStringAsync($"/assessment/rounds/{round}");
        var market = System.Text.RegularExpressions.Regex.Match(sheet, "<tr data-subject=\"区市场监管局\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("21.43", market);
        Assert.Contains("实际 5家（2021-12-20），目标 &gt;= 7家", market);
        // A unit with no part in task 12 is not concerned and scores in full.
        var health = System.Text.RegularExpressions.Regex.Match(sheet, "<tr data-subject=\"区卫生健康委\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("不涉及", health);
        var englishSheet = await office.GetStringAsync($"/assessment/rounds/{round}?culture=en");
        Assert.Contains("actual 5家 (2021-12-20), target &gt;= 7家", englishSheet);
        Assert.Contains("not concerned", englishSheet);
        Assert.DoesNotContain("不涉及", englishSheet);
        Assert.Contains("<strong>30</strong>", health);

        // A target on a task of the townships: each township reports its own value, which is not the district's.
        Guid townshipTarget;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var indicator = new PlanIndicator { TaskId = task20, Order = 0, Text = "监管人员培训率100%", Subject = "监管人员培训率", Comparator = ">=", Value = 100, Unit = "%" };
            db.PlanIndicators.Add(indicator);
            await db.SaveChangesAsync();
            townshipTarget = indicator.Id;
        }
        using var township = await factory.SignedInAsync("township");
        Assert.Contains("文昌街道数值", await township.GetStringAsync($"/plans/{plan}/indicators"));
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync($"/plans/{plan}/indicators",
            new() { ["IndicatorId"] = townshipTarget.ToString(), ["Value"] = "80", ["AsOf"] = "2021-06-30", ["Evidence"] = "培训签到表" })).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var value = await db.IndicatorValues.SingleAsync(v => v.IndicatorId == townshipTarget);
            Assert.NotNull(value.TownshipId);
        }
        Assert.Contains("暂无数据", System.Text.RegularExpressions.Regex.Match(await office.GetStringAsync($"/plans/{plan}/indicators"),
            "监管人员培训率.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value);

        var townships = await CreateSchemeAsync(office, plan, "乡镇培训考核", AssessedSubjects.Townships);
        await AddCriterionAsync(office, townships, "监管人员培训", "20", CriterionSource.Indicator, townshipTarget);
        var townshipRound = await ScoreAsync(office, townships, "2021-H1");
        var townshipSheet = await office.GetStringAsync($"/assessment/rounds/{townshipRound}");
        var wenchang = System.Text.RegularExpressions.Regex.Match(townshipSheet, "<tr data-subject=\"文昌街道\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("<strong>16</strong>", wenchang); // 20 × 80/100
        Assert.Contains("未填报", townshipSheet); // the others
    }

    [Fact]
    public async Task Only_the_office_manages_schemes()
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        using var department = await factory.SignedInAsync("department");
        var list = await department.GetStringAsync("/assessment");
        Assert.Contains("评议考核", list);
        Assert.DoesNotContain("data-testid=\"create-scheme\"", list);
        Assert.DoesNotContain("草稿", list); // drafts are the office's working papers
        var refused = await department.PostFormAsync("/assessment", new() { ["Input.PlanId"] = plan.ToString(), ["Input.Name"] = "x", ["Input.Subjects"] = "Units" });
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString);
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Contains("/account/login", (await anonymous.GetAsync("/assessment")).Headers.Location?.OriginalString);
    }
}
