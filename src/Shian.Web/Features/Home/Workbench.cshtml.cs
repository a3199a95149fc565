using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Plans;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Home;

/// <summary>工作台: the staff home page. Shows the jurisdiction's facts and what this user may see.</summary>
[Authorize(Policy = Policies.Staff)]
public class WorkbenchModel(ShianDb db, CurrentUser user, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public sealed record DutyRow(Guid TaskId, int Number, string Title, int Year, string Period, DateOnly Due, ReportDuties.State State);

    public sealed record ReviewRow(Guid TaskId, int Number, string Title, string Unit, string Period, DateTime SubmittedAt);

    /// <summary>Progress reports this user's unit (or township) still owes, overdue first.</summary>
    public IReadOnlyList<DutyRow> Duties { get; private set; } = [];

    /// <summary>For the office: reports waiting for acceptance or return, oldest first.</summary>
    public IReadOnlyList<ReviewRow> Reviews { get; private set; } = [];

    public int ReviewCount { get; private set; }

    /// <summary>Valid licences within this user's scope expiring within 30 and within 90 days.</summary>
    public (int Within30, int Within90) ExpiringLicences { get; private set; }

    public sealed record Facts(string Name, string NameEn, string Parent, string RegionCode, PopulationFact? Population,
        int Townships, int OtherAreas, int Units, int Accounts);

    public sealed record PopulationFact(int Year, int Population);

    public Facts? Jurisdiction { get; private set; }
    public AccessScope Scope { get; private set; } = AccessScope.Nothing;

    /// <summary>The complaints this user's township or unit handles (the office: all) past or near their deadline; null when it handles none.</summary>
    public (int DueSoon, int Overdue)? Complaints { get; private set; }
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
            AccessLevel.Unit or AccessLevel.Laboratory => await db.Units.Where(u => u.Id == Scope.UnitId).Select(u => u.Name).FirstOrDefaultAsync(),
            _ => null,
        };

        await LoadWorkAsync();

        var calendar = await db.LoadCalendarAsync();
        if (Scope.Level is AccessLevel.Township or AccessLevel.Unit || await HttpContext.MeetsAsync(Policies.Office))
        {
            // Those it handles, which for these levels are those it sees (a district inspector reads them, not handles).
            var clocks = HttpContext.RequestServices.GetRequiredService<Shian.Complaints.ComplaintSettings>().Clocks;
            var handled = Shian.Complaints.ComplaintScope.VisibleTo(db.Complaints.AsNoTracking(), Scope);
            Complaints = (await handled.InClock(Shian.Complaints.ClockState.DueSoon, Today, calendar, clocks).CountAsync(),
                await handled.InClock(Shian.Complaints.ClockState.Overdue, Today, calendar, clocks).CountAsync());
        }
        TodayIsWorkingDay = calendar.IsWorkingDay(Today);
        CalendarCoversThisYear = calendar.Covers(Today.Year);
    }

    private async Task LoadWorkAsync()
    {
        if (await user.WorkingUnitAsync() is { } unit)
        {
            var township = Scope.Level == AccessLevel.Township ? Scope.TownshipId : null;
            var tasks = await db.PlanTasks.AsNoTracking()
                .Where(t => t.Responsibilities.Any(r => r.UnitId == unit && r.Role != ResponsibilityRole.Cooperate))
                .Join(db.Plans, t => t.PlanId, p => p.Id, (t, p) => new { t.Id, t.Number, t.Title, Plan = new Plan { Year = p.Year, ReportFrequency = p.ReportFrequency, ReportDueDays = p.ReportDueDays } })
                .ToListAsync();
            var taskIds = tasks.Select(t => t.Id).ToList();
            var filed = await db.TaskReports.AsNoTracking()
                .Where(r => taskIds.Contains(r.TaskId) && r.UnitId == unit && r.TownshipId == township && r.Kind == ReportKind.Progress)
                .Select(r => new { r.TaskId, r.Period, r.SubmittedAt, r.Review }).ToListAsync();
            var owed = tasks.SelectMany(t => t.Plan.Schedule.Periods().Select(p => new ReportDuties.Owed(t.Id, p)));
            var byId = tasks.ToDictionary(t => t.Id);
            Duties = ReportDuties.Outstanding(owed, filed.Select(r => (r.TaskId, r.Period, r.SubmittedAt, r.Review)), Today)
                .Select(d => new DutyRow(d.TaskId, byId[d.TaskId].Number, byId[d.TaskId].Title, byId[d.TaskId].Plan.Year, d.Period, d.Due, d.State))
                .ToList();
        }
        var businesses = db.Businesses.AsNoTracking().VisibleTo(Scope).Select(b => b.Id);
        var valid = db.Licences.AsNoTracking().Where(l => l.Status == Shian.Registry.LicenceStatus.Valid && l.ExpiresOn >= Today && businesses.Contains(l.BusinessId));
        var in30 = Today.AddDays(30);
        var in90 = Today.AddDays(90);
        ExpiringLicences = (await valid.CountAsync(l => l.ExpiresOn <= in30), await valid.CountAsync(l => l.ExpiresOn <= in90));
        if ((await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            var pending = db.TaskReports.AsNoTracking().Where(r => r.Review == ReportReview.Pending);
            ReviewCount = await pending.CountAsync();
            Reviews = await pending.OrderBy(r => r.SubmittedAt).Take(10)
                .Join(db.PlanTasks, r => r.TaskId, t => t.Id, (r, t) => new { r, t })
                .Join(db.Units, x => x.r.UnitId, u => u.Id, (x, u) => new ReviewRow(x.t.Id, x.t.Number, x.t.Title, u.Name, x.r.Period, x.r.SubmittedAt))
                .ToListAsync();
        }
    }
}
