using Shian.Common;
using Shian.Complaints;

namespace Shian.Tests.Complaints;

public class ComplaintTests
{
    private static readonly WorkingDayCalendar Calendar = new(WorkingDayCalendar.BuiltInDays());
    private static readonly ComplaintClocks Clocks = ComplaintClocks.Statutory;
    private static readonly Complaint.Handler Township = new(Guid.NewGuid(), null);

    // Beijing time: 01:00 UTC is 09:00 the same day.
    private static DateTime At(int year, int month, int day) => new(year, month, day, 1, 0, 0, DateTimeKind.Utc);

    private static Complaint.Input Input(ComplaintKind kind, string? name = "王女士", string? phone = "13800000000", string description = "在店内用餐后腹泻，怀疑凉菜不洁") =>
        new(kind, "蓟州区某某饭店", null, "文昌街道北大街 8 号", description, new DateOnly(2026, 9, 20), name, phone);

    internal static Complaint Received(ComplaintKind kind, DateTime at, Complaint.Input? input = null)
    {
        var (complaint, errors) = Complaint.Receive(input ?? Input(kind), ComplaintChannel.Online, Township, Calendar, Clocks, at, "public", TrackingCodes.New());
        Assert.Empty(errors);
        return complaint!;
    }

    [Fact]
    public void A_complaint_is_accepted_or_refused_within_7_working_days_across_the_2026_national_day_holiday()
    {
        // Received Wednesday 2026-09-23: 24 (1); 中秋 25–27; 28, 29, 30 (2–4); 国庆 1–7 October; 8, 9 (5, 6); Saturday 10
        // October is an adjusted workday (7).
        var complaint = Received(ComplaintKind.Complaint, At(2026, 9, 23));
        Assert.Equal(new DateOnly(2026, 10, 10), complaint.FirstDeadline);
        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Equal(complaint.FirstDeadline, complaint.RunningDeadline);
    }

    [Fact]
    public void A_report_is_decided_within_15_working_days()
    {
        // After the 7 above: 12–16 (8–12), 19, 20, 21 October (13–15).
        Assert.Equal(new DateOnly(2026, 10, 21), Received(ComplaintKind.Report, At(2026, 9, 23)).FirstDeadline);
    }

    [Fact]
    public void Mediation_runs_45_working_days_from_acceptance()
    {
        // Accepted Wednesday 2026-09-30: 8, 9, 10 October (1–3); eight full weeks from 12 October to 4 December (4–43);
        // Monday 7 December (44), Tuesday 8 December (45).
        var complaint = Received(ComplaintKind.Complaint, At(2026, 9, 23));
        Assert.Null(complaint.Accept(Calendar, Clocks, At(2026, 9, 30), "township"));
        Assert.Equal(new DateOnly(2026, 9, 30), complaint.AcceptedOn);
        Assert.Equal(new DateOnly(2026, 12, 8), complaint.MediationDeadline);
        Assert.Equal(ComplaintStatus.Accepted, complaint.Status);
        Assert.Equal(complaint.MediationDeadline, complaint.RunningDeadline);
    }

    [Fact]
    public void A_real_name_informant_is_told_within_5_working_days_of_the_decision_and_an_anonymous_one_is_owed_nothing()
    {
        var named = Received(ComplaintKind.Report, At(2026, 9, 23));
        Assert.Null(named.Decide(openCase: true, "现场核查属实，已立案", violationFound: false, Calendar, Clocks, At(2026, 9, 30), "township"));
        // 8, 9, 10 (Saturday, adjusted workday), 12, 13 October.
        Assert.Equal(new DateOnly(2026, 10, 13), named.ReplyDeadline);
        Assert.Equal(ComplaintOutcome.CaseOpened, named.Outcome);
        Assert.True(named.ViolationVerified);

        var anonymous = Received(ComplaintKind.Report, At(2026, 9, 23), Input(ComplaintKind.Report, name: null, phone: null));
        Assert.True(anonymous.Anonymous);
        Assert.Null(anonymous.Decide(openCase: false, "经核查未发现违法行为", violationFound: false, Calendar, Clocks, At(2026, 9, 30), "township"));
        Assert.Null(anonymous.ReplyDeadline);
        Assert.False(anonymous.ViolationVerified);
    }

    [Theory]
    [InlineData(2026, 9, 30, ClockState.Running)] // 3 working days left (8, 9, 10 October)
    [InlineData(2026, 10, 8, ClockState.DueSoon)] // 2 left
    [InlineData(2026, 10, 10, ClockState.DueSoon)] // the last day is still in time
    [InlineData(2026, 10, 11, ClockState.Overdue)]
    public void The_clock_warns_two_working_days_ahead_and_is_overdue_from_the_day_after(int year, int month, int day, ClockState expected) =>
        Assert.Equal(expected, Clocks.StateOf(new DateOnly(2026, 10, 10), new DateOnly(year, month, day), Calendar));

