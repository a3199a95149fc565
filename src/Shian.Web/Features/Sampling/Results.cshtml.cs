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

    /// <summary>Chinese names for the workbook (the page uses the localised ones).</summary>
    public static string KindName(SamplingKind kind) => kind switch
    {
        SamplingKind.Supervision => "监督抽检",
        SamplingKind.RiskMonitoring => "风险监测",
        _ => "评价性抽检",
    };

    public static string EnvironmentName(SamplingEnvironment environment) => environment switch
    {
        SamplingEnvironment.Production => "生产",
        SamplingEnvironment.Distribution => "流通",
        SamplingEnvironment.Catering => "餐饮",
        _ => "网络",
    };

    public static string StatusName(SampleStatus status) => status switch
    {
        SampleStatus.Draft => "草稿",
        SampleStatus.Submitted => "已抽样",
        SampleStatus.Received => "已接收",
        SampleStatus.Tested => "已检验",
        _ => "已出具报告",
    };

    private async Task LoadAsync(int? year)
    {
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Year = year is >= 2000 and <= 2100 ? year.Value : today.Year;
        var scope = await user.ScopeAsync();
        Stats = await SampleResultStatistics.ComputeAsync(db, scope, Year, today, HttpContext.RequestAborted);
        Laboratories = await LaboratoryPerformance.ComputeAsync(db, scope, Year, today, HttpContext.RequestAborted);
    }

    public async Task OnGetAsync(int? year) => await LoadAsync(year);

    public async Task<IActionResult> OnGetExportAsync(int? year)
    {
        await LoadAsync(year);
        string[] header = ["分组", "批次", "不合格批次", "合格率(%)"];
        static IReadOnlyList<object?> Row(string label, SampleResultStatistics.Rate r) => [label, r.Batches, r.Failed, r.Percent];
        return ExcelExport.File($"抽检结果统计-{Year}.xlsx",
            new ExcelExport.Sheet("总体", header, [Row("合计", Stats.Total), Row("食用农产品", Stats.Agricultural), Row("食品", Stats.Food)]),
            new ExcelExport.Sheet("按抽检类型", header, Stats.ByKind.Select(r => Row(KindName(Enum.Parse<SamplingKind>(r.Key)), r))),
            new ExcelExport.Sheet("按食品大类", header, Stats.ByCategory.Select(r => Row(r.Key, r))),
            new ExcelExport.Sheet("按抽样环节", header, Stats.ByEnvironment.Select(r => Row(EnvironmentName(Enum.Parse<SamplingEnvironment>(r.Key)), r))),
            new ExcelExport.Sheet("按乡镇街道", header, Stats.ByTownship.Select(r => Row(r.Key, r))),
            new ExcelExport.Sheet("承检机构考核", ["承检机构", "接收样品", "逾期接收", "应出报告", "按时出具", "报告及时率(%)", "当前超期未出报告", "复检批次", "复检合格（原结论被推翻）"],
                Laboratories.Select(l => (IReadOnlyList<object?>)[l.Name, l.Received, l.ReceivedLate, l.ReportsDue, l.ReportsInTime, l.InTimePercent, l.OverdueNow, l.Retested, l.Overturned])));
    }
}
