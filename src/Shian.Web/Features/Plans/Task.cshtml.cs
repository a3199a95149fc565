using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Plans;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Plans;

/// <summary>
/// One task: its text, each unit's part, its targets and the progress reports. A unit with a part files its report for
/// a period; the food-safety office accepts or returns it. Missing reports past their due date are flagged.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes)]
public class TaskModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ReportInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Report.Period")]
        public string Period { get; set; } = "";

        public ReportKind Kind { get; set; } = ReportKind.Progress;
        public TaskProgress Progress { get; set; } = TaskProgress.InProgress;

        [Range(0, 100, ErrorMessage = "Validation.Range")]
        [Display(Name = "Report.Percent")]
        public int PercentDone { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(4000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Report.Text")]
        public string Text { get; set; } = "";
    }

    public sealed record Part(Guid UnitId, string Unit, ResponsibilityRole Role, string Text);

    public sealed record ReportRow(Guid Id, string Unit, ReportKind Kind, string Period, TaskProgress Progress, int PercentDone, string Text,
        DateTime SubmittedAt, string SubmittedBy, ReportReview Review, string ReviewComment, string? Township = null);

    /// <summary>Where a unit stands for a period: accepted, pending, returned, overdue or not yet due.</summary>
    public sealed record Cell(string Unit, string Period, string State);

    public PlanTask? Work { get; private set; }
    public Plan? Plan { get; private set; }
    public IReadOnlyList<Part> Parts { get; private set; } = [];
    public IReadOnlyList<ReportRow> Reports { get; private set; } = [];
    public IReadOnlyList<Cell> Status { get; private set; } = [];
    public IReadOnlyList<ReportSchedule.Period> OpenPeriods { get; private set; } = [];
    public bool CanReport { get; private set; }
    public bool CanReview { get; private set; }
    public bool IsTownship { get; private set; }

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>Attachments of the report being filed (minutes, photos, spreadsheets).</summary>
    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public sealed record FileLink(Guid Id, Guid OwnerId, string Name, long Length);

    public IReadOnlyList<FileLink> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReportAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!CanReport)
        {
            return Forbid();
        }
        if (!OpenPeriods.Any(p => p.Name == Input.Period))
        {
            ModelState.AddModelError("Input.Period", l["Validation.Invalid", l["Report.Period"]]);
        }
        if (Input.Kind == ReportKind.TownshipToDistrict && !IsTownship)
        {
            ModelState.AddModelError("Input.Kind", l["Report.TownshipOnly"]);
        }
        if (!Enum.IsDefined(Input.Progress) || !Enum.IsDefined(Input.Kind))
        {
            ModelState.AddModelError("Input.Progress", l["Validation.Invalid", l["Report.Progress"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var scope = await user.ScopeAsync();
        var report = new TaskReport
        {
            TaskId = id, UnitId = (await user.WorkingUnitAsync())!.Value,
            TownshipId = scope.Level == Shian.Accounts.AccessLevel.Township ? scope.TownshipId : null, Kind = Input.Kind, Period = Input.Period, Progress = Input.Progress,
            PercentDone = Input.Progress == TaskProgress.Completed ? 100 : Input.PercentDone, Text = Input.Text.Trim(),
            SubmittedAt = clock.GetUtcNow().UtcDateTime, SubmittedBy = user.Name,
        };
        db.TaskReports.Add(report);
        var files = await Uploads.ReadAsync(Files, FileOwners.TaskReport, report.Id, user.Name, report.SubmittedAt, ModelState, l, nameof(Files), HttpContext.RequestAborted);
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear(); // the report and its files are filed together or not at all
            return Page();
        }
        db.StoredFiles.AddRange(files);
        await db.SaveChangesAsync();
        return Redirect(PlansRoutes.Task(id));
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, Guid reportId) => ReviewAsync(id, reportId, accept: true);

    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid reportId) => ReviewAsync(id, reportId, accept: false);

    private async Task<IActionResult> ReviewAsync(Guid id, Guid reportId, bool accept)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        var report = await db.TaskReports.FirstOrDefaultAsync(r => r.Id == reportId && r.TaskId == id);
        if (report is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = accept ? report.Accept(Comment ?? "", user.Name, now) : report.Return(Comment ?? "", user.Name, now);
        if (refusal is not null)
        {
            await LoadAsync(id);
            ModelState.AddProblem(nameof(Comment), refusal, l);
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect(PlansRoutes.Task(id));
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Work = await db.PlanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
        if (Work is null)
        {
            return false;
        }
        Plan = await db.Plans.AsNoTracking().Where(p => p.Id == Work.PlanId)
            .Select(p => new Plan { Id = p.Id, Year = p.Year, Title = p.Title, ReportFrequency = p.ReportFrequency, ReportDueDays = p.ReportDueDays })
            .SingleAsync();
        Work.Indicators = await db.PlanIndicators.AsNoTracking().Where(i => i.TaskId == id).OrderBy(i => i.Order).ToListAsync();
        Parts = await db.TaskResponsibilities.AsNoTracking().Where(r => r.TaskId == id).OrderBy(r => r.Order)
            .Select(r => new Part(r.UnitId, r.Unit!.Name, r.Role, r.Text)).ToListAsync();
        Reports = await db.TaskReports.AsNoTracking().Where(r => r.TaskId == id)
            .OrderByDescending(r => r.Period).ThenByDescending(r => r.SubmittedAt)
            .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new ReportRow(r.Id, u.Name, r.Kind, r.Period, r.Progress, r.PercentDone, r.Text, r.SubmittedAt, r.SubmittedBy, r.Review, r.ReviewComment,
                db.Townships.Where(t => t.Id == r.TownshipId).Select(t => t.Name).FirstOrDefault()))
            .ToListAsync();
        var reportIds = Reports.Select(r => r.Id).ToList();
        Attachments = await db.StoredFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwners.TaskReport && reportIds.Contains(f.OwnerId))
            .OrderBy(f => f.FileName).Select(f => new FileLink(f.Id, f.OwnerId, f.FileName, f.Length)).ToListAsync();

        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var schedule = Plan.Schedule;
        OpenPeriods = schedule.Periods().Where(p => p.Start <= today).ToList();
        var workingUnit = await user.WorkingUnitAsync();
        CanReport = workingUnit is { } unit && Parts.Any(p => p.UnitId == unit);
        IsTownship = (await user.ScopeAsync()).Level == Shian.Accounts.AccessLevel.Township;
        CanReview = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;

        var owing = Parts.Where(p => ReportSchedule.OwesReports(p.Role)).Select(p => p.Unit).Distinct();
        Status = owing.SelectMany(unit => schedule.Periods().Select(period =>
        {
            var latest = Reports.Where(r => r.Unit == unit && r.Period == period.Name).OrderByDescending(r => r.SubmittedAt).FirstOrDefault();
            return new Cell(unit, period.Name, ReportSchedule.StateOf(latest?.Review, period, today));
        })).ToList();
        return true;
    }
}
