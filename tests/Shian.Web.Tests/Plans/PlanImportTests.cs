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

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string text, int year, Dictionary<string, string>? map = null,
        Dictionary<string, string>? edits = null, string handler = "Confirm")
    {
        var fields = new Dictionary<string, string>(edits ?? []) { ["Text"] = text, ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var i = 0;
        foreach (var (printed, choice) in map ?? [])
        {
            fields[$"Map[{i}].Printed"] = printed;
            fields[$"Map[{i++}].Choice"] = choice;
        }
        return client.PostFormAsync("/plans/import", fields, action: "/plans/import?handler=" + handler);
    }

    /// <summary>
    /// The preview form's fields for corrections to the seed: task 14's title; task 3's 区粮食中心 replaced by 区商务局;
    /// task 15's sampling target raised to 5, its 食品安全抽检合格率 removed and a new target added.
    /// </summary>
    private static Dictionary<string, string> SeedCorrections(string samplingValue = "5") => new()
    {
        ["Edits[0].Index"] = "13",
        ["Edits[0].Title"] = "提高林产品质量安全水平",

        ["Edits[1].Index"] = "2",
        ["Edits[1].Responsibilities[0].Role"] = "Responsible",
        ["Edits[1].Responsibilities[0].Units"] = "区卫生健康委、区市场监管局、区农业农村委、区林业局、蓟州海关、区商务局",

        ["Edits[2].Index"] = "14",
        ["Edits[2].Indicators[0].Subject"] = "全年农产品和食品抽检量",
        ["Edits[2].Indicators[0].Comparator"] = ">=",
        ["Edits[2].Indicators[0].Value"] = samplingValue,
        ["Edits[2].Indicators[0].Unit"] = "批次/千人",
        ["Edits[2].Indicators[1].Subject"] = "主要农产品质量安全监测总体合格率",
        ["Edits[2].Indicators[1].Comparator"] = ">=",
        ["Edits[2].Indicators[1].Value"] = "97",
        ["Edits[2].Indicators[1].Unit"] = "%",
        ["Edits[2].Indicators[2].Subject"] = "食品安全抽检合格率",
        ["Edits[2].Indicators[2].Comparator"] = ">=",
        ["Edits[2].Indicators[2].Value"] = "98",
        ["Edits[2].Indicators[2].Unit"] = "%",
        ["Edits[2].Indicators[2].Removed"] = "true",
        ["Edits[2].Indicators[3].Subject"] = "国家级监督抽检不合格食品核查处置完成率",
        ["Edits[2].Indicators[3].Comparator"] = ">=",
        ["Edits[2].Indicators[3].Value"] = "100",
        ["Edits[2].Indicators[3].Unit"] = "%",
        ["Edits[2].Indicators[4].Subject"] = "食品安全快检量",
        ["Edits[2].Indicators[4].Comparator"] = ">",
        ["Edits[2].Indicators[4].Value"] = "1200",
        ["Edits[2].Indicators[4].Unit"] = "批次",
    };

    [Fact]
    public async Task Corrections_are_stored_and_the_same_corrections_again_change_nothing()
    {
        using var office = await factory.SignedInAsync("office");
        var confirmed = await ConfirmAsync(office, Seed, 2021, edits: SeedCorrections());
        Assert.Contains("计划已导入", await confirmed.Content.ReadAsStringAsync());

        var plan = await factory.QueryAsync(db => db.Plans
            .Include(p => p.Tasks).ThenInclude(t => t.Responsibilities).ThenInclude(r => r.Unit)
            .Include(p => p.Tasks).ThenInclude(t => t.Indicators)
            .AsSplitQuery().SingleAsync(p => p.Year == 2021));
        var tasks = plan.Tasks.ToDictionary(t => t.Number);
        Assert.Equal("提高林产品质量安全水平", tasks[14].Title);
        Assert.Equal(["区卫生健康委", "区市场监管局", "区农业农村委", "区林业局", "蓟州海关", "区商务局"],
            tasks[3].Responsibilities.OrderBy(r => r.Order).Select(r => r.Unit!.Name));
        Assert.Equal(["全年农产品和食品抽检量 >= 5批次/千人", "主要农产品质量安全监测总体合格率 >= 97%", "国家级监督抽检不合格食品核查处置完成率 >= 100%", "食品安全快检量 > 1200批次"],
            tasks[15].Indicators.OrderBy(i => i.Order).Select(i => i.Subject + " " + i.Target));
        Assert.Equal("全年农产品和食品抽检量不少于5批次/千人", tasks[15].Indicators.Single(i => i.Order == 0).Text);
        Assert.Equal("实施风险监测和标准制定专项行动", tasks[3].Title);
        Assert.Equal(15, plan.Tasks.Sum(t => t.Indicators.Count)); // one removed, one added
        Assert.NotEqual(PlanImport.HashOf(Seed), plan.SourceHash);

        // The same document with the same corrections: nothing changes.
        var again = await ConfirmAsync(office, Seed, 2021, edits: SeedCorrections());
        Assert.Contains("未做任何修改", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.Plans.Where(p => p.Year == 2021).Select(p => p.Revision).SingleAsync()));

        // The same document without them: a revision that undoes exactly what the corrections did.
        var plain = await ConfirmAsync(office, Seed, 2021);
        var plainHtml = await plain.Content.ReadAsStringAsync();
        Assert.Contains("已导入修订后的计划", plainHtml);
        var changes = Regex.Matches(plainHtml, "<li>(\\d+\\. [^<]+)</li>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(["3. 实施风险监测和标准制定专项行动 — 责任单位变化", "14. 提高食用林产品质量安全水平 — 标题变化", "15. 加强食品抽检和核查处置 — 指标变化"], changes);
        Assert.Equal(PlanImport.HashOf(Seed), await factory.QueryAsync(db => db.Plans.Where(p => p.Year == 2021).Select(p => p.SourceHash).SingleAsync()));
    }

    [Fact]
    public async Task Applying_corrections_shows_them_and_asks_for_newly_typed_unit_names()
    {
        using var office = await factory.SignedInAsync("office");
        var edits = SeedCorrections();
        edits["Edits[1].Responsibilities[0].Units"] = "区卫生健康委，区市场监管局 , 区食品检验所";
        var applied = await ConfirmAsync(office, Seed, 2022, edits: edits, handler: "Apply");
        var html = WebUtility.HtmlDecode(await applied.Content.ReadAsStringAsync());
        Assert.Contains("1 个单位名称未对应到现有单位", html);
        Assert.Contains("“区食品检验所”", html);
        Assert.Equal(3, Regex.Matches(html, "data-testid=\"edited\"").Count);
        // The form now holds the corrected plan: units tidied, the removed target gone, the added one a row of its own.
        Assert.Contains("name=\"Edits[2].Responsibilities[0].Units\" value=\"区卫生健康委、区市场监管局、区食品检验所\"", html);
        Assert.Contains("name=\"Edits[14].Indicators[0].Value\" value=\"5\"", html);
        Assert.Contains("name=\"Edits[14].Indicators[3].Subject\" value=\"食品安全快检量\"", html);
        Assert.Contains("name=\"Edits[14].Indicators[4].Subject\"", html);
        Assert.DoesNotContain("name=\"Edits[14].Indicators[5].Subject\"", html);
        Assert.DoesNotContain("value=\"食品安全抽检合格率\"", html);
        Assert.False(await factory.QueryAsync(db => db.Plans.AnyAsync(p => p.Year == 2022)));

        // An error shows the bare parse, but the typed name and the choice made for it stay in the form.
        var map = new Dictionary<string, string> { ["区食品检验所"] = "new" };
        var bad = new Dictionary<string, string>(edits) { ["Edits[2].Indicators[0].Value"] = "-5" };
        var refusedHtml = WebUtility.HtmlDecode(await (await ConfirmAsync(office, Seed, 2022, map, bad, "Apply")).Content.ReadAsStringAsync());
        Assert.Contains("任务 15 指标 1：数值不能为负", refusedHtml);
        Assert.Contains("<option value=\"new\" selected=\"selected\">新建单位“区食品检验所”</option>", refusedHtml);

        var confirmed = await ConfirmAsync(office, Seed, 2022, map, edits);
        Assert.Contains("计划已导入", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(["区卫生健康委", "区市场监管局", "区食品检验所"], await factory.QueryAsync(db => db.PlanTasks
            .Where(t => t.Number == 3 && db.Plans.Any(p => p.Id == t.PlanId && p.Year == 2022))
            .SelectMany(t => t.Responsibilities).OrderBy(r => r.Order).Select(r => r.Unit!.Name).ToListAsync()));
    }

    [Fact]
    public async Task An_invalid_correction_is_refused_naming_the_task_and_nothing_is_stored()
    {
        using var office = await factory.SignedInAsync("office");
        var refused = await ConfirmAsync(office, Seed, 2023, edits: SeedCorrections(samplingValue: "五"));
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("任务 15 指标 1：数值无效", html);
        Assert.DoesNotContain("the value is not a number", html); // one language: the reader's
        // What was typed stays in the form, to be fixed.
        Assert.Contains("name=\"Edits[14].Indicators[0].Value\" value=\"五\"", html);
        Assert.False(await factory.QueryAsync(db => db.Plans.AnyAsync(p => p.Year == 2023)));
    }

    [Fact]
    public async Task Preview_stores_nothing_and_confirm_stores_the_whole_plan_once()
    {
        using var office = await factory.SignedInAsync("office");
        var preview = await UploadAsync(office, Encoding.UTF8.GetBytes(Seed.Replace("区卫生健康委", "区卫健委", StringComparison.Ordinal)), "plan.txt");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("22 项任务，15 项指标", html);
        Assert.Contains("“区卫健委”", html);
        Assert.False(await factory.QueryAsync(db => db.Plans.AnyAsync(p => p.Year == 2020)));

        var healthId = await factory.QueryAsync(db => db.Units.Where(u => u.Name == "区卫生健康委").Select(u => u.Id).SingleAsync());
        var text = Seed.Replace("区卫生健康委", "区卫健委", StringComparison.Ordinal);
        var confirmed = await ConfirmAsync(office, text, 2020, new() { ["区卫健委"] = healthId.ToString() });
        Assert.Contains("计划已导入", await confirmed.Content.ReadAsStringAsync());

        var plan = await factory.QueryAsync(db => db.Plans.Include(p => p.Tasks).ThenInclude(t => t.Responsibilities).SingleAsync(p => p.Year == 2020));
        Assert.Equal(22, plan.Tasks.Count);
        Assert.Equal([3, 5, 18, 20, 21], plan.Tasks.Where(t => t.Responsibilities.Any(r => r.UnitId == healthId)).Select(t => t.Number).Order());
        Assert.Contains("区卫健委", await factory.QueryAsync(db => db.Units.Where(u => u.Id == healthId).Select(u => u.Aliases).SingleAsync()));
        var computed = await factory.QueryAsync(db => db.PlanIndicators.Where(i => i.Kind == IndicatorKind.Computed).Select(i => i.Metric!).ToListAsync());
        Assert.Contains("sampling.batches_per_1000", computed);
        Assert.Contains("sampling.pass_rate.agricultural", computed);
        Assert.Contains("sampling.pass_rate.food", computed);
        Assert.Contains("sampling.disposal_completion", computed);
        Assert.Contains("trace.upload_rate", computed);

        // The same document again changes nothing, not even the audit trail.
        var auditRows = await factory.QueryAsync(db => db.AuditEntries.CountAsync());
        var again = await ConfirmAsync(office, text, 2020);
        Assert.Contains("未做任何修改", await again.Content.ReadAsStringAsync());
        Assert.Equal(auditRows, await factory.QueryAsync(db => db.AuditEntries.CountAsync()));

        // A corrected document replaces the tasks and says what changed.
        var corrected = text.Replace("不少于4批次/千人", "不少于5批次/千人", StringComparison.Ordinal).Replace("14．提高食用林产品质量安全水平", "14．提高林产品质量安全水平", StringComparison.Ordinal);
        var revised = await ConfirmAsync(office, corrected, 2020);
        var revisedHtml = await revised.Content.ReadAsStringAsync();
        Assert.Contains("已导入修订后的计划", revisedHtml);
        Assert.Contains("15. 加强食品抽检和核查处置 — 指标变化", revisedHtml);
        Assert.Contains("14. 提高林产品质量安全水平 — 标题变化", revisedHtml);
        Assert.Equal(2, await factory.QueryAsync(db => db.Plans.Where(p => p.Year == 2020).Select(p => p.Revision).SingleAsync()));
        Assert.Equal(22, await factory.QueryAsync(db => db.PlanTasks.CountAsync(t => t.PlanId == plan.Id)));
        Assert.True((await factory.QueryAsync(db => db.VerifyAuditTrailAsync())).Intact);
    }

    [Fact]
    public async Task Unmatched_units_refuse_the_whole_import()
    {
        using var office = await factory.SignedInAsync("office");
        var text = "示例区2030年食品安全监督管理计划\n1．做好工作。（责任单位：区市场监管局、不存在的单位）";
        var refused = await ConfirmAsync(office, text, 2030);
        Assert.Contains("未对应的单位：不存在的单位", await refused.Content.ReadAsStringAsync());
        Assert.False(await factory.QueryAsync(db => db.Plans.AnyAsync(p => p.Year == 2030)));

        var created = await ConfirmAsync(office, text, 2030, new() { ["不存在的单位"] = "new" });
        Assert.Contains("计划已导入", await created.Content.ReadAsStringAsync());
        Assert.True(await factory.QueryAsync(db => db.Units.AnyAsync(u => u.Name == "不存在的单位")));
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
        var plansBefore = await factory.QueryAsync(db => db.Plans.CountAsync());
        var response = await UploadAsync(office, content, name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(plansBefore, await factory.QueryAsync(db => db.Plans.CountAsync()));
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
