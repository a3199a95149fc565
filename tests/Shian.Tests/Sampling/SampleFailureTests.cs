using Shian.Common;
using Shian.Sampling;

namespace Shian.Tests.Sampling;

/// <summary>The failure case's limits across the 2020 holidays, the refusals of re-inspection, and the disposal's rules.</summary>
public class SampleFailureTests
{
    private static readonly WorkingDayCalendar Calendar = new(WorkingDayCalendar.BuiltInDays());

    // Beijing time: 01:00 UTC is 09:00 the same day.
    private static DateTime At(int year, int month, int day) => new(year, month, day, 1, 0, 0, DateTimeKind.Utc);

    private static Sample Reported(DateOnly sampledOn, params SampleTestItem[] items)
    {
        var sample = SampleTests.Filled(sampledOn);
        sample.Number = "JZ-2020-000007";
        return new SampleBuilder(sample, Calendar).Reported(items: items).Sample;
    }

    private static SampleTestItem Item(string name, string unit, ItemJudgement judgement) =>
        new() { Name = name, Value = judgement == ItemJudgement.Fail ? "12" : "1", Unit = unit, Limit = "≤5", Judgement = judgement };

    private static SampleFailure Case(DateOnly sampledOn, int year, int month, int day, params SampleTestItem[] items) =>
        SampleFailures.CaseOf(Reported(sampledOn, items), Calendar, At(year, month, day), "区市场监管局")!;

    private static readonly SampleTestItem Aflatoxin = Item("黄曲霉毒素B1", "μg/kg", ItemJudgement.Fail);

    [Fact]
    public void A_notice_served_on_29_September_2020_leaves_7_working_days_across_National_Day_and_90_days_to_dispose()
    {
        var f = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin, Item("铅", "mg/kg", ItemJudgement.Pass));
        Assert.Equal(new DateOnly(2020, 9, 29), f.NoticeServedOn);
        // 9-30, 10-09, Saturday 10-10 (调休), 10-12, 10-13, 10-14, 10-15.
        Assert.Equal(new DateOnly(2020, 10, 15), f.RequestDeadline);
        Assert.Equal(new DateOnly(2020, 12, 28), f.DisposalDeadline);
        Assert.Equal("黄曲霉毒素B1 12 μg/kg（≤5）", f.FailedItems);
        Assert.False(f.MicrobiologicalOnly);

        // The last day is taken; the day after is refused with nothing changed.
        var late = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        var error = late.RequestReinspection("检验方法有误", new DateOnly(2020, 10, 16), Calendar, At(2020, 10, 16), "operator");
        Assert.Equal(new Problem("SampleFailure.ReinspectionLate", SampleFailure.RequestWorkingDays, new DateOnly(2020, 10, 15)).ToString(), error?.ToString());
        Assert.Equal((ReinspectionStatus.None, "", (DateOnly?)null), (late.Reinspection, late.ReinspectionReason, late.ReinspectionRequestedOn));
        Assert.Equal("SampleFailure.ObjectionLate", late.Object("抽样未封样", new DateOnly(2020, 10, 16), At(2020, 10, 16), "operator")?.Code);
        Assert.Equal(ObjectionStatus.None, late.Objection);

