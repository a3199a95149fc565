using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Data;
using Shian.Registry;

namespace Shian.Web.Tests.Registry;

/// <summary>The business registry through the web: import with row errors, register, correct, find, see the history.</summary>
public sealed class RegistryTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    private static async Task<HttpResponseMessage> CheckAsync(HttpClient client, string csv) =>
        await client.PostFilesAsync("/businesses/import", [], [("Upload", "主体.csv", Encoding.UTF8.GetBytes(csv))], "/businesses/import?handler=Check");

    [Fact]
    public async Task Staff_find_businesses_within_their_scope_and_export_the_filtered_list()
    {
        await EnsureSampleAsync();
        using var office = await factory.SignedInAsync("office");
        var all = await office.GetStringAsync("/businesses");
        Assert.Contains("共 4 条", all);
        var caterers = await office.GetStringAsync("/businesses?category=Caterer");
        Assert.Contains("共 2 条", caterers);
        Assert.Contains("老王家常菜馆", caterers);
        Assert.Contains("共 1 条", await office.GetStringAsync("/businesses?tag=scenic-area"));
        Assert.Contains("共 1 条", await office.GetStringAsync("/businesses?q=91120119ay4cl12thd"));
        Assert.Contains("共 1 条", await office.GetStringAsync("/businesses?q=鑫源"));

        // The township officer of 文昌街道 sees only the supermarket there, and cannot open the others.
        using var township = await factory.SignedInAsync("township");
        var own = await township.GetStringAsync("/businesses");
        Assert.Contains("共 1 条", own);
        Assert.Contains("鑫源超市", own);
        var elsewhere = await factory.QueryAsync(db => db.Businesses.Where(b => b.Name.Contains("农家院")).Select(b => b.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/businesses/{elsewhere}")).StatusCode);
        // An operator not linked to it cannot open it either.
        using var operatorClient = await factory.SignedInAsync("operator");
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/businesses/{elsewhere}")).StatusCode);

        var export = await office.GetAsync("/businesses?category=Caterer&handler=Export");
        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["农家院", "餐馆"], rows.Select(r => (string)r["类型"]).Order());
        Assert.Contains(rows, r => ((string)r["标签"]).Contains("明厨亮灶", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registering_and_correcting_a_business_is_checked_and_kept_in_its_history()
    {
        await EnsureSampleAsync();
        var yuyang = await factory.QueryAsync(db => db.Townships.Where(t => t.Name == "渔阳镇").Select(t => t.Code).SingleAsync());
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "蓟州区渔阳镇小李面馆", ["Input.CreditCode"] = "91350100M000100Y4Z", ["Input.Subtype"] = "restaurant", ["Input.Township"] = yuyang,
            ["Input.Address"] = "渔阳镇南大街 3 号", ["Input.Scale"] = "Micro", ["Input.Status"] = "Active", ["TagCodes"] = "kitchen-video",
        };
        using var department = await factory.SignedInAsync("department");
        var refused = await department.PostFormAsync("/businesses/new", new(fields));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("校验位应为“3”", refusedHtml);
        Assert.DoesNotContain("Input.CreditCodeOverride", refusedHtml); // only the office may keep a failing code

        using var office = await factory.SignedInAsync("office");
        Assert.Contains("写明原因", await (await office.PostFormAsync("/businesses/new", new(fields))).Content.ReadAsStringAsync());
        var saved = await office.PostFormAsync("/businesses/new", new(fields) { ["Input.CreditCodeOverride"] = "营业执照如此，已向登记机关核实" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = saved.Headers.Location!.OriginalString;
        var html = await office.GetStringAsync(page);
        Assert.Contains("经核实保留：营业执照如此", html);
        Assert.Contains("明厨亮灶", html);

        // A correction is recorded with who, when, and the old and new value.
        var id = page.Split('/')[^1];
        var edit = await office.PostFormAsync($"/businesses/{id}/edit", new(fields)
        {
            ["Input.CreditCodeOverride"] = "营业执照如此，已向登记机关核实", ["Input.ContactPhone"] = "13800001111", ["Input.Status"] = "Suspended",
        });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var history = Regex.Match(await office.GetStringAsync(page), "data-testid=\"history\".*?</ul>\\s*</li>", RegexOptions.Singleline).Value;
        Assert.Contains("ContactPhone</span>：— → 13800001111", history);
        Assert.Contains("Status</span>：Active → Suspended", history);

        // Closed (注销) is final: the form cannot reopen it or correct it afterwards.
        var closing = new Dictionary<string, string>(fields) { ["Input.CreditCodeOverride"] = "营业执照如此，已向登记机关核实", ["Input.Status"] = "Closed" };
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync($"/businesses/{id}/edit", new(closing))).StatusCode);
        var reopen = await office.PostFormAsync($"/businesses/{id}/edit", new(closing) { ["Input.Status"] = "Active" });
        Assert.Contains("该主体已注销，不能再修改或恢复", await reopen.Content.ReadAsStringAsync());
        Assert.Equal(BusinessStatus.Closed, await factory.QueryAsync(db => db.Businesses.Where(b => b.Id == Guid.Parse(id)).Select(b => b.Status).SingleAsync()));

        // A code registered to another business is refused by name.
        var taken = await office.PostFormAsync("/businesses/new", new(fields) { ["Input.CreditCode"] = "91120119AY4CL12THD" });
        Assert.Contains("该代码已登记为“天津市蓟州区鑫源超市有限公司”", await taken.Content.ReadAsStringAsync());
        // The township officer cannot register anything.
        using var township = await factory.SignedInAsync("township");
        Assert.Contains("/account/access-denied", (await township.GetAsync("/businesses/new")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_operator_sees_the_businesses_of_the_account_and_nothing_else()
    {
        await EnsureSampleAsync();
        Guid mine, other;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            mine = await db.Businesses.Where(b => b.CreditCode == "92120119J3Y7LLJY18").Select(b => b.Id).SingleAsync();
            other = await db.Businesses.Where(b => b.CreditCode == "91120119AY4CL12THD").Select(b => b.Id).SingleAsync();
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            if (!await db.OperatorBusinesses.AnyAsync(o => o.UserId == operatorId))
            {
                db.OperatorBusinesses.Add(new Shian.Accounts.OperatorBusiness { UserId = operatorId, BusinessId = mine });
                await db.SaveChangesAsync();
            }
        }
        using var operatorClient = await factory.SignedInAsync("operator");
        var home = await operatorClient.GetStringAsync("/operator");
        Assert.Contains("山里人家农家院", home);
        Assert.DoesNotContain("鑫源超市", home);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/businesses/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/businesses/{other}")).StatusCode);
        // The staff list is not the operator's.
        Assert.Contains("/account/access-denied", (await operatorClient.GetAsync("/businesses")).Headers.Location?.OriginalString);
    }

    private async Task EnsureSampleAsync()
    {
        if (await factory.QueryAsync(db => db.Businesses.AnyAsync(b => b.CreditCode == "91120119AY4CL12THD")))
        {
            return;
        }
        await using var scope = factory.Services.CreateAsyncScope();
        var (imported, errors) = await BusinessImport.ImportAsync(scope.ServiceProvider.GetRequiredService<ShianDb>(), Encoding.UTF8.GetBytes(Sample), "s.csv", false, TimeProvider.System);
        Assert.Empty(errors);
        Assert.Equal(4, imported);
    }
}

/// <summary>The registry import through the web, on a database of its own (it counts what is stored).</summary>
public sealed class RegistryImportTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    private static async Task<HttpResponseMessage> CheckAsync(HttpClient client, string csv) =>
        await client.PostFilesAsync("/businesses/import", [], [("Upload", "主体.csv", Encoding.UTF8.GetBytes(csv))], "/businesses/import?handler=Check");

    [Fact]
    public async Task A_file_with_a_bad_row_stores_nothing_and_the_fixed_file_imports_after_confirmation()
    {
        using var department = await factory.SignedInAsync("department");
        var bad = await CheckAsync(department, Sample.Replace("92120119J3Y7LLJY18", "92120119J3Y7LLJY1B", StringComparison.Ordinal));
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("有 1 处错误，文件未导入", badHtml);
        Assert.Matches(new Regex(@"<td class=""num"">4</td><td>统一社会信用代码</td><td>校验位应为“8”"), badHtml);
        Assert.DoesNotContain("confirm-import", badHtml);

        var good = await CheckAsync(department, Sample);
        var goodHtml = await good.Content.ReadAsStringAsync();
        Assert.Contains("全部检查通过", goodHtml);
        Assert.Equal(0, await factory.QueryAsync(db => db.Businesses.CountAsync())); // checked, not yet stored
        var draft = Regex.Match(goodHtml, "name=\"Draft\" value=\"([^\"]+)\"").Groups[1].Value;

        // Another user cannot confirm someone else's checked file.
        using var office = await factory.SignedInAsync("office");
        var stolen = await office.PostFormAsync("/businesses/import", new() { ["Draft"] = draft }, "/businesses/import?handler=Confirm");
        Assert.Contains("待导入的文件已不存在", await stolen.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await office.GetAsync($"/files/{draft}")).StatusCode);

        var confirmed = await department.PostFormAsync("/businesses/import", new() { ["Draft"] = draft }, "/businesses/import?handler=Confirm");
        Assert.Contains("已导入 4 个主体", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(4, await factory.QueryAsync(db => db.Businesses.CountAsync()));
        Assert.False(await factory.QueryAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerKind == Shian.Common.FileOwners.BusinessImport)));

        // The same file again: every row is already registered.
        Assert.Contains("系统中已有该代码的主体", await (await CheckAsync(department, Sample)).Content.ReadAsStringAsync());

        // Missing columns and a renamed binary are refused as files.
        Assert.Contains("缺少必填列", await (await CheckAsync(department, "名称,地址\n甲,乙")).Content.ReadAsStringAsync());
        var binary = await department.PostFilesAsync("/businesses/import", [], [("Upload", "主体.xlsx", "MZ\u0090\0program"u8.ToArray())], "/businesses/import?handler=Check");
        Assert.Contains("内容不是 Excel 工作簿", await binary.Content.ReadAsStringAsync());
    }
}
