using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;

namespace Shian.Web.Tests.Complaints;

/// <summary>
/// The plan's three complaint metrics, as the plan pages compute them (<see cref="Metrics.ComputeAsync"/>), over
/// complaints driven through intake and the aggregate's transitions on fixed days of 2026. They are routed by address to
/// a township made for this test, so the demo's own complaints do not move the numbers.
/// </summary>
public sealed class ComplaintMetricsTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private const string By = "test:metrics";

    /// <summary>10:00 Beijing time on a day.</summary>
    private static DateTime At(int month, int day) => new(2026, month, day, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Accepted_closed_in_time_and_satisfaction_follow_the_clocks()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var settings = new ComplaintSettings();
        var any = await db.Townships.AsNoTracking().FirstAsync();
        var suffix = Random.Shared.Next(100_000, 999_999).ToString();
        var township = new Township { Id = Guid.NewGuid(), JurisdictionId = any.JurisdictionId, Code = "999" + suffix, Name = "指标测试" + suffix + "街道", Kind = "街道" };
        db.Townships.Add(township);
        await db.SaveChangesAsync();
        var calendar = await db.LoadCalendarAsync();

        async Task<Complaint> ReceiveAsync(ComplaintKind kind, bool anonymous = false)
        {
            var input = new Complaint.Input(kind, "某某餐馆", null, township.Name + "幸福路 1 号", "饭菜变质，食用后腹泻", new DateOnly(2026, 3, 1),
                anonymous ? null : "张三", anonymous ? null : "13800000000");
            var (complaint, errors) = await ComplaintIntake.ReceiveAsync(db, input, ComplaintChannel.Online, settings, By, At(3, 2));
            Assert.Empty(errors);
            Assert.Equal(township.Id, complaint!.TownshipId);
            return complaint;
        }

        // Received Monday 2 March 2026: 7 working days to accept, so the deadline is Wednesday 11 March.
        var onDeadline = await ReceiveAsync(ComplaintKind.Complaint);
        Assert.Equal(new DateOnly(2026, 3, 11), onDeadline.FirstDeadline);
        Assert.Null(onDeadline.Accept(calendar, settings.Clocks, At(3, 11), By)); // on the deadline day: in time
        Assert.Null(onDeadline.EndMediation(true, "双方达成退款协议", false, calendar, settings.Clocks, At(3, 12), By));
        Assert.Null(onDeadline.Close("已调解，商家退款", At(3, 13), By));
        Assert.Null(onDeadline.RecordReturnVisit(Satisfaction.Satisfied, null, At(3, 16), By));

        var dayAfter = await ReceiveAsync(ComplaintKind.Complaint);
        Assert.Null(dayAfter.Accept(calendar, settings.Clocks, At(3, 12), By)); // the day after: late
        Assert.Null(dayAfter.EndMediation(true, "双方达成协议", false, calendar, settings.Clocks, At(3, 13), By));
        Assert.Null(dayAfter.Close("已调解", At(3, 16), By));
        Assert.Null(dayAfter.RecordReturnVisit(Satisfaction.Dissatisfied, null, At(3, 17), By));

        // An anonymous report: 15 working days to decide (23 March), decided on the 20th and closed with a note.
        var report = await ReceiveAsync(ComplaintKind.Report, anonymous: true);
        Assert.Equal(new DateOnly(2026, 3, 23), report.FirstDeadline);
        Assert.Null(report.Decide(true, "核查属实，已立案", true, calendar, settings.Clocks, At(3, 20), By));
        Assert.Null(report.Close("匿名举报，已办结", At(3, 20), By));

        // Never accepted: overdue since 12 March. Accepted in time but mediation ran past its 45 working days.
        await ReceiveAsync(ComplaintKind.Complaint);
        var mediating = await ReceiveAsync(ComplaintKind.Complaint);
        Assert.Null(mediating.Accept(calendar, settings.Clocks, At(3, 3), By));
        await db.SaveChangesAsync();

        var townshipScope = new AccessScope(AccessLevel.Township, null, township.Id, new HashSet<Guid>());
        var today = new DateOnly(2026, 6, 30);
        async Task<decimal?> MetricAsync(string name) => await Metrics.ComputeAsync(db, townshipScope, name, today);

        // First step in time: the one on the deadline day, the report, the one mediating; not the day-after one nor the never-accepted one.
        Assert.Equal(60.0m, await MetricAsync(ComplaintMetrics.AcceptedInTime));
        // Closed with every step in time: the one on the deadline day and the report, of five counted.
        Assert.Equal(40.0m, await MetricAsync(ComplaintMetrics.ClosedInTime));
        Assert.Equal(50.0m, await MetricAsync(ComplaintMetrics.SatisfactionRate));

        // Another township sees none of these.
        var other = new AccessScope(AccessLevel.Township, null, Guid.NewGuid(), new HashSet<Guid>());
        Assert.Null(await Metrics.ComputeAsync(db, other, ComplaintMetrics.AcceptedInTime, today));
    }
}
