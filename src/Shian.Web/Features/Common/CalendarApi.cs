using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Common;

public static class CalendarApi
{
    public sealed record Deadline(DateOnly Start, int WorkingDays, DateOnly Result, bool YearsCovered);

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization(Policies.Staff)
            .RequireScope(ApiScopes.CalendarRead);

        group.MapGet("/add-working-days", async Task<Results<Ok<Deadline>, ValidationProblem>> (DateOnly? start, int? days, ShianDb db, IStringLocalizer<SharedResource> l) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (start is null)
                {
                    errors["start"] = [l["Calendar.Api.StartRequired"]];
                }
                if (days is null or < -3650 or > 3650)
                {
                    errors["days"] = [l["Calendar.Api.DaysOutOfRange", -3650, 3650]];
                }
                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors);
                }
                var calendar = await db.LoadCalendarAsync();
                var result = calendar.AddWorkingDays(start!.Value, days!.Value);
                return TypedResults.Ok(new Deadline(start.Value, days.Value, result,
                    calendar.Covers(start.Value.Year) && calendar.Covers(result.Year)));
            })
            .WithSummary("The date a number of working days after a start date (the start day is not counted).");
        return app;
    }
}
