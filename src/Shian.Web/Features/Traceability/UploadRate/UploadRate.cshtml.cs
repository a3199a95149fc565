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
        return Export.Of(Rows)
            .Column("Trace.Business", r => r.BusinessName).Column("Trace.Township", r => Townships.GetValueOrDefault(r.TownshipId, ""))
            .Column("Trace.Frequency", r => l["ReportingFrequency." + r.Frequency].Value).Column("Trace.From", r => r.From.ToString("yyyy-MM-dd"))
            .Column("Trace.To", r => r.To?.ToString("yyyy-MM-dd") ?? "").Column("Trace.LastReport", r => r.LastReport is { } t ? Display.Instant(t) : "")
            .Column("Trace.PeriodsRequired", r => r.PeriodsRequired).Column("Trace.PeriodsMissed", r => r.PeriodsMissed).Column("Trace.Rate", r => r.Rate)
            .Xlsx(l, $"{l["Trace.UploadRateTitle"]}.xlsx", l["Trace.UploadRateTitle"]);
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
