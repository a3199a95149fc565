using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Risk;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// 日常监督检查计划: the year's routine inspections from each business's risk grade, spread over the months per township
/// team; coverage per township (planned, due so far, done, overdue) and the overdue visits. The office generates it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class ScheduleModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public sealed record Coverage(Guid TownshipId, string Township, int Businesses, int Planned, int Due, int Done, int Overdue);

    public sealed record OverdueVisit(Guid BusinessId, string Business, string Township, int Month, int Visit, RiskLevel Grade);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<Coverage> Townships { get; private set; } = [];
    public IReadOnlyList<OverdueVisit> Overdue { get; private set; } = [];
    public bool IsOffice { get; private set; }
    public int? Generated { get; private set; }

    /// <summary>Visits in months before this one are overdue when not done; this month's are due.</summary>
    public int CurrentMonth { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        var year = Year ?? ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        Generated = await InspectionSchedule.GenerateAsync(db, year, clock, HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        Year ??= today.Year;
        IsOffice = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        // Past years are wholly due; future years not yet.
        CurrentMonth = Year < today.Year ? 13 : Year > today.Year ? 0 : today.Month;
        var scope = await user.ScopeAsync();
        var plan = db.PlannedInspections.AsNoTracking().Where(p => p.Year == Year);
        if (scope.Level == AccessLevel.Township)
        {
            plan = plan.Where(p => p.TownshipId == scope.TownshipId);
        }
        else if (scope.Level is not (AccessLevel.Jurisdiction or AccessLevel.Unit))
        {
            plan = plan.Where(p => false);
        }
        var month = CurrentMonth;
        Townships = await plan.GroupBy(p => p.TownshipId)
            .Select(g => new
            {
                g.Key,
                Businesses = g.Select(p => p.BusinessId).Distinct().Count(),
                Planned = g.Count(),
                Due = g.Count(p => p.Month <= month),
                Done = g.Count(p => p.DoneOn != null),
                Overdue = g.Count(p => p.Month < month && p.DoneOn == null),
            })
            .Join(db.Townships, x => x.Key, t => t.Id, (x, t) => new Coverage(t.Id, t.Name, x.Businesses, x.Planned, x.Due, x.Done, x.Overdue))
            .ToListAsync();
        Townships = Townships.OrderBy(t => t.Township, StringComparer.Ordinal).ToList();
        var overdue = await plan.Where(p => p.Month < month && p.DoneOn == null).OrderBy(p => p.Month).Take(100).ToListAsync();
        var ids = overdue.Select(p => p.BusinessId).Distinct().ToList();
        var names = await db.Businesses.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name);
        var townships = Townships.ToDictionary(t => t.TownshipId, t => t.Township);
        Overdue = overdue.Select(p => new OverdueVisit(p.BusinessId, names[p.BusinessId], townships.GetValueOrDefault(p.TownshipId, ""), p.Month, p.Visit, p.Grade))
            .OrderBy(v => v.Month).ThenBy(v => v.Township, StringComparer.Ordinal).ToList();
    }
}
