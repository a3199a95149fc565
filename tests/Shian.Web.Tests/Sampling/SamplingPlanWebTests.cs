using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Data;
using Shian.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// Sampling plans on the web: the office creates one (quota from population × rate), shares it out, gets a warning when the
/// shares do not add up and a refusal with nothing stored for bad numbers; a township's staff read their own share only;
/// the export reads back. The food-category tree is seeded and the office adds below it.
/// </summary>
public sealed class SamplingPlanWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<T> WithDbAsync<T>(Func<ShianDb, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShianDb>());
    }

    private async Task<Guid> CreateAsync(HttpClient office, int year, string name, string population = "795516", string rate = "4")
    {
        var saved = await office.PostFormAsync("/sampling/plans/new", new()
        {
            ["Year"] = year.ToString(), ["Kind"] = nameof(SamplingKind.Supervision), ["Name"] = name, ["Population"] = population, ["PerThousand"] = rate,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await WithDbAsync(db => db.SamplingPlans.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());
        Assert.Equal($"/sampling/plans/{id}?saved=1", saved.Headers.Location!.OriginalString);
        return id;
    }

    [Fact]
    public async Task The_office_creates_a_plan_with_the_quota_of_the_population_and_sees_it_in_the_year()
    {
        using var office = await factory.SignedInAsync("office");
        // The form offers the jurisdiction's population for the year and the default rate.
        var form = await office.GetStringAsync("/sampling/plans/new?year=2020");
        Assert.Contains("value=\"795516\"", form);
        Assert.Contains("value=\"4\"", form);

        var id = await CreateAsync(office, 2020, "2020年监督抽检计划（创建测试）");
        var stored = await WithDbAsync(db => db.SamplingPlans.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((2020, 795_516, 4m, 3183, "office"), (stored.Year, stored.Population, stored.PerThousand, stored.Quota, stored.CreatedBy));
        Assert.Contains("3,183", await office.GetStringAsync($"/sampling/plans/{id}"));
        var list = await office.GetStringAsync("/sampling?year=2020");
        Assert.Contains("2020年监督抽检计划（创建测试）", list);
        Assert.Contains("3,183", list);
        Assert.Contains("href=\"/sampling\"", await office.GetStringAsync("/workbench"));
    }

    [Fact]
    public async Task Bad_numbers_are_refused_by_field_and_nothing_is_stored()
    {
        using var office = await factory.SignedInAsync("office");
        var refused = await office.PostFormAsync("/sampling/plans/new", new()
        {
            ["Year"] = "2021", ["Kind"] = nameof(SamplingKind.RiskMonitoring), ["Name"] = "拒绝测试", ["Population"] = "795,516", ["PerThousand"] = "-4",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("人口：应为大于0的整数", html);
        Assert.Contains("每千人批次：", html);
        Assert.False(await WithDbAsync(db => db.SamplingPlans.AnyAsync(p => p.Name == "拒绝测试")));

        var id = await CreateAsync(office, 2021, "分配拒绝测试");
        var negative = await office.PostFormAsync($"/sampling/plans/{id}", new()
        {
            ["Population"] = "1000", ["PerThousand"] = "4", ["Batches[e_Production]"] = "3", ["Batches[e_Online]"] = "-1",
        });
        Assert.Equal(HttpStatusCode.OK, negative.StatusCode);
        Assert.Contains("网络：分配批次不能为负数。", await negative.Content.ReadAsStringAsync());
        var notNumber = await office.PostFormAsync($"/sampling/plans/{id}", new()
        {
            ["Population"] = "1000", ["PerThousand"] = "4", ["Batches[e_Production]"] = "三",
        });
        Assert.Contains("生产：分配批次应为整数。", await notNumber.Content.ReadAsStringAsync());
        var plan = await WithDbAsync(db => db.SamplingPlans.AsNoTracking().Include(p => p.Allocations).SingleAsync(p => p.Id == id));
        Assert.Equal(795_516, plan.Population);
        Assert.Empty(plan.Allocations);
    }

    [Fact]
    public async Task Allocations_are_stored_a_mismatch_is_a_warning_and_a_township_reads_only_its_own_share()
    {
        using var office = await factory.SignedInAsync("office");
        var id = await CreateAsync(office, 2022, "分配测试", population: "10000", rate: "4");
        var (own, other) = await WithDbAsync(async db =>
        {
            var mine = (await db.Users.SingleAsync(u => u.UserName == "township")).TownshipId!.Value;
            var theirs = await db.Townships.Where(t => t.Id != mine).OrderBy(t => t.Code).Select(t => t.Id).FirstAsync();
            return (mine, theirs);
        });
        var vegetables = await WithDbAsync(db => db.FoodCategories.Where(c => c.Name == "食用农产品").Select(c => c.Id).SingleAsync());

        // Even split proposal: 40 batches over the townships, nothing stored.
        var proposed = await office.PostFormAsync($"/sampling/plans/{id}", new() { ["Population"] = "10000", ["PerThousand"] = "4" },
            $"/sampling/plans/{id}?handler=EvenSplit");
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        Assert.Contains("data-testid=\"proposed\"", await proposed.Content.ReadAsStringAsync());
        Assert.False(await WithDbAsync(db => db.SamplingAllocations.AnyAsync(a => a.PlanId == id)));

        var saved = await office.PostFormAsync($"/sampling/plans/{id}", new()
        {
            ["Population"] = "10000", ["PerThousand"] = "4",
            ["Batches[e_Production]"] = "10", ["Batches[e_Distribution]"] = "20", ["Batches[e_Catering]"] = "8", ["Batches[e_Online]"] = "2",
            [$"Batches[t_{own}]"] = "7", [$"Batches[t_{other}]"] = "5", [$"Batches[c_{vegetables}]"] = "40",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var allocations = await WithDbAsync(db => db.SamplingAllocations.AsNoTracking().Where(a => a.PlanId == id).ToListAsync());
        Assert.Equal(7, allocations.Count);
        Assert.Equal(40, allocations.Where(a => a.Dimension == AllocationDimension.Environment).Sum(a => a.Batches));
        Assert.Equal(7, allocations.Single(a => a.TownshipId == own).Batches);

        // The townships add up to 12 of 40: warned, not refused.
        var page = await office.GetStringAsync($"/sampling/plans/{id}");
        Assert.Contains("按乡镇（街道）分配合计 12 批次，与任务量 40 批次不一致。", page);
        Assert.DoesNotContain("按抽样环节分配合计", page);

        using var township = await factory.SignedInAsync("township");
        var read = await township.GetStringAsync($"/sampling/plans/{id}");
        var ownName = await WithDbAsync(db => db.Townships.Where(t => t.Id == own).Select(t => t.Name).SingleAsync());
        var otherName = await WithDbAsync(db => db.Townships.Where(t => t.Id == other).Select(t => t.Name).SingleAsync());
        Assert.Contains($"data-row=\"{ownName}\"", read);
        Assert.DoesNotContain($"data-row=\"{otherName}\"", read);
        Assert.DoesNotContain("data-testid=\"save\"", read);
        Assert.DoesNotContain("Batches[", read);
        Assert.DoesNotContain("按乡镇（街道）分配合计", read);
        var denied = await township.PostFormAsync("/sampling", new() { ["Population"] = "1", ["PerThousand"] = "1" }, $"/sampling/plans/{id}");
        Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
        Assert.Equal(10000, await WithDbAsync(db => db.SamplingPlans.Where(p => p.Id == id).Select(p => p.Population).SingleAsync()));
        Assert.Contains("/account/access-denied", (await township.GetAsync("/sampling/plans/new")).Headers.Location?.OriginalString);

        // The export: the township's copy holds its own township only; the office's every township.
        var workbook = new MemoryStream(await township.GetByteArrayAsync($"/sampling/plans/{id}?handler=Export"));
        var rows = workbook.Query(useHeaderRow: true, sheetName: "按乡镇（街道）分配").Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(ownName, row["分配对象"]);
        Assert.Equal(7d, Convert.ToDouble(row["分配批次"]));

        var full = new MemoryStream(await office.GetByteArrayAsync($"/sampling/plans/{id}?handler=Export"));
        var facts = full.Query(useHeaderRow: true, sheetName: "抽检计划").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(40d, Convert.ToDouble(facts.Single(f => (string)f["项目"] == "任务量（批次）")["数值"]));
        full.Position = 0;
        var environments = full.Query(useHeaderRow: true, sheetName: "按抽样环节分配").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["生产", "流通", "餐饮", "网络"], environments.Select(e => (string)e["分配对象"]));
        Assert.Equal([10d, 20d, 8d, 2d], environments.Select(e => Convert.ToDouble(e["分配批次"])));
        full.Position = 0;
        var categories = full.Query(useHeaderRow: true, sheetName: "按食品类别分配").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("食用农产品", Assert.Single(categories)["分配对象"]);
        full.Position = 0;
        Assert.True(full.Query(useHeaderRow: true, sheetName: "按乡镇（街道）分配").Count() >= 27);
    }

    [Fact]
    public async Task The_tree_holds_the_33_categories_and_the_office_adds_renames_and_deactivates_below_them()
    {
        Assert.Equal(33, await WithDbAsync(db => db.FoodCategories.CountAsync(c => c.Level == 1)));
        Assert.Equal(7, await WithDbAsync(db => db.FoodCategories.CountAsync(c => c.Level == 2 && c.IsAgricultural)));
        var farm = await WithDbAsync(db => db.FoodCategories.AsNoTracking().SingleAsync(c => c.Name == "食用农产品"));

        using var office = await factory.SignedInAsync("office");
        var bad = await office.PostFormAsync("/sampling/categories", new() { ["ParentId"] = farm.Id.ToString(), ["Code"] = "0199", ["Name"] = "食用菌" },
            "/sampling/categories?handler=Add");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("代码：应为上级代码 32 后加两位数字", await bad.Content.ReadAsStringAsync());
        Assert.False(await WithDbAsync(db => db.FoodCategories.AnyAsync(c => c.Name == "食用菌")));

        var added = await office.PostFormAsync("/sampling/categories", new() { ["ParentId"] = farm.Id.ToString(), ["Code"] = "3290", ["Name"] = "食用菌" },
            "/sampling/categories?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var mushrooms = await WithDbAsync(db => db.FoodCategories.AsNoTracking().SingleAsync(c => c.Code == "3290"));
        Assert.Equal((2, farm.Id, true, "食用菌"), (mushrooms.Level, mushrooms.ParentId, mushrooms.IsAgricultural, mushrooms.Name));

        await office.PostFormAsync("/sampling/categories", new() { ["Id"] = mushrooms.Id.ToString(), ["Name"] = "食用菌（鲜）" }, "/sampling/categories?handler=Rename");
        await office.PostFormAsync("/sampling/categories", new() { ["Id"] = mushrooms.Id.ToString() }, "/sampling/categories?handler=Toggle");
        var changed = await WithDbAsync(db => db.FoodCategories.AsNoTracking().SingleAsync(c => c.Id == mushrooms.Id));
        Assert.Equal(("食用菌（鲜）", false), (changed.Name, changed.Active));
        // The top level is the rules' list: not renamed here.
        Assert.Equal(HttpStatusCode.NotFound, (await office.PostFormAsync("/sampling/categories",
            new() { ["Id"] = farm.Id.ToString(), ["Name"] = "改名" }, "/sampling/categories?handler=Rename")).StatusCode);

        using var township = await factory.SignedInAsync("township");
        var tree = await township.GetStringAsync("/sampling/categories");
        Assert.Contains("食用菌（鲜）", tree);
        Assert.DoesNotContain("handler=Add", tree);
        var denied = await township.PostFormAsync("/sampling/categories", new() { ["Id"] = mushrooms.Id.ToString() }, "/sampling/categories?handler=Toggle");
        Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
        Assert.False(await WithDbAsync(db => db.FoodCategories.Where(c => c.Id == mushrooms.Id).Select(c => c.Active).SingleAsync()));
    }
}
