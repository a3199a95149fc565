using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;

namespace Shian.Web.Tests.Organization;

/// <summary>Administrators edit the jurisdiction, its townships, units and calendar; bad input is named and stores nothing.</summary>
public sealed class OrganizationAdminTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{

    [Fact]
    public async Task A_township_is_added_and_audited_and_a_bad_one_is_refused_by_field()
    {
        using var admin = await factory.SignedInAsync("admin");
        var bad = await admin.PostFormAsync("/admin/townships/edit", new() { ["Input.Code"] = "12011", ["Input.Name"] = "", ["Input.Kind"] = "镇" });
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("区划代码应为 9 位数字", html);
        Assert.Contains("请填写名称", html);

        var taken = await admin.PostFormAsync("/admin/townships/edit", new() { ["Input.Code"] = "120119001", ["Input.Name"] = "重名", ["Input.Kind"] = "街道" });
        Assert.Contains("区划代码 120119001 已存在", await taken.Content.ReadAsStringAsync());

        var ok = await admin.PostFormAsync("/admin/townships/edit", new()
        {
            ["Input.Code"] = "120119130", ["Input.Name"] = "新城街道", ["Input.Kind"] = "街道", ["Input.IsTownship"] = "true", ["Input.Active"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var township = await factory.QueryAsync(db => db.Townships.SingleAsync(t => t.Code == "120119130"));
        Assert.Equal("新城街道", township.Name);
        Assert.Equal(7, township.Id.Version);
        var audit = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Entity == "Township" && a.EntityId == township.Id.ToString()));
        Assert.Equal("admin", audit.Actor);
        Assert.False(await factory.QueryAsync(db => db.Townships.AnyAsync(t => t.Name == "重名" || t.Code == "12011")));

        var list = await admin.GetStringAsync("/admin/townships?q=新城");
        Assert.Contains("120119130", list);
        Assert.DoesNotContain("120119001", list);
        var csv = await admin.GetByteArrayAsync("/admin/townships?handler=Export");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        Assert.Contains("120119130,新城街道,街道,1,1", System.Text.Encoding.UTF8.GetString(csv));
    }

    [Fact]
    public async Task A_unit_name_must_be_unique_and_aliases_are_normalised()
    {
        using var admin = await factory.SignedInAsync("admin");
        var duplicate = await admin.PostFormAsync("/admin/units/edit", new() { ["Input.Name"] = "区市场监管局", ["Input.Kind"] = "Department" });
        Assert.Contains("单位“区市场监管局”已存在", await duplicate.Content.ReadAsStringAsync());

        var id = await factory.QueryAsync(db => db.Units.Where(u => u.Name == "区卫生健康委").Select(u => u.Id).SingleAsync());
        var edited = await admin.PostFormAsync($"/admin/units/edit/{id}", new()
        {
            ["Input.Name"] = "区卫生健康委", ["Input.Kind"] = "Department", ["Input.Aliases"] = "区卫健委, 卫健委，区卫生局", ["Input.Active"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("区卫健委、卫健委、区卫生局", await factory.QueryAsync(db => db.Units.Where(u => u.Id == id).Select(u => u.Aliases).SingleAsync()));
    }

    [Fact]
    public async Task The_population_of_a_year_is_set_and_validated()
    {
        using var admin = await factory.SignedInAsync("admin");
        var bad = await admin.PostFormAsync("/admin/jurisdiction", new() { ["Population.Year"] = "2021", ["Population.Population"] = "-5" }, action: "/admin/jurisdiction?handler=SetPopulation");
        Assert.Contains("常住人口应在 1 到 100000000 之间", await bad.Content.ReadAsStringAsync());
        var notNumber = await admin.PostFormAsync("/admin/jurisdiction", new() { ["Population.Year"] = "今年", ["Population.Population"] = "1" }, action: "/admin/jurisdiction?handler=SetPopulation");
        Assert.Contains("不是有效的", await notNumber.Content.ReadAsStringAsync());

        var ok = await admin.PostFormAsync("/admin/jurisdiction", new() { ["Population.Year"] = "2021", ["Population.Population"] = "790000", ["Population.Source"] = "统计年鉴" }, action: "/admin/jurisdiction?handler=SetPopulation");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var populations = await factory.QueryAsync(db => db.JurisdictionPopulations.OrderBy(p => p.Year).Select(p => new { p.Year, p.Population }).ToListAsync());
        Assert.Equal([2020, 2021], populations.Select(p => p.Year));
        Assert.Equal(790000, populations[1].Population);
    }

    [Fact]
    public async Task Calendar_lines_are_stored_all_together_or_not_at_all()
    {
        using var admin = await factory.SignedInAsync("admin");
        var mixed = await admin.PostFormAsync("/admin/calendar", new()
        {
            ["Lines"] = "2022-01-01,holiday,元旦\n2022-01-04,workday,周二不是周末\n2022/01/29,workday,春节调休\n2022-01-30,休假,春节调休",
        }, action: "/admin/calendar?handler=Add&year=2022");
        var html = await mixed.Content.ReadAsStringAsync();
        Assert.Contains("第 2 行：2022-01-04 不是周末", html);
        Assert.Contains("第 3 行：日期应写作 yyyy-MM-dd", html);
        Assert.Contains("第 4 行：类别“休假”应为 holiday 或 workday", html);
        Assert.False(await factory.QueryAsync(db => db.CalendarDays.AnyAsync(d => d.Date.Year == 2022)));

        var ok = await admin.PostFormAsync("/admin/calendar", new() { ["Lines"] = "2022-01-01,holiday,元旦\n2022-01-29,workday,春节调休" }, action: "/admin/calendar?handler=Add&year=2022");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var inspector = await factory.SignedInAsync("inspector");
        // Friday 2022-01-28 + 1 working day is the adjusted Saturday 2022-01-29.
        var deadline = await inspector.GetFromJsonAsync<JsonElement>("/api/calendar/add-working-days?start=2022-01-28&days=1");
        Assert.Equal("2022-01-29", deadline.GetProperty("result").GetString());
        Assert.Equal(CalendarDayKind.AdjustedWorkday, await factory.QueryAsync(db => db.CalendarDays.Where(d => d.Date == new DateOnly(2022, 1, 29)).Select(d => d.Kind).SingleAsync()));
    }

    [Fact]
    public async Task The_audit_page_filters_and_verifies_the_chain()
    {
        using var admin = await factory.SignedInAsync("admin");
        var page = await admin.GetStringAsync("/admin/audit?entity=Township&action=Insert");
        Assert.Contains("文昌街道", page);
        Assert.DoesNotContain("区市场监管局", page);
        var verified = await admin.PostFormAsync("/admin/audit", new(), action: "/admin/audit?handler=Verify");
        Assert.Contains("data-testid=\"audit-intact\"", await verified.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_see_their_scope()
    {
        foreach (var (user, level, named) in new[] { ("township", "Township", "文昌街道"), ("department", "Unit", "区市场监管局"), ("office", "Jurisdiction", "全辖区") })
        {
            using var client = await factory.SignedInAsync(user);
            var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
            Assert.Equal(level, me.GetProperty("accessLevel").GetString());
            Assert.Contains(named, await client.GetStringAsync("/workbench"));
        }
    }
}
