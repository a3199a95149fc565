using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Home;

/// <summary>工作台: the staff home page. Shows the jurisdiction's facts and what this user may see.</summary>
[Authorize(Policy = Policies.Staff)]
public class WorkbenchModel(ShianDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    public sealed record Facts(string Name, string NameEn, string Parent, string RegionCode, PopulationFact? Population,
        int Townships, int OtherAreas, int Units, int Accounts);

    public sealed record PopulationFact(int Year, int Population);

    public Facts? Jurisdiction { get; private set; }
    public AccessScope Scope { get; private set; } = AccessScope.Nothing;
    public string? ScopeName { get; private set; }
    public DateOnly Today { get; private set; }
    public bool TodayIsWorkingDay { get; private set; }
    public bool CalendarCoversThisYear { get; private set; }

    public async Task OnGetAsync()
    {
        Today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        Jurisdiction = await db.Jurisdictions.AsNoTracking()
            .Select(j => new Facts(j.Name, j.NameEn, j.Parent, j.RegionCode,
                j.Populations.Where(p => p.Year <= Today.Year).OrderByDescending(p => p.Year)
                    .Select(p => new PopulationFact(p.Year, p.Population)).FirstOrDefault(),
                j.Townships.Count(t => t.Active && t.IsTownship),
                j.Townships.Count(t => t.Active && !t.IsTownship),
                j.Units.Count(u => u.Active),
                db.Users.Count()))
            .FirstOrDefaultAsync();

        Scope = await user.ScopeAsync();
        ScopeName = Scope.Level switch
        {
            AccessLevel.Township => await db.Townships.Where(t => t.Id == Scope.TownshipId).Select(t => t.Name).FirstOrDefaultAsync(),
            AccessLevel.Unit => await db.Units.Where(u => u.Id == Scope.UnitId).Select(u => u.Name).FirstOrDefaultAsync(),
            _ => null,
        };

        var calendar = await db.LoadCalendarAsync();
        TodayIsWorkingDay = calendar.IsWorkingDay(Today);
        CalendarCoversThisYear = calendar.Covers(Today.Year);
    }
}
