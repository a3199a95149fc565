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
/// and given to the township's inspection teams; coverage per township and per team (planned, due so far, done,
/// overdue), the visits no team has, and the overdue visits. A team filter narrows everything to one team. The office
/// generates it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class ScheduleModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public sealed record Coverage(Guid TownshipId, string Township, int Businesses, int Planned, int Due, int Done, int Overdue, int Unassigned);

    public sealed record TeamCoverage(Guid TeamId, string Team, string Township, bool Active, int Businesses, int Planned, int Due, int Done, int Overdue);

    public sealed record OverdueVisit(Guid BusinessId, string Business, string Township, string Team, int Month, int Visit, RiskLevel Grade);

    public sealed record TeamOption(Guid Id, string Name, string Township, bool Active);

    /// <summary>A visit due and not done that this user may start (开始检查): their team's, or any for the office.</summary>
    public sealed record DueVisit(Guid Id, Guid BusinessId, string Business, string Team, int Month, int Visit, RiskLevel Grade);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    /// <summary>Only this team's visits.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Team { get; set; }

    public IReadOnlyList<Coverage> Townships { get; private set; } = [];
    public IReadOnlyList<TeamCoverage> Teams { get; private set; } = [];
    public IReadOnlyList<TeamOption> TeamOptions { get; private set; } = [];
    public IReadOnlyList<OverdueVisit> Overdue { get; private set; } = [];
    public IReadOnlyList<DueVisit> ToStart { get; private set; } = [];
    public bool IsOffice { get; private set; }
    public int? Generated { get; private set; }

    /// <summary>Visits in months before this one are overdue when not done; this month's are due.</summary>
    public int CurrentMonth { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        var year = Year ?? ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        Generated = await InspectionSchedule.GenerateAsync(db, year, clock, HttpContext.RequestAborted);
        return await LoadAsync() ? Page() : NotFound();
    }

    /// <summary>False when the team asked for is not one this user may see.</summary>
    private async Task<bool> LoadAsync()
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

        var townshipNames = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
        TeamOptions = (await db.InspectionTeams.AsNoTracking().VisibleTo(scope).Where(t => t.TownshipId != null)
                .Select(t => new { t.Id, t.Name, TownshipId = t.TownshipId!.Value, t.Active }).ToListAsync())
            .Select(t => new TeamOption(t.Id, t.Name, townshipNames.GetValueOrDefault(t.TownshipId, ""), t.Active))
            .OrderBy(t => t.Township, StringComparer.Ordinal).ThenByDescending(t => t.Active).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        if (Team is { } team)
        {
            if (TeamOptions.All(t => t.Id != team))
            {
                return false;
            }
            plan = plan.Where(p => p.TeamId == team);
        }

        var month = CurrentMonth;
        Townships = (await plan.GroupBy(p => p.TownshipId)
                .Select(g => new
                {
                    g.Key,
                    Businesses = g.Select(p => p.BusinessId).Distinct().Count(),
                    Planned = g.Count(),
                    Due = g.Count(p => p.Month <= month),
                    Done = g.Count(p => p.DoneOn != null),
                    Overdue = g.Count(p => p.Month < month && p.DoneOn == null),
                    Unassigned = g.Count(p => p.TeamId == null),
                })
                .ToListAsync())
            .Select(x => new Coverage(x.Key, townshipNames.GetValueOrDefault(x.Key, ""), x.Businesses, x.Planned, x.Due, x.Done, x.Overdue, x.Unassigned))
            .OrderBy(t => t.Township, StringComparer.Ordinal).ToList();
        var teams = TeamOptions.ToDictionary(t => t.Id);
        Teams = (await plan.Where(p => p.TeamId != null).GroupBy(p => p.TeamId!.Value)
                .Select(g => new
                {
                    g.Key,
                    Businesses = g.Select(p => p.BusinessId).Distinct().Count(),
                    Planned = g.Count(),
                    Due = g.Count(p => p.Month <= month),
                    Done = g.Count(p => p.DoneOn != null),
                    Overdue = g.Count(p => p.Month < month && p.DoneOn == null),
                })
                .ToListAsync())
            .Where(x => teams.ContainsKey(x.Key))
            .Select(x => new TeamCoverage(x.Key, teams[x.Key].Name, teams[x.Key].Township, teams[x.Key].Active, x.Businesses, x.Planned, x.Due, x.Done, x.Overdue))
            .OrderBy(t => t.Township, StringComparer.Ordinal).ThenBy(t => t.Team, StringComparer.Ordinal).ToList();

        var overdue = await plan.Where(p => p.Month < month && p.DoneOn == null).OrderBy(p => p.Month).Take(100).ToListAsync();
        var ids = overdue.Select(p => p.BusinessId).Distinct().ToList(); // at most the 100 visits shown
        var names = await db.Businesses.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name);
        Overdue = overdue.Select(p => new OverdueVisit(p.BusinessId, names[p.BusinessId], townshipNames.GetValueOrDefault(p.TownshipId, ""),
                p.TeamId is { } t && teams.TryGetValue(t, out var option) ? option.Name : "", p.Month, p.Visit, p.Grade))
            .OrderBy(v => v.Month).ThenBy(v => v.Township, StringComparer.Ordinal).ToList();

        var me = user.Id;
        var myTeams = await db.InspectionTeamMembers.Where(m => m.UserId == me).Select(m => (Guid?)m.TeamId).ToListAsync();
        var startable = await plan.Where(p => p.DoneOn == null && p.Month <= month && (IsOffice || myTeams.Contains(p.TeamId)))
            .OrderBy(p => p.Month).ThenBy(p => p.BusinessId).Take(100).ToListAsync();
        var startIds = startable.Select(p => p.BusinessId).Distinct().ToList(); // at most the 100 visits shown
        var startNames = await db.Businesses.Where(b => startIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name);
        ToStart = startable.Select(p => new DueVisit(p.Id, p.BusinessId, startNames[p.BusinessId],
                p.TeamId is { } t && teams.TryGetValue(t, out var option) ? option.Name : "", p.Month, p.Visit, p.Grade))
            .ToList();
        return true;
    }
}
