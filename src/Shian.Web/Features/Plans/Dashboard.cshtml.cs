using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
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
/// 计划看板: how far each task has come, how each unit is reporting, where the targets stand and who is overdue, as
/// charts with the same numbers in tables. The office sees the whole plan; a unit's staff see the tasks their unit has a
/// part in and only their own unit's reporting record.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class DashboardModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A task's latest progress as reported; <see cref="Progress"/> is null while nobody has reported.</summary>
    public sealed record TaskRow(int Number, string Title, int PercentDone, TaskProgress? Progress);

    /// <summary>A unit's reporting record: tasks it owes reports on, reports filed and accepted, periods overdue.</summary>
    public sealed record UnitRow(string Unit, int TasksOwned, int ReportsFiled, int ReportsAccepted, int ReportsOverdue);

    public sealed record IndicatorRow(int Task, string Subject, string Target, decimal TargetValue, decimal? Actual, string Unit, IndicatorStatus Status);

    // The numbers go into the page inside a <script> element: keep Chinese readable but escape anything HTML-sensitive.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    public Plan? Header { get; private set; }

    /// <summary>Set when the dashboard is limited to one unit's part in the plan.</summary>
    public string? ScopeUnit { get; private set; }

    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<IndicatorRow> Indicators { get; private set; } = [];

    /// <summary>Units with overdue reports, most overdue first.</summary>
    public IReadOnlyList<UnitRow> Overdue => Units.Where(u => u.ReportsOverdue > 0).OrderByDescending(u => u.ReportsOverdue).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Header = await db.Plans.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new Plan { Id = p.Id, Year = p.Year, Title = p.Title, ReportFrequency = p.ReportFrequency, ReportDueDays = p.ReportDueDays })
            .FirstOrDefaultAsync();
        if (Header is null)
        {
            return NotFound();
        }
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var myUnit = await user.WorkingUnitAsync();
        ScopeUnit = myUnit is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync() : null;

        var tasks = db.PlanTasks.AsNoTracking().Where(t => t.PlanId == id);
        if (myUnit is { } mine)
        {
            tasks = tasks.Where(t => t.Responsibilities.Any(r => r.UnitId == mine));
        }
        var visible = await tasks.OrderBy(t => t.Section).ThenBy(t => t.Number).Select(t => new { t.Id, t.Number, t.Title }).ToListAsync();
        var taskIds = visible.Select(t => t.Id).ToList();
        var parts = await db.TaskResponsibilities.AsNoTracking().Where(r => taskIds.Contains(r.TaskId))
            .Select(r => new { r.TaskId, r.UnitId, r.Role, Unit = r.Unit!.Name }).ToListAsync();
        var reports = await db.TaskReports.AsNoTracking().Where(r => taskIds.Contains(r.TaskId)).ToListAsync();

        Tasks = visible.Select(t =>
        {
            // A returned report was not accepted as said, so the task stands where its latest other report puts it.
            var latest = reports.Where(r => r.TaskId == t.Id && r.Review != ReportReview.Returned)
                .OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.SubmittedAt).FirstOrDefault();
            return new TaskRow(t.Number, t.Title, latest?.PercentDone ?? 0, latest?.Progress);
        }).ToList();

        var periods = Header.Schedule.Periods();
        var units = parts.Select(p => (p.UnitId, p.Unit)).Distinct().Where(x => myUnit is null || x.UnitId == myUnit);
        Units = units.Select(unit =>
        {
            var owed = parts.Where(p => p.UnitId == unit.UnitId && ReportSchedule.OwesReports(p.Role)).Select(p => p.TaskId).Distinct().ToList();
            var filed = reports.Where(r => r.UnitId == unit.UnitId).ToList();
            var overdue = owed.Sum(task => periods.Count(period =>
            {
                var latest = filed.Where(r => r.TaskId == task && r.Period == period.Name).MaxBy(r => r.SubmittedAt);
                return ReportSchedule.StateOf(latest?.Review, period, today) == "overdue";
            }));
            return new UnitRow(unit.Unit, owed.Count, filed.Count, filed.Count(r => r.Review == ReportReview.Accepted), overdue);
        }).Where(r => r.TasksOwned > 0 || r.ReportsFiled > 0).OrderByDescending(r => r.TasksOwned).ThenBy(r => r.Unit, StringComparer.Ordinal).ToList();

        var visibleTasks = taskIds.ToHashSet();
        Indicators = (await IndicatorStanding.LoadAsync(db, id, Header.Year, today)).Where(x => visibleTasks.Contains(x.Indicator.TaskId))
            .Select(x => new IndicatorRow(x.Task, x.Indicator.Subject, x.Indicator.Target, x.Indicator.Value, x.Latest, x.Indicator.Unit, x.Status))
            .ToList();
        return Page();
    }

    /// <summary>What dashboard.js draws: the rows above and the words for the charts, in the page's language.</summary>
    public string ChartData() => JsonSerializer.Serialize(new
    {
        Labels = new Dictionary<string, string>
        {
            ["percentDone"] = l["Dashboard.PercentDone"],
            ["remaining"] = l["Dashboard.Remaining"],
            ["notReported"] = l["Dashboard.NotReported"],
            ["tasksOwned"] = l["Dashboard.TasksOwned"],
            ["reportsFiled"] = l["Dashboard.ReportsFiled"],
            ["reportsAccepted"] = l["Dashboard.ReportsAccepted"],
            ["reportsOverdue"] = l["Dashboard.ReportsOverdue"],
            ["target"] = l["Plan.TargetValue"],
            ["actual"] = l["Indicator.Actual"],
            ["noValue"] = l["Dashboard.NoValue"],
        },
        Progress = Enum.GetValues<TaskProgress>().ToDictionary(p => p.ToString(), p => l["TaskProgress." + p].Value),
        Status = Enum.GetValues<IndicatorStatus>().ToDictionary(s => s.ToString(), s => l["IndicatorStatus." + s].Value),
        Tasks,
        Units,
        Indicators,
        Overdue = Overdue.Select(u => new { u.Unit, u.ReportsOverdue }),
    }, Json);
}
