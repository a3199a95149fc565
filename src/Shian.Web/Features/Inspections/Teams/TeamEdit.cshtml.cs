using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Data;
using Shian.Inspections;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// Sets up a new inspection team (/inspections/teams/new?township=… or ?unit=…) or changes one: its name, its members
/// picked from the staff of its township or unit, whether it is active. A team keeps its township or unit.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class TeamEditModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Person(Guid Id, string DisplayName, string UserName, IReadOnlyList<string> Roles, bool Belongs);

    /// <summary>The township of a new team; for a township's staff, their own.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }

    /// <summary>The unit of a new district team (office only).</summary>
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public List<Guid> Members { get; set; } = [];
    [BindProperty] public bool Active { get; set; } = true;

    public Guid? Id { get; private set; }
    public string OwnerName { get; private set; } = "";
    public IReadOnlyList<Person> People { get; private set; } = [];

    /// <summary>For the office opening a new team without a township: where it may be set up.</summary>
    public IReadOnlyList<(Guid Id, string Name)> TownshipChoices { get; private set; } = [];

    private InspectionTeam? _team;

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        if (_team is not null)
        {
            Name = _team.Name;
            Members = _team.Members.Select(m => m.UserId).ToList();
            Active = _team.Active;
        }
        await LoadPeopleAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        if (Township is null && Unit is null)
        {
            return BadRequest();
        }
        // The entity checks every field in its own words; MVC's implicit checks add nothing.
        ModelState.Clear();
        var candidates = await LoadPeopleAsync();
        var taken = await db.InspectionTeams.Where(t => t.Id != id && (Township != null ? t.TownshipId == Township : t.UnitId == Unit))
            .Select(t => t.Name).ToListAsync();
        IReadOnlyList<TeamError> errors;
        if (_team is null)
        {
            (_team, errors) = InspectionTeam.Create(Township, Unit, Name, Members, candidates, taken, clock.GetUtcNow().UtcDateTime);
            if (_team is not null)
            {
                _team.Active = Active;
                db.InspectionTeams.Add(_team);
            }
        }
        else
        {
            errors = _team.Set(Name, Members, candidates, taken);
            if (errors.Count == 0)
            {
                _team.Active = Active;
            }
        }
        foreach (var error in errors)
        {
            var field = error.Field switch { TeamError.Fields.Name => nameof(Name), TeamError.Fields.Members => nameof(Members), _ => "" };
            ModelState.AddProblem(field, error.Problem, l);
        }
        if (errors.Count > 0)
        {
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect(Township is { } township ? InspectionsRoutes.TeamsOf(township) : InspectionsRoutes.Teams);
    }

    /// <summary>Finds the team and the owner; refuses (404 or 403) what this user may not see or change.</summary>
    private async Task<IActionResult?> LoadAsync(Guid? id)
    {
        Id = id;
        var rights = await TeamRights.ForAsync(User, user, authorization);
        var scope = await user.ScopeAsync();
        if (id is not null)
        {
            _team = await db.InspectionTeams.VisibleTo(scope).Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id);
            if (_team is null)
            {
                return NotFound();
            }
            (Township, Unit) = (_team.TownshipId, _team.UnitId);
        }
        else if (!rights.Everything)
        {
            // A township's staff set up their own township's teams only; units' teams are the office's.
            if (Unit is not null || Township is { } asked && asked != rights.Township)
            {
                return Forbid();
            }
            Township = rights.Township;
        }
        else if (Township is not null && Unit is not null)
        {
            return BadRequest();
        }
        if (!rights.MayManage(Township))
        {
            return Forbid();
        }
        if (Township is { } t)
        {
            OwnerName = await db.Townships.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync() ?? "";
            if (OwnerName.Length == 0)
            {
                return NotFound();
            }
        }
        else if (Unit is { } u)
        {
            OwnerName = await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync() ?? "";
            if (OwnerName.Length == 0)
            {
                return NotFound();
            }
        }
        else
        {
            TownshipChoices = (await db.Townships.AsNoTracking().Where(x => x.Active).OrderBy(x => x.Code).Select(x => new { x.Id, x.Name }).ToListAsync())
                .Select(x => (x.Id, x.Name)).ToList();
        }
        return null;
    }

    /// <summary>
    /// The staff of the owner, the team's present members and whoever was posted, with their roles: shown as
    /// <see cref="People"/> and returned as the candidates the team's check needs.
    /// </summary>
    private async Task<IReadOnlyList<InspectionTeam.Candidate>> LoadPeopleAsync()
    {
        if (Township is null && Unit is null)
        {
            return [];
        }
        var township = Township;
        var unit = Unit;
        var current = _team?.Members.Select(m => m.UserId).ToList() ?? [];
        var posted = Members;
        var people = await db.Users.AsNoTracking()
            .Where(u => (township != null && u.TownshipId == township) || (unit != null && u.UnitId == unit) || current.Contains(u.Id) || posted.Contains(u.Id))
            .Select(u => new
            {
                u.Id, u.DisplayName, u.UserName, u.TownshipId, u.UnitId,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        People = people
            .Select(p => new Person(p.Id, p.DisplayName, p.UserName ?? "", p.Roles,
                (township != null ? p.TownshipId == township : p.UnitId == unit) && p.Roles.Any(Roles.Staff.Contains)))
            // Operators and other outsiders of the township are not offered, unless already on the team or posted.
            .Where(p => p.Belongs || current.Contains(p.Id) || posted.Contains(p.Id))
            .OrderByDescending(p => p.Belongs).ThenBy(p => p.DisplayName, StringComparer.Ordinal)
            .ToList();
        return people.Select(p => new InspectionTeam.Candidate(p.Id, p.DisplayName, p.TownshipId, p.UnitId, p.Roles.Any(Roles.Staff.Contains))).ToList();
    }
}
