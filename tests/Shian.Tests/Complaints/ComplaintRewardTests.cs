using Shian.Common;
using Shian.Complaints;

namespace Shian.Tests.Complaints;

public class ComplaintRewardTests
{
    private static readonly WorkingDayCalendar Calendar = new(WorkingDayCalendar.BuiltInDays());
    private static readonly RewardRules.Informant Eligible = new(NaturalPerson: true, RegulatorStaff: false, InjuredParty: false, Offender: false);

    private static DateTime At(int month, int day) => new(2026, month, day, 1, 0, 0, DateTimeKind.Utc);

    private static Complaint Report(bool openCase, string? name = "李先生")
    {
        var input = new Complaint.Input(ComplaintKind.Report, "某某食品厂", null, "文昌街道工业园 3 号", "使用过期原料生产", null, name, name is null ? null : "13900000000");
        var (report, errors) = Complaint.Receive(input, ComplaintChannel.Online, new(Guid.NewGuid(), null), Calendar, ComplaintClocks.Statutory, At(3, 2), "public", TrackingCodes.New());
        Assert.Empty(errors);
        Assert.Null(report!.Decide(openCase, "核查", false, Calendar, ComplaintClocks.Statutory, At(3, 10), "township"));
        return report;
    }

    private static ComplaintReward Proposed(decimal fines = 300_000m, int tier = 1)
    {
        var (reward, errors) = ComplaintReward.Propose(Report(openCase: true), false, new("津蓟市监罚〔2026〕12号", fines, tier, Eligible), At(6, 1), "office");
        Assert.Empty(errors);
        return reward!;
    }

    [Fact]
    public void The_amount_is_computed_by_the_2021_rules_and_stored_with_the_grounds()
    {
        var reward = Proposed(300_000m, 2);
        Assert.Equal(9_000m, reward.Amount); // 3%
        Assert.Equal(RewardStatus.Proposed, reward.Status);
        Assert.Equal("津蓟市监罚〔2026〕12号", reward.DecisionNumber);
        Assert.True(reward.NaturalPerson);
        Assert.Equal("office", reward.ProposedBy);
    }

    [Fact]
    public void Only_a_named_report_that_led_to_a_case_and_an_eligible_informant_can_be_rewarded()
    {
        ComplaintReward.Proposal Proposal(RewardRules.Informant informant) => new("罚字1号", 10_000m, 1, informant);
        Assert.Equal("Reward.NotACaseReport", ComplaintReward.Propose(Report(openCase: false), false, Proposal(Eligible), At(6, 1), "office").Errors[""].Code);
        Assert.Equal("Reward.AnonymousInformant", ComplaintReward.Propose(Report(true, name: null), false, Proposal(Eligible), At(6, 1), "office").Errors[""].Code);
        Assert.Equal("Reward.AlreadyProposed", ComplaintReward.Propose(Report(true), true, Proposal(Eligible), At(6, 1), "office").Errors[""].Code);
        var staff = ComplaintReward.Propose(Report(true), false, Proposal(Eligible with { RegulatorStaff = true }), At(6, 1), "office");
        Assert.Null(staff.Reward);
        Assert.Equal("Reward.RegulatorStaff", staff.Errors[nameof(ComplaintReward.Proposal.Informant)].Code);
        var injured = ComplaintReward.Propose(Report(true), false, Proposal(Eligible with { InjuredParty = true }), At(6, 1), "office");
        Assert.Equal("Reward.InjuredParty", injured.Errors[nameof(ComplaintReward.Proposal.Informant)].Code);
        var bad = ComplaintReward.Propose(Report(true), false, new(" ", -1m, 1, Eligible), At(6, 1), "office");
        Assert.Equal("Reward.DecisionNumberRequired", bad.Errors[nameof(ComplaintReward.DecisionNumber)].Code);
        Assert.Equal("Reward.FinesNegative", bad.Errors[nameof(ComplaintReward.FinesAndConfiscations)].Code);
        Assert.Equal("Reward.TierOutOfRange", ComplaintReward.Propose(Report(true), false, new("罚字1号", 1m, 5, Eligible), At(6, 1), "office").Errors[nameof(ComplaintReward.Tier)].Code);
    }

    [Fact]
    public void A_second_office_user_approves_never_the_proposer_and_payment_follows_approval()
    {
        var reward = Proposed();
        Assert.Equal("Reward.NotApproved", reward.RecordPayment(new DateOnly(2026, 6, 2), "凭证 001", At(6, 2), "office")!.Code);
        Assert.Equal("Reward.SameApprover", reward.Approve(At(6, 2), "OFFICE")!.Code);
        Assert.Equal(RewardStatus.Proposed, reward.Status);
        Assert.Null(reward.Approve(At(6, 2), "admin"));
        Assert.Equal(RewardStatus.Approved, reward.Status);
        Assert.Equal("admin", reward.DecidedBy);
        Assert.Equal("Reward.NotProposed", reward.Reject("再议", At(6, 3), "admin")!.Code);
        Assert.Equal("Reward.PaymentReferenceRequired", reward.RecordPayment(new DateOnly(2026, 6, 3), " ", At(6, 3), "office")!.Code);
        Assert.Equal("Reward.PaidOnOutOfRange", reward.RecordPayment(new DateOnly(2026, 6, 1), "凭证 001", At(6, 3), "office")!.Code);
        Assert.Null(reward.RecordPayment(new DateOnly(2026, 6, 3), "凭证 001", At(6, 3), "office"));
        Assert.Equal(RewardStatus.Paid, reward.Status);
        Assert.Equal(new DateOnly(2026, 6, 3), reward.PaidOn);
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_frees_the_report_for_a_new_proposal()
    {
        var reward = Proposed();
        Assert.Equal("Reward.ReasonRequired", reward.Reject("", At(6, 2), "admin")!.Code);
        Assert.Null(reward.Reject("罚没款金额有误", At(6, 2), "admin"));
        Assert.Equal(RewardStatus.Rejected, reward.Status);
        Assert.False(reward.Standing);
        Assert.Equal("Reward.NotProposed", reward.Approve(At(6, 3), "admin")!.Code);
    }
}
