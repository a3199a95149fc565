using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// 追溯数据上传: the required (node) businesses the user may see, with their last upload, periods missed and rate this
/// year; silent ones first. Township staff see their township only. Exported as xlsx.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class UploadRateModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public bool SilentOnly { get; set; }

    public IReadOnlyList<TraceReporting.Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Townships { get; private set; } = new Dictionary<Guid, string>();
    public decimal? Rate { get; private set; }
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        var header = new[] { l["Trace.Business"].Value, l["Trace.Township"].Value, l["Trace.Frequency"].Value, l["Trace.From"].Value, l["Trace.To"].Value,
            l["Trace.LastReport"].Value, l["Trace.PeriodsRequired"].Value, l["Trace.PeriodsMissed"].Value, l["Trace.Rate"].Value };
        return ExcelExport.File($"{l["Trace.UploadRateTitle"]}.xlsx", new ExcelExport.Sheet(l["Trace.UploadRateTitle"], header, Rows.Select(r => (IReadOnlyList<object?>)
        [
            r.BusinessName, Townships.GetValueOrDefault(r.TownshipId, ""), l["ReportingFrequency." + r.Frequency].Value, r.From.ToString("yyyy-MM-dd"),
            r.To?.ToString("yyyy-MM-dd") ?? "", r.LastReport is { } t ? Display.Instant(t) : "", r.PeriodsRequired, r.PeriodsMissed, r.Rate,
        ])));
    }

    private async Task LoadAsync()
    {
        var scope = await user.ScopeAsync(HttpContext.RequestAborted);
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var townships = db.Townships.AsNoTracking();
        if (scope.Level == Shian.Accounts.AccessLevel.Township)
        {
            townships = townships.Where(t => t.Id == scope.TownshipId);
        }
        Townships = await townships.OrderBy(t => t.Code).ToDictionaryAsync(t => t.Id, t => t.Name);
        var rows = await TraceReporting.RowsAsync(db, scope, Today, Township);
        Rate = rows.Where(r => r.PeriodsRequired > 0).Select(r => (decimal?)(100m * r.PeriodsReported / r.PeriodsRequired)).Average() is { } avg ? Math.Round(avg, 1) : null;
        Rows = [.. rows.Where(r => !SilentOnly || (r.PeriodsRequired > 0 && r.PeriodsReported < r.PeriodsRequired))
            .OrderBy(r => r.Rate ?? 101).ThenBy(r => r.LastReport ?? DateTime.MinValue).ThenBy(r => r.BusinessName, StringComparer.Ordinal)];
        CanEdit = await HttpContext.MeetsAsync(Policies.TraceRequirements);
    }
}
