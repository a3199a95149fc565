using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Plans;

namespace Shian.Web.Tests.Plans;

/// <summary>Importing plans through the web: preview first, everything or nothing on confirm, re-imports and corrections.</summary>
public sealed class PlanImportTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"));

    private async Task<T> QueryAsync<T>(Func<ShianDb, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ShianDb>());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string? year = null)
    {
        var html = await client.GetStringAsync("/plans/import");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent(""), "Text" },
            { new StringContent(year ?? ""), "Year" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync("/plans/import?handler=Preview", form);
    }

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string text, int year, Dictionary<string, string>? map = null)
    {
        var fields = new Dictionary<string, string> { ["Text"] = text, ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var i = 0;
        foreach (var (printed, choice) in map ?? [])
        {
            fields[$"Map[{i}].Printed"] = printed;
            fields[$"Map[{i++}].Choice"] = choice;
        }
        return client.PostFormAsync("/plans/import", fields, action: "/plans/import?handler=Confirm");
    }

    [Fact]
    public async Task Preview_stores_nothing_and_confirm_stores_the_whole_plan_once()
    {
        using var office = await factory.SignedInAsync("office");
        var preview = await UploadAsync(office, Encoding.UTF8.GetBytes(Seed.Replace("区卫生健康委", "区卫健委", StringComparison.Ordinal)), "plan.txt");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("22 项任务，14 项指标", html);
        Assert.Contains("“区卫健委”", html);
        Assert.False(await QueryAsync(db => db.Plans.AnyAsync(p => p.Year == 2020)));

        var healthId = await QueryAsync(db => db.Units.Where(u => u.Name == "区卫生健康委").Select(u => u.Id).SingleAsync());
        var text = Seed.Replace("区卫生健康委", "区卫健委", StringComparison.Ordinal);
        var confirmed = await ConfirmAsync(office, text, 2020, new() { ["区卫健委"] = healthId.ToString() });
        Assert.Contains("计划已导入", await confirmed.Content.ReadAsStringAsync());

        var plan = await QueryAsync(db => db.Plans.Include(p => p.Tasks).ThenInclude(t => t.Responsibilities).SingleAsync(p => p.Year == 2020));
        Assert.Equal(22, plan.Tasks.Count);
        Assert.Equal([3, 5, 18, 20, 21], plan.Tasks.Where(t => t.Responsibilities.Any(r => r.UnitId == healthId)).Select(t => t.Number).Order());
        Assert.Contains("区卫健委", await QueryAsync(db => db.Units.Where(u => u.Id == healthId).Select(u => u.Aliases).SingleAsync()));
        var computed = await QueryAsync(db => db.PlanIndicators.Where(i => i.Kind == IndicatorKind.Computed).Select(i => i.Metric!).ToListAsync());
        Assert.Contains("sampling.batches_per_1000", computed);
        Assert.Contains("sampling.pass_rate", computed);
        Assert.Contains("sampling.disposal_completion", computed);
        Assert.Contains("trace.upload_rate", computed);

        // The same document again changes nothing, not even the audit trail.
        var auditRows = await QueryAsync(db => db.AuditEntries.CountAsync());
        var again = await ConfirmAsync(office, text, 2020);
        Assert.Contains("未做任何修改", await again.Content.ReadAsStringAsync());
        Assert.Equal(auditRows, await QueryAsync(db => db.AuditEntries.CountAsync()));

        // A corrected document replaces the tasks and says what changed.
        var corrected = text.Replace("不少于4批次/千人", "不少于5批次/千人", StringComparison.Ordinal).Replace("14．提高食用林产品质量安全水平", "14．提高林产品质量安全水平", StringComparison.Ordinal);
        var revised = await ConfirmAsync(office, corrected, 2020);
        var revisedHtml = await revised.Content.ReadAsStringAsync();
        Assert.Contains("已导入修订后的计划", revisedHtml);
        Assert.Contains("15. 加强食品抽检和核查处置 — 指标变化", revisedHtml);
        Assert.Contains("14. 提高林产品质量安全水平 — 标题变化", revisedHtml);
        Assert.Equal(2, await QueryAsync(db => db.Plans.Where(p => p.Year == 2020).Select(p => p.Revision).SingleAsync()));
        Assert.Equal(22, await QueryAsync(db => db.PlanTasks.CountAsync(t => t.PlanId == plan.Id)));
        Assert.True((await QueryAsync(db => db.VerifyAuditTrailAsync())).Intact);
    }

    [Fact]
    public async Task Unmatched_units_refuse_the_whole_import()
    {
        using var office = await factory.SignedInAsync("office");
        var text = "示例区2030年食品安全监督管理计划\n1．做好工作。（责任单位：区市场监管局、不存在的单位）";
        var refused = await ConfirmAsync(office, text, 2030);
        Assert.Contains("未对应的单位：不存在的单位", await refused.Content.ReadAsStringAsync());
        Assert.False(await QueryAsync(db => db.Plans.AnyAsync(p => p.Year == 2030)));

        var created = await ConfirmAsync(office, text, 2030, new() { ["不存在的单位"] = "new" });
        Assert.Contains("计划已导入", await created.Content.ReadAsStringAsync());
        Assert.True(await QueryAsync(db => db.Units.AnyAsync(u => u.Name == "不存在的单位")));
    }

    [Theory]
    [InlineData("binary.txt", "二进制")]
    [InlineData("english.txt", "未识别到任何编号任务")]
    [InlineData("empty.txt", "请上传计划文件或粘贴计划全文")]
    [InlineData("fake.docx", "不是 Word 文档")]
    public async Task Files_that_are_not_plans_are_named_and_nothing_is_stored(string name, string message)
    {
        using var office = await factory.SignedInAsync("office");
        byte[] content = name switch
        {
            "binary.txt" => [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00],
            "english.txt" => Encoding.UTF8.GetBytes("Food safety matters. This is an essay about it, with no numbered tasks at all."),
            "empty.txt" => [],
            _ => Encoding.UTF8.GetBytes("1．任务。"),
        };
        var plansBefore = await QueryAsync(db => db.Plans.CountAsync());
        var response = await UploadAsync(office, content, name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(plansBefore, await QueryAsync(db => db.Plans.CountAsync()));
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_before_it_is_read()
    {
        using var office = await factory.SignedInAsync("office");
        var response = await UploadAsync(office, new byte[8 * 1024 * 1024], "huge.txt");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest or HttpStatusCode.OK, response.StatusCode.ToString());
        var visible = Regex.Replace(body, "<[^>]+>", " ");
        Assert.True(body.Contains("文件过大", StringComparison.Ordinal), response.StatusCode + " " + visible[..Math.Min(visible.Length, 3000)]);
    }

    [Fact]
    public async Task Departments_see_plans_and_their_own_tasks_but_only_the_office_imports()
    {
        var planId = await SeedPlan.EnsureAsync(factory, 2019);
        using var department = await factory.SignedInAsync("department");
        Assert.Equal(HttpStatusCode.Redirect, (await department.GetAsync("/plans/import")).StatusCode);
        var all = await department.GetStringAsync($"/plans/{planId}");
        var mine = await department.GetStringAsync($"/plans/{planId}?mine=true");
        static int TaskRows(string html) => new Regex("<td class=\"num\">\\d+</td>\\s*<td>").Matches(html[..html.IndexOf("plan-indicators", StringComparison.Ordinal)]).Count;
        Assert.Equal(22, TaskRows(all));
        // 区市场监管局 is named in 15 of the 22 tasks.
        Assert.Equal(15, TaskRows(mine));
        Assert.DoesNotContain("提高食用林产品质量安全水平", mine);
    }
}
