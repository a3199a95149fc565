using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints.Analysis;

/// <summary>
/// 投诉举报热点分析: one year's complaints and reports the user may see, by field, handling township or unit, business (top
/// 20) and month, as ECharts bars with the same numbers in tables beside them, and as an .xlsx workbook.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public ComplaintAnalysis.Result Result { get; private set; } = new(0, [], [], [], []);
    public int ThisYear { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        ExcelExport.Sheet Sheet(IReadOnlyList<ComplaintAnalysis.Tally> rows, string labelKey, string name) => Export.Of(rows)
            .Column(labelKey, t => t.Label).Column("ComplaintKind.Complaint", t => t.Complaints).Column("ComplaintKind.Report", t => t.Reports)
            .Column("ComplaintAnalysis.Total", t => t.Total).Sheet(l, name);
        return Export.Xlsx($"complaints-{Result.Year}.xlsx",
            Sheet(Result.ByField, "ComplaintAnalysis.Field", l["ComplaintAnalysis.ByField"]),
            Sheet(Result.ByHandler, "ComplaintAnalysis.Handler", l["ComplaintAnalysis.ByHandler"]),
            Sheet(Result.ByBusiness, "ComplaintAnalysis.Business", l["ComplaintAnalysis.ByBusiness"]),
            Sheet(Result.ByMonth, "ComplaintAnalysis.Month", l["ComplaintAnalysis.ByMonth"]));
    }

    private async Task LoadAsync()
    {
        ThisYear = ShianTime.LocalDate(ShianTime.UtcNow(clock)).Year;
        var year = Year is { } y && y >= 2000 && y <= ThisYear ? y : ThisYear;
        Result = await ComplaintAnalysis.ForYearAsync(db, await user.ScopeAsync(), year, f => l.Term(f));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What the charts draw; the tables carry the same numbers for screen readers and without script.</summary>
    public string ChartData() => JsonSerializer.Serialize(new
    {
        Labels = new { Complaints = l.Term(ComplaintKind.Complaint), Reports = l.Term(ComplaintKind.Report) },
        Field = Result.ByField,
        Handler = Result.ByHandler,
        Business = Result.ByBusiness,
        Month = Result.ByMonth.Select(m => m with { Label = l["ComplaintAnalysis.MonthLabel", int.Parse(m.Label)].Value }),
    }, Json);
}