        Assert.Null(f.RequestReinspection("检验方法有误", new DateOnly(2020, 10, 15), Calendar, At(2020, 10, 15), "operator"));
        Assert.Equal(ReinspectionStatus.Requested, f.Reinspection);
        // The office decides within 5 working days: 10-16, 10-19 … 10-22.
        Assert.Equal(new DateOnly(2020, 10, 22), f.ReinspectionDecisionDeadline);
        Assert.NotNull(f.RequestReinspection("again", new DateOnly(2020, 10, 15), Calendar, At(2020, 10, 15), "operator"));
    }

    [Theory]
    [InlineData("菌落总数", "CFU/g", true)]
    [InlineData("大肠菌群", "MPN/g", true)]
    [InlineData("沙门氏菌", "/25g", true)]
    [InlineData("金黄色葡萄球菌", "", true)]
    [InlineData("霉菌和酵母", "", true)]
    [InlineData("单核细胞增生李斯特氏菌", "", true)]
    [InlineData("致泻大肠埃希氏菌", "", true)]
    [InlineData("Total plate count", "CFU/mL", true)]
    [InlineData("黄曲霉毒素B1", "μg/kg", false)]
    [InlineData("铅（以Pb计）", "mg/kg", false)]
    [InlineData("二氧化硫残留量", "g/kg", false)]
    public void Microbiological_items_are_known_by_unit_or_name(string name, string unit, bool expected) =>
        Assert.Equal(expected, SampleFailures.IsMicrobiological(name, unit));

    [Fact]
    public void Re_inspection_is_refused_for_microbiological_failures_and_expired_backups_but_not_for_a_mixed_failure()
    {
        var microbes = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Item("菌落总数", "CFU/g", ItemJudgement.Fail), Item("大肠菌群", "MPN/g", ItemJudgement.Fail), Item("铅", "mg/kg", ItemJudgement.Pass));
        Assert.True(microbes.MicrobiologicalOnly);
        Assert.Equal("SampleFailure.MicrobiologicalNoReinspection", microbes.RequestReinspection("理由", new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "operator")?.Code);
        Assert.Equal(ReinspectionStatus.None, microbes.Reinspection);
        // An objection about the sampling is still possible.
        Assert.Null(microbes.Object("抽样时未当场封样", new DateOnly(2020, 9, 30), At(2020, 9, 30), "operator"));

        var mixed = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Item("菌落总数", "CFU/g", ItemJudgement.Fail), Aflatoxin);
        Assert.False(mixed.MicrobiologicalOnly);
        Assert.Null(mixed.RequestReinspection("理由", new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "operator"));

        // Sampled on 2020-03-25: the backup is kept until 2020-09-25; a notice served late cannot revive it.
        var expired = Case(new DateOnly(2020, 3, 25), 2020, 9, 24, Aflatoxin);
        Assert.Equal("SampleFailure.BackupExpired", expired.RequestReinspection("理由", new DateOnly(2020, 9, 28), Calendar, At(2020, 9, 28), "operator")?.Code);
        Assert.Equal(ReinspectionStatus.None, expired.Reinspection);
        Assert.Null(expired.RequestReinspection("理由", new DateOnly(2020, 9, 25), Calendar, At(2020, 9, 25), "operator"));

        var empty = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Equal("SampleFailure.ReinspectionReasonRequired", empty.RequestReinspection("  ", new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "operator")?.Code);
    }

    [Fact]
    public void The_random_laboratory_is_never_the_first_one_and_every_other_one_is_drawn()
    {
        var first = Guid.NewGuid();
        var others = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var draw = new ReinspectionLabDraw(new Random(7));
        var drawn = Enumerable.Range(0, 300).Select(_ => draw.Pick([first, .. others], first)).ToList();
        Assert.DoesNotContain((Guid?)first, drawn);
        Assert.All(others, o => Assert.Contains((Guid?)o, drawn));
        Assert.Null(draw.Pick([first], first));
        Assert.Null(draw.Pick([], first));

        var f = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Null(f.RequestReinspection("理由", new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "operator"));
        Assert.NotNull(f.AcceptReinspection(f.LaboratoryId, new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "office"));
        Assert.Equal(ReinspectionStatus.Requested, f.Reinspection);
        Assert.Null(f.AcceptReinspection(others[0], new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "office"));
        // 10 working days from 9-30: 10-09, 10-10 (调休), 10-12 … 10-16, 10-19, 10-20, 10-21.
        Assert.Equal(new DateOnly(2020, 10, 21), f.ReinspectionReportDeadline);
        Assert.False(f.IsReinspectionOverdue(new DateOnly(2020, 10, 21)));
        Assert.True(f.IsReinspectionOverdue(new DateOnly(2020, 10, 22)));
    }

    private static readonly StoredFile Pdf = new() { Id = Guid.NewGuid(), ContentType = "application/pdf" };

    [Fact]
    public void A_passed_re_inspection_withdraws_the_case_and_a_failed_one_keeps_the_disposal_going()
    {
        var passed = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Null(passed.RequestReinspection("理由", new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "operator"));
        Assert.Equal("SampleFailure.WaitForReinspection", passed.Complete("小结", new DateOnly(2020, 10, 9), At(2020, 10, 9), "township")?.Code);
        Assert.Null(passed.AcceptReinspection(Guid.NewGuid(), new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "office"));
        Assert.NotNull(passed.RecordReinspection(true, new StoredFile { ContentType = "image/png" }, At(2020, 10, 12), "lab2"));
        Assert.Null(passed.RecordReinspection(true, Pdf, At(2020, 10, 12), "lab2"));
        Assert.Equal((SampleFailureStatus.Withdrawn, ReinspectionStatus.Passed, false), (passed.Status, passed.Reinspection, passed.NeedsDisposal));

        var failed = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Null(failed.RequestReinspection("理由", new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "operator"));
        Assert.Null(failed.AcceptReinspection(Guid.NewGuid(), new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "office"));
        Assert.Null(failed.RecordReinspection(false, Pdf, At(2020, 10, 12), "lab2"));
        Assert.Equal((SampleFailureStatus.Disposing, ReinspectionStatus.Failed), (failed.Status, failed.Reinspection));

        var refused = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Null(refused.RequestReinspection("理由", new DateOnly(2020, 9, 30), Calendar, At(2020, 9, 30), "operator"));
        Assert.Equal("SampleFailure.RefusalReasonRequired", refused.RefuseReinspection(" ", At(2020, 9, 30), "office")?.Code);
        Assert.Null(refused.RefuseReinspection("申请材料不全", At(2020, 9, 30), "office"));
        Assert.Equal((SampleFailureStatus.Disposing, ReinspectionStatus.Refused), (refused.Status, refused.Reinspection));
    }

    [Fact]
    public void An_upheld_objection_withdraws_the_case_a_rejected_one_does_not()
    {
        var upheld = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Equal("SampleFailure.ObjectionRequired", upheld.Object("", new DateOnly(2020, 9, 30), At(2020, 9, 30), "operator")?.Code);
        Assert.Null(upheld.Object("样品标签与实物不符", new DateOnly(2020, 9, 30), At(2020, 9, 30), "operator"));
        Assert.Equal("SampleFailure.AnswerObjectionFirst", upheld.Complete("小结", new DateOnly(2020, 10, 9), At(2020, 10, 9), "township")?.Code);
        Assert.Null(upheld.AnswerObjection(true, "经核实，抽样程序有误", At(2020, 10, 9), "office"));
        Assert.Equal((SampleFailureStatus.Withdrawn, ObjectionStatus.Upheld), (upheld.Status, upheld.Objection));

        var rejected = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Null(rejected.Object("样品标签与实物不符", new DateOnly(2020, 9, 30), At(2020, 9, 30), "operator"));
        Assert.Null(rejected.AnswerObjection(false, "抽样程序符合规定", At(2020, 10, 9), "office"));
        Assert.Equal((SampleFailureStatus.Disposing, ObjectionStatus.Rejected), (rejected.Status, rejected.Objection));
    }

    [Fact]
    public void Disposal_needs_the_sale_controlled_and_a_penalty_or_a_reason_and_is_marked_late_after_90_days()
    {
        var f = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Equal("SampleFailure.MeasuresFirst", f.Complete("小结", new DateOnly(2020, 10, 9), At(2020, 10, 9), "township")?.Code);
        var bad = f.RecordMeasures(new(true, null, true, 0, "", "", 500, "", "情节轻微"), At(2020, 10, 9), "township");
        Assert.Equal(["NoPenaltyReason", "PenaltyDecisionNumber", "RecalledQuantity", "StoppedQuantity"], bad.Keys.Order());
        Assert.Null(f.MeasuresRecordedAt);
        Assert.Empty(f.RecordMeasures(new(true, 120, false, null, "某某面粉厂", "", null, "", ""), At(2020, 10, 9), "township"));
        Assert.Equal("SampleFailure.PenaltyFirst", f.Complete("小结", new DateOnly(2020, 10, 9), At(2020, 10, 9), "township")?.Code);
        Assert.Empty(f.RecordMeasures(new(true, 120, true, 30, "某某面粉厂", "区市监立〔2020〕15号", 5000, "区市监罚〔2020〕15号", ""), At(2020, 10, 9), "township"));
        Assert.Equal("SampleFailure.SummaryRequired", f.Complete(" ", new DateOnly(2020, 12, 29), At(2020, 12, 29), "township")?.Code);
        Assert.True(f.IsOverdue(new DateOnly(2020, 12, 29)));
        Assert.Null(f.Complete("已下架召回，立案处罚", new DateOnly(2020, 12, 29), At(2020, 12, 29), "township"));
        Assert.Equal((SampleFailureStatus.Completed, true), (f.Status, f.CompletedLate));
        Assert.False(f.IsOverdue(new DateOnly(2020, 12, 30)));

        var inTime = Case(new DateOnly(2020, 9, 20), 2020, 9, 29, Aflatoxin);
        Assert.Empty(inTime.RecordMeasures(new(false, null, true, 10, "", "", null, "", "首次违法且及时召回"), At(2020, 10, 9), "township"));
        Assert.Null(inTime.Complete("已召回", new DateOnly(2020, 12, 28), At(2020, 12, 28), "township"));
        Assert.False(inTime.CompletedLate);
    }

    [Fact]
    public void A_passed_sample_has_no_case()
    {
        Assert.Null(SampleFailures.CaseOf(Reported(new DateOnly(2020, 9, 20), Item("铅", "mg/kg", ItemJudgement.Pass)), Calendar, At(2020, 9, 29), "x"));
    }
}
