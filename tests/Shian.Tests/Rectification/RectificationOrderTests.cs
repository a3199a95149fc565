using Shian.Common;
using Shian.Inspections;
using Shian.Rectification;
using Shian.Tests.Builders;

namespace Shian.Tests.Rectification;

public class RectificationOrderTests
{
    private static readonly WorkingDayCalendar Calendar = new(WorkingDayCalendar.BuiltInDays());

    private static Inspection Submitted(InspectionResult result, Guid? business = null) =>
        TestInspections.Submitted(business ?? Guid.NewGuid(), Guid.NewGuid(), result, DateTime.UtcNow);

    // Beijing time: 01:00 UTC is 09:00 the same day.
    private static DateTime At(int year, int month, int day) => new(year, month, day, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_deadline_counts_working_days_across_the_2020_spring_festival()
    {
        // Issued Monday 2020-01-20; 10 working days: 21, 22, 23 (Tue–Thu), then the holiday, extended to 2 February
        // (Sunday), runs to Sunday 2 February; work resumes Monday 3 February: 3, 4, 5, 6, 7, 10, 11 → 11 February.
        // 2020-01-19 (Sunday) was an adjusted workday but lies before the issue date.
        var (order, errors) = RectificationOrder.Issue(Submitted(InspectionResult.NonConforming), "冷藏柜温度超标", 10, Calendar, At(2020, 1, 20), "insp", "整改〔2020〕0001");
        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2020, 1, 20), order!.IssuedOn);
        Assert.Equal(Calendar.AddWorkingDays(new DateOnly(2020, 1, 20), 10), order.Deadline);
        Assert.Equal(new DateOnly(2020, 2, 11), order.Deadline);
        Assert.Equal(RectificationStatus.Open, order.Status);
    }

    [Fact]
    public void An_order_needs_requirements_a_sane_deadline_and_a_submitted_inspection()
    {
        var draft = TestInspections.Draft(Guid.NewGuid(), Guid.NewGuid(), DateTime.UtcNow);
        var (order, errors) = RectificationOrder.Issue(draft, "  ", 0, Calendar, At(2020, 3, 2), "insp", "n");
        Assert.Null(order);
        Assert.Equal(["InspectionId", "Requirements", "WorkingDays"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Rectification.WorkingDaysOutOfRange", 1, 60), (errors["WorkingDays"].Code, errors["WorkingDays"].Args[0], errors["WorkingDays"].Args[1]));
        // A year the calendar does not cover counts Monday to Friday: Monday 2031-03-03 + 5 → Monday 2031-03-10.
        Assert.Equal(new DateOnly(2031, 3, 10), RectificationOrder.Issue(Submitted(InspectionResult.NonConforming), "x", 5, Calendar, At(2031, 3, 3), "i", "n").Order!.Deadline);
    }

    [Fact]
    public void A_late_answer_is_taken_and_marked_late_and_an_order_is_answered_once()
    {
        var (order, _) = RectificationOrder.Issue(Submitted(InspectionResult.NonConforming), "更换灭蝇灯", 5, Calendar, At(2020, 3, 2), "insp", "n");
        Assert.Equal(new DateOnly(2020, 3, 9), order!.Deadline);
        Assert.NotNull(order.Respond("", At(2020, 3, 5), "op"));
        Assert.False(order.IsOverdue(new DateOnly(2020, 3, 9)));
        Assert.True(order.IsOverdue(new DateOnly(2020, 3, 10)));
        Assert.Null(order.Respond("已更换并拍照", At(2020, 3, 10), "op"));
        Assert.True(order.RespondedLate);
        Assert.Equal(RectificationStatus.Responded, order.Status);
        Assert.False(order.IsOverdue(new DateOnly(2020, 3, 20))); // answered: no longer overdue
        Assert.NotNull(order.Respond("again", At(2020, 3, 11), "op"));
    }

    [Fact]
    public void Only_a_passed_follow_up_of_the_same_business_closes_an_order()
    {
        var first = Submitted(InspectionResult.NonConforming);
        var (order, _) = RectificationOrder.Issue(first, "x", 5, Calendar, At(2020, 3, 2), "insp", "n");
        Assert.Equal("Rectification.FollowUpNotOfBusiness", order!.Close(first, "", At(2020, 3, 3), "insp")?.Code);
        Assert.Equal("Rectification.FollowUpNotOfBusiness", order.Close(Submitted(InspectionResult.Conforming), "", At(2020, 3, 3), "insp")?.Code);
        Assert.Equal("Rectification.FollowUpFailed", order.Close(Submitted(InspectionResult.NonConforming, first.BusinessId), "", At(2020, 3, 3), "insp")?.Code);
        var followUp = Submitted(InspectionResult.BasicallyConforming, first.BusinessId);
        Assert.Null(order.Close(followUp, "", At(2020, 3, 4), "insp"));
        Assert.Equal((RectificationStatus.Closed, followUp.Id), (order.Status, order.FollowUpInspectionId));
        Assert.NotNull(order.Escalate("late", At(2020, 3, 5), "insp")); // concluded is final
    }

    [Fact]
    public void Escalation_needs_a_reason()
    {
        var (order, _) = RectificationOrder.Issue(Submitted(InspectionResult.NonConforming), "x", 5, Calendar, At(2020, 3, 2), "insp", "n");
        Assert.NotNull(order!.Escalate(" ", At(2020, 3, 20), "insp"));
        Assert.Null(order.Escalate("逾期未整改", At(2020, 3, 20), "insp"));
        Assert.Equal(RectificationStatus.Escalated, order.Status);
    }
}
