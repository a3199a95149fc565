using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 不合格食品核查处置: the failure cases the user may see, filtered by status, overdue and township, with the year's
/// completion rate and an xlsx export. Reading only: a case opens when its report is recorded
/// (<see cref="SampleResults.RecordReportAsync"/>).
/// </summary>
[Authorize(Policy = Policies.SampleFailures)]
public class FailuresModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Number, string SampleName, string Business, string Township, DateOnly ServedOn, DateOnly Deadline,
        string StatusKey, bool Overdue, bool Late, ReinspectionStatus Reinspection, ObjectionStatus Objection);
    public sealed record Option(Guid Id, string Name);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Option> Townships { get; private set; } = [];
    public decimal? Completion { get; private set; }
    public int OverdueCount { get; private set; }
    public DateOnly Today { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }

    /// <summary>The resource key of a case's status as people say it: 复检合格，撤销 rather than "withdrawn".</summary>
    public static string StatusKey(SampleFailure f) => f.Status switch
    {
        SampleFailureStatus.Withdrawn when f.Reinspection == ReinspectionStatus.Passed => "SampleFailureStatus.WithdrawnReinspection",
        SampleFailureStatus.Withdrawn => "SampleFailureStatus.WithdrawnObjection",
        _ => "SampleFailureStatus." + f.Status,
    };

    public async Task OnGetAsync() => Rows = await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await LoadAsync();
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Export.Of(rows)
            .Column("Sample.Number", r => r.Number).Column("Sample.SampleName", r => r.SampleName).Column("Registry.Name", r => r.Business)
            .Column("Registry.Township", r => r.Township).Column("Failure.ServedOn", r => Day(r.ServedOn)).Column("Failure.DisposalDeadline", r => Day(r.Deadline))
            .Column("Failure.Status", r => l[r.StatusKey].Value).Column("Failure.Reinspection", r => l["ReinspectionStatus." + r.Reinspection].Value)
            .Column("Failure.Objection", r => l["ObjectionStatus." + r.Objection].Value)
            .Column("Failure.Overdue", r => r.Overdue ? l["Failure.Overdue"].Value : r.Late ? l["Failure.Late"].Value : "")
            .Xlsx(l, $"{l["Nav.SampleFailures"]}.xlsx", l["Nav.SampleFailures"]);
    }

    private async Task<List<Row>> LoadAsync()
    {
        var now = ShianTime.UtcNow(clock);
        Today = ShianTime.LocalDate(now);
        var scope = await user.ScopeAsync();
        var visible = db.SampleFailures.AsNoTracking().VisibleTo(scope);
        Completion = await SampleFailures.DisposalCompletionAsync(db, scope, Today, HttpContext.RequestAborted);
        var today = Today;
        OverdueCount = await visible.CountAsync(f => f.Status == SampleFailureStatus.Disposing && f.DisposalDeadline < today, HttpContext.RequestAborted);
        Townships = await db.Townships.AsNoTracking().Where(t => visible.Any(f => f.TownshipId == t.Id)).OrderBy(t => t.Code)
            .Select(t => new Option(t.Id, t.Name)).ToListAsync(HttpContext.RequestAborted);
        var query = visible;
        if (Enum.TryParse<SampleFailureStatus>(Status, out var status))
        {
            query = query.Where(f => f.Status == status);
        }
        if (Overdue)
        {
            query = query.Where(f => f.Status == SampleFailureStatus.Disposing && f.DisposalDeadline < today);
        }
        if (Township is { } township)
        {
            query = query.Where(f => f.TownshipId == township);
        }
        var cases = await query.OrderByDescending(f => f.NoticeServedOn).ThenByDescending(f => f.CreatedAt).Take(1000).ToListAsync(HttpContext.RequestAborted);
        var names = Townships.ToDictionary(t => t.Id, t => t.Name);
        return cases.Select(f => new Row(f.Id, f.SampleNumber, f.SampleName, f.BusinessName, names.GetValueOrDefault(f.TownshipId, ""), f.NoticeServedOn,
            f.DisposalDeadline, StatusKey(f), f.IsOverdue(today), f.CompletedLate, f.Reinspection, f.Objection)).ToList();
    }
}
