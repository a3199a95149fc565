using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Plans;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Plans;

/// <summary>
/// /api/v1: plans, their tasks with each unit's part and targets, and progress reports. A caller working for a unit
/// (a department, a laboratory, the townships) sees the tasks that unit has a part in; the office sees all.
/// </summary>
public static class PlansApi
{
    public sealed record PlanView(Guid Id, int Year, string Title, string Issuer, DateOnly? IssuedDate, int Revision, string ReportFrequency, int ReportDueDays);

    public sealed record ResponsibilityView(string Role, Guid UnitId, string Unit, string PrintedName, string Text);

    public sealed record IndicatorView(Guid Id, string Subject, string Comparator, decimal Value, string Unit, string Kind, string? Metric, Guid? OwnerUnitId, string Text);

    public sealed record TaskView(Guid Id, int Number, string Section, string Title, string Text, IReadOnlyList<ResponsibilityView> Responsibilities, IReadOnlyList<IndicatorView> Indicators);

    public sealed record ReportView(Guid Id, Guid UnitId, string Kind, string Period, string Progress, int PercentDone, string Text, DateTime SubmittedAt, string Review, string ReviewComment);

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Plans").RequireAuthorization(Policies.PlansRead)
            .RequireScope(ApiScopes.PlansRead);

        group.MapGet("/plans", async (ShianDb db) => TypedResults.Ok(await db.Plans.AsNoTracking().OrderByDescending(p => p.Year)
                .Select(p => new PlanView(p.Id, p.Year, p.Title, p.Issuer, p.IssuedDate, p.Revision, p.ReportFrequency.ToString(), p.ReportDueDays))
                .ToListAsync()))
            .WithSummary("Imported annual plans, newest first.");

        group.MapGet("/plans/{id:guid}/tasks", async Task<Results<Ok<List<TaskView>>, NotFound>> (Guid id, ShianDb db, CurrentUser user) =>
            {
                if (!await db.Plans.AnyAsync(p => p.Id == id))
                {
                    return TypedResults.NotFound();
                }
                var tasks = db.PlanTasks.AsNoTracking().Where(t => t.PlanId == id);
                if (await user.WorkingUnitAsync() is { } unit)
                {
                    tasks = tasks.Where(t => t.Responsibilities.Any(r => r.UnitId == unit));
                }
                return TypedResults.Ok(await tasks.OrderBy(t => t.Section).ThenBy(t => t.Number).Select(t => new TaskView(t.Id, t.Number, t.Section, t.Title, t.Text,
                        t.Responsibilities.OrderBy(r => r.Order).Select(r => new ResponsibilityView(r.Role.ToString().ToLowerInvariant(), r.UnitId, r.Unit!.Name, r.PrintedName, r.Text)).ToList(),
                        t.Indicators.OrderBy(i => i.Order).Select(i => new IndicatorView(i.Id, i.Subject, i.Comparator, i.Value, i.Unit, i.Kind.ToString().ToLowerInvariant(), i.Metric, i.OwnerUnitId, i.Text)).ToList()))
                    .ToListAsync());
            })
            .WithSummary("A plan's tasks, with units and targets; a unit's caller sees its own tasks.");

        group.MapGet("/tasks/{id:guid}/reports", async Task<Results<Ok<List<ReportView>>, NotFound>> (Guid id, ShianDb db, CurrentUser user) =>
            {
                var unit = await user.WorkingUnitAsync();
                var visible = await db.PlanTasks.AnyAsync(t => t.Id == id && (unit == null || t.Responsibilities.Any(r => r.UnitId == unit)));
                if (!visible)
                {
                    return TypedResults.NotFound();
                }
                return TypedResults.Ok(await db.TaskReports.AsNoTracking().Where(r => r.TaskId == id).OrderBy(r => r.SubmittedAt)
                    .Select(r => new ReportView(r.Id, r.UnitId, r.Kind.ToString(), r.Period, r.Progress.ToString(), r.PercentDone, r.Text, r.SubmittedAt, r.Review.ToString(), r.ReviewComment))
                    .ToListAsync());
            })
            .WithSummary("Progress reports on a task.");
        return app;
    }
}
