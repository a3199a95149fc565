using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Plans;

/// <summary>
/// One plan: its tasks with the units that lead, cooperate or answer for them, and the table of its targets. A unit's
/// staff see first the tasks their unit has a part in.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class PlanModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record UnitPart(Guid UnitId, string Name, ResponsibilityRole Role);

    public sealed record TaskRow(Guid Id, int Number, string Section, string Title, IReadOnlyList<UnitPart> Units, int Indicators);

    public sealed record IndicatorRow(int Task, string Subject, string Target, IndicatorKind Kind, string? Metric, string? Owner);

    public Plan? Header { get; private set; }
    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    public IReadOnlyList<IndicatorRow> Indicators { get; private set; } = [];

    /// <summary>The unit whose tasks are shown when "mine" is on: the user's own unit, or 各乡镇街 for township officers.</summary>
    public Guid? MyUnit { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    /// <summary>The office sets the reporting schedule here (quarterly, 10 days after the period by default).</summary>
    public bool CanSetSchedule { get; private set; }

    [BindProperty] public ReportFrequency Frequency { get; set; }
    [BindProperty] public int DueDays { get; set; }

    public async Task<IActionResult> OnPostScheduleAsync(Guid id)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == id);
        if (plan is null)
        {
            return NotFound();
        }
        var filed = await db.TaskReports.AnyAsync(r => db.PlanTasks.Any(t => t.Id == r.TaskId && t.PlanId == id));
        if (plan.ChangeSchedule(Frequency, DueDays, filed) is { } refusal)
        {
            ModelState.AddProblem(nameof(Frequency), refusal, l);
            return await OnGetAsync(id);
        }
        await db.SaveChangesAsync();
        return Redirect(PlansRoutes.Plan(id));
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Header = await db.Plans.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new Plan
            {
                Id = p.Id, Year = p.Year, Title = p.Title, Issuer = p.Issuer, IssuedDate = p.IssuedDate, Revision = p.Revision, ImportedAt = p.ImportedAt,
                ReportFrequency = p.ReportFrequency, ReportDueDays = p.ReportDueDays,
            })
            .FirstOrDefaultAsync();
        if (Header is null)
        {
            return NotFound();
        }

        MyUnit = await user.WorkingUnitAsync();
        CanSetSchedule = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        if (ModelState.IsValid)
        {
            (Frequency, DueDays) = (Header.ReportFrequency, Header.ReportDueDays);
        }

        var tasks = db.PlanTasks.AsNoTracking().Where(t => t.PlanId == id);
        if (Mine && MyUnit is { } mine)
        {
            tasks = tasks.Where(t => t.Responsibilities.Any(r => r.UnitId == mine));
        }
        var rows = await tasks.OrderBy(t => t.Section).ThenBy(t => t.Number)
            .Select(t => new
            {
                t.Id, t.Number, t.Section, t.Title,
                Units = t.Responsibilities.OrderBy(r => r.Order).Select(r => new UnitPart(r.UnitId, r.Unit!.Name, r.Role)).ToList(),
                Indicators = t.Indicators.OrderBy(i => i.Order).Select(i => new { i.Subject, i.Comparator, i.Value, i.Unit, i.Kind, i.Metric, i.OwnerUnitId }).ToList(),
            })
            .ToListAsync();
        // Sections keep the document's order: the order of their first task.
        var sectionOrder = rows.GroupBy(r => r.Section).Select(g => g.Key).ToList();
        Tasks = rows.Select(r => new TaskRow(r.Id, r.Number, r.Section, r.Title, r.Units, r.Indicators.Count)).ToList();
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name);
        Indicators = rows.SelectMany(r => r.Indicators.Select(i => new IndicatorRow(r.Number, i.Subject,
                $"{i.Comparator} {i.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}{i.Unit}",
                i.Kind, i.Metric, i.OwnerUnitId is { } o && unitNames.TryGetValue(o, out var n) ? n : null)))
            .ToList();
        return Page();
    }
}
