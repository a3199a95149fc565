using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Sampling;
using Shian.Tests.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// The exports: the samples list with its filters, the year's plans, the category tree and the results statistics, each
/// an .xlsx workbook with Chinese column names and the rows the page shows; the results page itself.
/// </summary>
public sealed class SamplingExportTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<List<IDictionary<string, object?>>> SheetAsync(HttpClient client, string url, string? sheet = null)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task Lists_export_to_xlsx_with_their_rows_and_the_results_page_shows_the_rates()
    {
        const int year = 2019;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
            var business = await db.Businesses.OrderBy(b => b.Name).FirstAsync();
            var lab = await db.Units.Where(u => u.Kind == UnitKind.Laboratory).Select(u => u.Id).FirstAsync();
            var produce = await db.FoodCategories.SingleAsync(c => c.Name == "食用农产品");
            db.SamplingPlans.Add(new SamplingPlan { Year = year, Kind = SamplingKind.Supervision, Name = "2019年监督抽检", Population = 100000, CreatedAt = DateTime.UtcNow, CreatedBy = "test" });
            var n = 0;
            Sample Form(SamplingKind kind, SampleConclusion conclusion) => new SampleBuilder(new Sample
            {
                BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name, SampleName = "韭菜", FoodCategoryCode = produce.Code,
                SampledOn = new DateOnly(year, 4, 1), Kind = kind, Environment = SamplingEnvironment.Distribution, LaboratoryId = lab, SamplingUnitId = lab,
                Number = $"JZ-{year}-{++n:D6}", CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            }).To(SampleStatus.Reported, conclusion).Sample;
            SampleBuilder.AddTo(db, Form(SamplingKind.Supervision, SampleConclusion.Passed), Form(SamplingKind.Supervision, SampleConclusion.Failed),
                Form(SamplingKind.Supervision, SampleConclusion.Passed), Form(SamplingKind.RiskMonitoring, SampleConclusion.Passed));
            await db.SaveChangesAsync();
        }
        using var office = await factory.SignedInAsync("office");

        // The samples list with its filter: the three supervision samples only, verdicts in Chinese.
        var samples = await SheetAsync(office, "/sampling/samples?handler=Export&kind=Supervision");
        var mine = samples.Where(r => (r["抽样单编号"]?.ToString() ?? "").StartsWith($"JZ-{year}-")).ToList();
        Assert.Equal([$"JZ-{year}-000001", $"JZ-{year}-000002", $"JZ-{year}-000003"], mine.Select(r => r["抽样单编号"]!.ToString()).Order());
        Assert.Equal(["不合格", "合格", "合格"], mine.Select(r => r["检验结论"]!.ToString()).Order());
        Assert.All(mine, r => Assert.Equal("监督抽检", r["抽检类型"]));
        Assert.Contains("data-testid=\"export\"", await office.GetStringAsync("/sampling/samples?kind=Supervision"));

        // The year's plans.
        var plans = await SheetAsync(office, $"/sampling?handler=Export&year={year}");
        var plan = Assert.Single(plans);
        Assert.Equal(("2019年监督抽检", "监督抽检", 400d, 3d), (plan["计划"], plan["抽检类型"], Convert.ToDouble(plan["任务量（批次）"]), Convert.ToDouble(plan["已抽样（批次）"])));

        // The category tree: the 33 top-level categories and the starter sub-categories under their parents.
        var tree = await SheetAsync(office, "/sampling/categories?handler=Export");
        Assert.Equal(33, tree.Count(r => (string?)r["级别"] == "大类"));
        var vegetables = tree.Single(r => (string?)r["名称"] == "蔬菜");
        Assert.Equal(("32", "是"), ((string)vegetables["上级代码"]!, (string)vegetables["食用农产品"]!));

        // The results statistics: 3 of 4 passed, by kind 2 of 3 and 1 of 1.
        var overall = await SheetAsync(office, $"/sampling/results?handler=Export&year={year}", "总体");
        Assert.Equal((4d, 1d, 75d), (Convert.ToDouble(overall[0]["批次"]), Convert.ToDouble(overall[0]["不合格批次"]), Convert.ToDouble(overall[0]["合格率(%)"])));
        var byKind = (await SheetAsync(office, $"/sampling/results?handler=Export&year={year}", "按抽检类型")).ToDictionary(r => (string)r["分组"]!);
        Assert.Equal(66.7d, Convert.ToDouble(byKind["监督抽检"]["合格率(%)"]));
        Assert.Equal(100d, Convert.ToDouble(byKind["风险监测"]["合格率(%)"]));
        var page = await office.GetStringAsync($"/sampling/results?year={year}");
        Assert.Contains("75.0%", page);
        Assert.Contains("data-testid=\"by-township\"", page);

        // An operator is not staff: no statistics page.
        using var operatorClient = await factory.SignedInAsync("operator");
        var denied = await operatorClient.GetAsync($"/sampling/results?year={year}");
        Assert.Contains("access-denied", denied.Headers.Location?.OriginalString ?? denied.StatusCode.ToString());
    }
}