    [Fact]
    public void A_complaint_needs_a_name_and_phone_and_a_report_may_be_anonymous()
    {
        var (complaint, errors) = Complaint.Receive(Input(ComplaintKind.Complaint, name: " ", phone: null), ComplaintChannel.Online, Township, Calendar, Clocks,
            At(2026, 9, 23), "public", TrackingCodes.New());
        Assert.Null(complaint);
        Assert.Equal(["ContactName", "ContactPhone"], errors.Keys.Order());
        Assert.All(errors.Values, p => Assert.Equal("Complaint.Required", p.Code));

        var (report, none) = Complaint.Receive(Input(ComplaintKind.Report, name: null, phone: null), ComplaintChannel.Online, Township, Calendar, Clocks,
            At(2026, 9, 23), "public", TrackingCodes.New());
        Assert.Empty(none);
        Assert.NotNull(report);
    }

    [Fact]
    public void Bad_input_names_each_field()
    {
        var input = new Complaint.Input(null, "", "91120119AY4CL12THX", "", new string('字', Complaint.DescriptionMaxLength + 1), new DateOnly(2026, 9, 24),
            null, "电话", HotlineTicket: null);
        var (complaint, errors) = Complaint.Receive(input, ComplaintChannel.Hotline12315, Township, Calendar, Clocks, At(2026, 9, 23), "hotline", TrackingCodes.New());
        Assert.Null(complaint);
        Assert.Equal("Complaint.Required", errors["Kind"].Code);
        Assert.Equal("Complaint.Required", errors["BusinessName"].Code);
        Assert.Equal("CreditCode.CheckCharacter", errors["BusinessCreditCode"].Code);
        Assert.Equal("Complaint.Required", errors["Address"].Code);
        Assert.Equal("Complaint.TooLong", errors["Description"].Code);
        Assert.Equal("Complaint.OccurredInFuture", errors["OccurredOn"].Code);
        Assert.Equal("Complaint.PhoneInvalid", errors["ContactPhone"].Code);
        Assert.Equal("Complaint.Required", errors["HotlineTicket"].Code);
    }

    [Fact]
    public void Exactly_one_handler_is_required()
    {
        var (_, errors) = Complaint.Receive(Input(ComplaintKind.Report), ComplaintChannel.Online, new Complaint.Handler(null, null), Calendar, Clocks,
            At(2026, 9, 23), "public", TrackingCodes.New());
        Assert.Equal("Complaint.NoHandler", errors[""].Code);
    }

    [Fact]
    public void A_transfer_keeps_the_clock_and_needs_a_reason()
    {
        var complaint = Received(ComplaintKind.Complaint, At(2026, 9, 23));
        var unit = new Complaint.Handler(null, Guid.NewGuid());
        Assert.Equal("Complaint.ReasonRequired", complaint.Transfer(unit, " ", At(2026, 9, 24), "township")!.Code);
        Assert.Equal("Complaint.TransferToSelf", complaint.Transfer(Township, "误派", At(2026, 9, 24), "township")!.Code);
        Assert.Null(complaint.Assign(Guid.NewGuid(), "张三", At(2026, 9, 24), "township"));
        Assert.Null(complaint.Transfer(unit, "涉及食用农产品种植环节，属农业农村部门职责", At(2026, 9, 24), "township"));
        Assert.Equal((null, unit.UnitId), (complaint.TownshipId, complaint.UnitId));
        Assert.Null(complaint.HandlerId);
        Assert.Equal(new DateOnly(2026, 10, 10), complaint.FirstDeadline);
        Assert.Equal(ComplaintEntryKind.Transferred, complaint.Entries[^1].Kind);
    }

