using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 抽检结果统计: a year's reported samples in the user's scope — batches, failures and pass rate in total, 农产品 and
/// 食品 apart, by kind, top-level category, environment and township — on the page and as a workbook.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class ResultsModel(ShianDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    public SampleResultStatistics.Result Stats { get; private set; } = null!;
    public int Year { get; private set; }
    public IReadOnlyList<LaboratoryPerformance.Row> Laboratories { get; private set; } = [];

    private async Task LoadAsync(int? year)
    {
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Year = year is >= 2000 and <= 2100 ? year.Value : today.Year;
        var scope = await user.ScopeAsync();
        Stats = await SampleResultStatistics.ComputeAsync(db, scope, Year, today, HttpContext.RequestAborted);
        Laboratories = await LaboratoryPerformance.ComputeAsync(db, scope, Year, today, HttpContext.RequestAborted);
    }

    public async Task OnGetAsync(int? year) => await LoadAsync(year);

    public async Task<IActionResult> OnGetExportAsync(int? year, [FromServices] Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    {
        await LoadAsync(year);
        ExcelExport.Sheet Rates(string name, IEnumerable<(string Group, SampleResultStatistics.Rate Rate)> groups) => Export.Of(groups)
            .Column("SampleResults.Export.Group", g => g.Group).Column("SampleResults.Batches", g => g.Rate.Batches)
            .Column("SampleResults.Export.FailedBatches", g => g.Rate.Failed).Column("SampleResults.Export.PassRate", g => g.Rate.Percent)
            .Sheet(l, name);
        var labs = Export.Of(Laboratories)
            .Column("Sample.Laboratory", x => x.Name).Column("SampleResults.Lab.Received", x => x.Received).Column("SampleResults.Lab.ReceivedLate", x => x.ReceivedLate)
            .Column("SampleResults.Lab.ReportsDue", x => x.ReportsDue).Column("SampleResults.Export.ReportsInTime", x => x.ReportsInTime)
            .Column("SampleResults.Export.InTimeRate", x => x.InTimePercent).Column("SampleResults.Export.OverdueNow", x => x.OverdueNow)
            .Column("SampleResults.Lab.Retested", x => x.Retested).Column("SampleResults.Export.Overturned", x => x.Overturned);
        return Export.Xlsx($"{l["SampleResults.Title"].Value}-{Year}.xlsx",
            Rates(l["SampleResults.Overall"], [(l["SampleResults.Total"].Value, Stats.Total), (l["SampleResults.Agricultural"].Value, Stats.Agricultural), (l["SampleResults.Food"].Value, Stats.Food)]),
            Rates(l["SampleResults.Export.ByKind"], Stats.ByKind.Select(r => (l.Term(Enum.Parse<SamplingKind>(r.Key)), r))),
            Rates(l["Sampling.ByCategory"], Stats.ByCategory.Select(r => (r.Key, r))),
            Rates(l["Sampling.ByEnvironment"], Stats.ByEnvironment.Select(r => (l.Term(Enum.Parse<SamplingEnvironment>(r.Key)), r))),
            Rates(l["Sampling.ByTownship"], Stats.ByTownship.Select(r => (r.Key, r))),
            labs.Sheet(l, l["SampleResults.Labs"]));
    }
}
