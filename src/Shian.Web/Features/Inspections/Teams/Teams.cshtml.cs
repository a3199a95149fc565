using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Organization;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// 检查组: the inspection teams per township (and the district units' teams), with their members and this year's share
/// of the schedule. The office sets up any team, a township's staff their township's; others read what they may see.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class TeamsModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public sealed record TeamRow(Guid Id, string Name, bool Active, IReadOnlyList<string> Members, int Businesses, int Visits);

    /// <summary>A township's (or a unit's) teams.</summary>
    public sealed record Group(Guid? TownshipId, Guid? UnitId, string Name, IReadOnlyList<TeamRow> Teams, bool MayManage);

    public sealed record Option(Guid Id, string Name);

    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }

    public IReadOnlyList<Group> Townships { get; private set; } = [];
    public IReadOnlyList<Group> Units { get; private set; } = [];
    public IReadOnlyList<Option> TownshipOptions { get; private set; } = [];

    /// <summary>The units a district team may be set up for (the office and the departments).</summary>
    public IReadOnlyList<Option> UnitOptions { get; private set; } = [];
    public TeamRights Rights { get; private set; } = new(false, null);
    public int Year { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>停用: takes a team out of the next generated schedule; its visits so far keep its name.</summary>
    public async Task<IActionResult> OnPostDeactivateAsync(Guid id)
    {
        Rights = await TeamRights.ForAsync(User, user, authorization);
        var scope = await user.ScopeAsync();
        var team = await db.InspectionTeams.VisibleTo(scope).FirstOrDefaultAsync(t => t.Id == id);
        if (team is null)
        {
            return NotFound();
        }
        if (!Rights.MayManage(team.TownshipId))
        {
            return Forbid();
        }
        team.Active = false;
        await db.SaveChangesAsync();
        return Redirect(team.TownshipId is { } township && Rights.Everything ? InspectionsRoutes.TeamsOf(township) : InspectionsRoutes.Teams);
    }

    private async Task LoadAsync()
    {
        Year = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        Rights = await TeamRights.ForAsync(User, user, authorization);
        var scope = await user.ScopeAsync();
        var townships = db.Townships.AsNoTracking().Where(t => t.Active);
        if (scope.Level == Shian.Accounts.AccessLevel.Township)
        {
            townships = townships.Where(t => t.Id == scope.TownshipId);
        }
        TownshipOptions = await townships.OrderBy(t => t.Code).Select(t => new Option(t.Id, t.Name)).ToListAsync();
        UnitOptions = Rights.Everything
            ? await db.Units.AsNoTracking().Where(u => u.Active && (u.Kind == UnitKind.Office || u.Kind == UnitKind.Department)).OrderBy(u => u.Name).Select(u => new Option(u.Id, u.Name)).ToListAsync()
            : [];

        var teams = db.InspectionTeams.AsNoTracking().VisibleTo(scope);
        if (Township is { } only)
        {
            teams = teams.Where(t => t.TownshipId == only);
        }
        var rows = await teams
            .Select(t => new
            {
                t.Id, t.Name, t.Active, t.TownshipId, t.UnitId,
                Members = t.Members.Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u.DisplayName).ToList(),
            })
            .ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var year = Year;
        var load = await db.PlannedInspections.AsNoTracking().Where(p => p.Year == year && p.TeamId != null && ids.Contains(p.TeamId.Value))
            .GroupBy(p => p.TeamId!.Value)
            .Select(g => new { g.Key, Businesses = g.Select(p => p.BusinessId).Distinct().Count(), Visits = g.Count() })
            .ToDictionaryAsync(x => x.Key);
        TeamRow Row(Guid id, string name, bool active, List<string> members) => new(id, name, active,
            members.Order(StringComparer.Ordinal).ToList(), load.GetValueOrDefault(id)?.Businesses ?? 0, load.GetValueOrDefault(id)?.Visits ?? 0);
        List<TeamRow> Sorted(IEnumerable<TeamRow> list) => list.OrderByDescending(t => t.Active).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();

        Townships = TownshipOptions.Where(t => Township is null || t.Id == Township)
            .Select(t => new Group(t.Id, null, t.Name,
                Sorted(rows.Where(r => r.TownshipId == t.Id).Select(r => Row(r.Id, r.Name, r.Active, r.Members))), Rights.MayManage(t.Id)))
            .ToList();
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name);
        Units = Township is not null ? [] : rows.Where(r => r.UnitId is not null).GroupBy(r => r.UnitId!.Value)
            .Select(g => new Group(null, g.Key, unitNames.GetValueOrDefault(g.Key, ""), Sorted(g.Select(r => Row(r.Id, r.Name, r.Active, r.Members))), Rights.Everything))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
    }
}