    [Fact]
    public void A_complaint_goes_from_acceptance_through_mediation_to_the_reply_and_the_return_visit()
    {
        var complaint = Received(ComplaintKind.Complaint, At(2026, 9, 23));
        Assert.Equal("Complaint.NotAccepted", complaint.EndMediation(true, "达成协议", false, Calendar, Clocks, At(2026, 9, 24), "township")!.Code);
        Assert.Equal("Complaint.OnlyForReports", complaint.Decide(true, "立案", false, Calendar, Clocks, At(2026, 9, 24), "township")!.Code);
        Assert.Null(complaint.Accept(Calendar, Clocks, At(2026, 9, 24), "township"));
        Assert.Equal("Complaint.AlreadyDecided", complaint.Accept(Calendar, Clocks, At(2026, 9, 24), "township")!.Code);
        Assert.Equal("Complaint.AlreadyDecided", complaint.Refuse("重复", Calendar, Clocks, At(2026, 9, 24), "township")!.Code);
        Assert.Null(complaint.RecordAction(ComplaintEntryKind.InspectionStarted, null, Guid.NewGuid(), At(2026, 9, 25), "township"));
        Assert.Equal("Complaint.NotConcluded", complaint.Close("已处理", At(2026, 9, 28), "township")!.Code);
        Assert.Null(complaint.EndMediation(true, "经营者退还餐费并赔偿500元，双方签字", violationFound: true, Calendar, Clocks, At(2026, 9, 28), "township"));
        Assert.Equal(ComplaintOutcome.Agreement, complaint.Outcome);
        Assert.True(complaint.ViolationVerified);
        Assert.Equal("Complaint.NotClosed", complaint.RecordReturnVisit(Satisfaction.Satisfied, null, At(2026, 9, 29), "office")!.Code);
        Assert.Null(complaint.Close("您的投诉已调解结案：经营者退还餐费并赔偿500元。", At(2026, 9, 29), "township"));
        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.False(complaint.Open);
        Assert.Null(complaint.RunningDeadline);
        Assert.Equal("Complaint.NotOpen", complaint.RecordAction(ComplaintEntryKind.Note, "补记", null, At(2026, 9, 30), "township")!.Code);
        Assert.Null(complaint.RecordReturnVisit(Satisfaction.Satisfied, "电话回访", At(2026, 9, 30), "office"));
        Assert.Equal("Complaint.VisitAlreadyRecorded", complaint.RecordReturnVisit(Satisfaction.Dissatisfied, null, At(2026, 9, 30), "office")!.Code);
        Assert.Equal(
            [ComplaintEntryKind.Received, ComplaintEntryKind.Accepted, ComplaintEntryKind.InspectionStarted, ComplaintEntryKind.Mediated,
                ComplaintEntryKind.Closed, ComplaintEntryKind.ReturnVisit],
            complaint.Entries.Select(e => e.Kind));
    }

    [Fact]
    public void A_refusal_needs_a_reason_and_is_for_complaints_only()
    {
        var report = Received(ComplaintKind.Report, At(2026, 9, 23));
        Assert.Equal("Complaint.OnlyForComplaints", report.Refuse("不属于本部门职责", Calendar, Clocks, At(2026, 9, 24), "township")!.Code);
        Assert.Equal("Complaint.OnlyForComplaints", report.Accept(Calendar, Clocks, At(2026, 9, 24), "township")!.Code);
        var complaint = Received(ComplaintKind.Complaint, At(2026, 9, 23));
        Assert.Equal("Complaint.ReasonRequired", complaint.Refuse("", Calendar, Clocks, At(2026, 9, 24), "township")!.Code);
        Assert.Null(complaint.Refuse("已由人民法院受理", Calendar, Clocks, At(2026, 9, 24), "township"));
        Assert.Equal((ComplaintStatus.Refused, ComplaintOutcome.Refused), (complaint.Status, complaint.Outcome));
    }

    [Fact]
    public void An_anonymous_report_has_no_return_visit()
    {
        var report = Received(ComplaintKind.Report, At(2026, 9, 23), Input(ComplaintKind.Report, name: null, phone: null));
        Assert.Null(report.Decide(false, "未发现违法行为", false, Calendar, Clocks, At(2026, 9, 24), "township"));
        Assert.Null(report.Close("匿名举报，无需答复", At(2026, 9, 24), "township"));
        Assert.Equal("Complaint.AnonymousNoVisit", report.RecordReturnVisit(Satisfaction.Satisfied, null, At(2026, 9, 25), "office")!.Code);
    }

    [Fact]
    public void A_duplicate_is_merged_into_the_first_with_a_note_on_both()
    {
        var first = Received(ComplaintKind.Complaint, At(2026, 9, 23));
        var second = Received(ComplaintKind.Complaint, At(2026, 9, 24));
        Assert.Equal("Complaint.MergeTargetInvalid", second.MergeInto(second, null, At(2026, 9, 24), "township")!.Code);
        Assert.Null(second.MergeInto(first, null, At(2026, 9, 24), "township"));
        Assert.Equal((ComplaintStatus.Merged, first.Id), (second.Status, second.MergedIntoId));
        Assert.Equal((ComplaintEntryKind.DuplicateAttached, second.Id), (first.Entries[^1].Kind, first.Entries[^1].LinkedId));
        Assert.Equal("Complaint.MergeTargetInvalid", first.MergeInto(second, null, At(2026, 9, 24), "township")!.Code);
    }

    [Fact]
    public void The_business_reads_it_only_once_released_and_only_if_registered()
    {
        var described = Received(ComplaintKind.Report, At(2026, 9, 23));
        Assert.Equal("Complaint.NoRegisteredBusiness", described.ReleaseToBusiness(At(2026, 9, 24), "township")!.Code);
        Assert.Null(described.LinkBusiness(Guid.NewGuid(), "蓟州区某某饭店", At(2026, 9, 24), "township"));
        Assert.Null(described.ReleaseToBusiness(At(2026, 9, 24), "township"));
        Assert.Equal("Complaint.AlreadyReleased", described.ReleaseToBusiness(At(2026, 9, 24), "township")!.Code);
    }
}
