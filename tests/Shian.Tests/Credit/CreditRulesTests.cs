using Shian.Common;
using Shian.Credit;
using Shian.Risk;

namespace Shian.Tests.Credit;

public class SeriousViolationRulesTests
{
    private static readonly CreditSettings Settings = new();
    private static readonly DateTime At = new(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);

    private static SeriousViolation Listing(DateOnly decided, DateOnly? from = null, CreditSettings? settings = null)
    {
        var (listing, error) = SeriousViolation.Create(Guid.NewGuid(), "津市监罚〔2025〕12 号", "《市场监督管理严重违法失信名单管理办法》第二条",
            decided, from, new DateOnly(2026, 3, 1), settings ?? Settings, At, "office");
        Assert.Null(error);
        return listing!;
    }

    [Fact]
    public void A_listing_decided_on_15_March_2025_runs_three_years_to_14_March_2028()
    {
        var listing = Listing(new DateOnly(2025, 3, 15));
        Assert.Equal(new DateOnly(2025, 3, 15), listing.From);
        Assert.Equal(new DateOnly(2028, 3, 14), listing.To);
        Assert.True(listing.HoldsOn(new DateOnly(2028, 3, 14)));
        Assert.False(listing.HoldsOn(new DateOnly(2028, 3, 15)));
        Assert.False(listing.HoldsOn(new DateOnly(2025, 3, 14)));
        Assert.Equal(SeriousViolationStatus.Listed, listing.StatusOn(new DateOnly(2028, 3, 14)));
        Assert.Equal(SeriousViolationStatus.Expired, listing.StatusOn(new DateOnly(2028, 3, 15)));
    }

    [Fact]
    public void The_period_is_configurable_and_a_leap_day_start_ends_on_the_last_of_February()
    {
        var listing = Listing(new DateOnly(2024, 2, 29), settings: new CreditSettings { ListingYears = 2, EarlyRemovalAfterYears = 1 });
        Assert.Equal(new DateOnly(2026, 2, 27), listing.To); // 2024-02-29 + 2 years = 2026-02-28, the day before is the last
        Assert.Equal(new DateOnly(2025, 2, 28), listing.EarliestRemoval(Settings));
    }

    [Fact]
    public void Early_removal_may_be_requested_from_the_first_anniversary_and_ends_the_listing_that_day()
    {
        var listing = Listing(new DateOnly(2025, 3, 15));
        var refusal = listing.RefuseRemovalRequest(new DateOnly(2026, 3, 14), Settings);
        Assert.Equal("SeriousViolation.RemovalTooEarly", refusal?.Code);
        Assert.Equal([1, new DateOnly(2026, 3, 15)], refusal!.Args);
        Assert.Null(listing.RefuseRemovalRequest(new DateOnly(2026, 3, 15), Settings));

        listing.RemoveEarly(new DateOnly(2026, 4, 2));
        Assert.Equal(new DateOnly(2026, 4, 1), listing.To);
        Assert.True(listing.HoldsOn(new DateOnly(2026, 4, 1)));
        Assert.False(listing.HoldsOn(new DateOnly(2026, 4, 2)));
        Assert.Equal(SeriousViolationStatus.RemovedEarly, listing.StatusOn(new DateOnly(2026, 4, 2)));
        Assert.Equal("SeriousViolation.AlreadyRemoved", listing.RefuseRemovalRequest(new DateOnly(2026, 5, 1), Settings)?.Code);
    }

    [Fact]
    public void A_two_year_minimum_moves_the_earliest_request()
    {
        var settings = new CreditSettings { EarlyRemovalAfterYears = 2 };
        var listing = Listing(new DateOnly(2025, 3, 15));
        Assert.Equal([2, new DateOnly(2027, 3, 15)], listing.RefuseRemovalRequest(new DateOnly(2026, 6, 1), settings)!.Args);
    }

    [Theory]
    [InlineData("", "x", "2026-01-01", null, "SeriousViolation.BasisRequired")]
    [InlineData("a", " ", "2026-01-01", null, "SeriousViolation.ProvisionRequired")]
    [InlineData("a", "b", null, null, "SeriousViolation.DecidedOnRequired")]
    [InlineData("a", "b", "2026-03-02", null, "SeriousViolation.DecidedOnInFuture")]
    [InlineData("a", "b", "2026-01-10", "2026-01-09", "SeriousViolation.FromBeforeDecision")]
    public void Bad_listings_are_refused_with_the_field_named(string basis, string provision, string? decided, string? from, string code)
    {
        var (listing, error) = SeriousViolation.Create(Guid.NewGuid(), basis, provision, decided is null ? null : DateOnly.Parse(decided),
            from is null ? null : DateOnly.Parse(from), new DateOnly(2026, 3, 1), Settings, At, "office");
        Assert.Null(listing);
        Assert.Equal(code, error?.Code);
    }
}

public class RedBlackRulesTests
{
    private static readonly RedBlackRules Rules = RedBlackRules.Default;

    [Fact]
    public void Grade_A_with_inspections_and_none_non_conforming_is_red()
    {
        var verdict = Rules.Evaluate(new RedBlackFacts(RiskLevel.A, 2, 0, false));
        Assert.Equal((RedBlackSide.Red, "风险等级 A 级，近 12 个月检查 2 次均无不符合"), verdict);
    }

    [Theory]
    [InlineData(RiskLevel.B, 3, 0)] // grade B is not red under the default rules
    [InlineData(RiskLevel.A, 0, 0)] // no inspection: nothing to vouch for it
    [InlineData(RiskLevel.A, 3, 1)] // one non-conforming: neither red nor black
    public void Otherwise_it_is_on_neither_list(RiskLevel grade, int inspections, int nonConforming) =>
        Assert.Null(Rules.Evaluate(new RedBlackFacts(grade, inspections, nonConforming, false)));

    [Fact]
    public void An_ungraded_caterer_is_not_red() => Assert.Null(Rules.Evaluate(new RedBlackFacts(null, 3, 0, false)));

    [Fact]
    public void Two_non_conforming_inspections_or_a_serious_listing_make_it_black_whatever_the_grade()
    {
        Assert.Equal((RedBlackSide.Black, "近 12 个月监督检查结果不符合 2 次"), Rules.Evaluate(new RedBlackFacts(RiskLevel.B, 4, 2, false)));
        Assert.Equal((RedBlackSide.Black, "列入严重违法失信名单"), Rules.Evaluate(new RedBlackFacts(RiskLevel.A, 3, 0, true)));
        Assert.Equal((RedBlackSide.Black, "近 12 个月监督检查结果不符合 3 次；列入严重违法失信名单"), Rules.Evaluate(new RedBlackFacts(RiskLevel.D, 3, 3, true)));
    }

    [Fact]
    public void Penalties_count_only_once_the_rule_is_switched_on()
    {
        Assert.Null(Rules.Evaluate(new RedBlackFacts(RiskLevel.B, 1, 0, false, Penalties: 5)));
        var strict = Rules with { BlackMinPenalties = 1, RedMaxGrade = RiskLevel.B };
        Assert.Equal((RedBlackSide.Black, "受到行政处罚 1 次"), strict.Evaluate(new RedBlackFacts(RiskLevel.A, 1, 0, false, Penalties: 1)));
        Assert.Equal(RedBlackSide.Red, strict.Evaluate(new RedBlackFacts(RiskLevel.B, 1, 0, false))?.Side);
    }

    [Fact]
    public void The_window_of_the_October_2026_list_is_November_2025_to_October_2026()
    {
        Assert.Equal(new DateOnly(2025, 11, 1), Rules.WindowStart(new DateOnly(2026, 10, 17)));
        Assert.Equal(new DateOnly(2026, 10, 31), RedBlackRules.MonthEnd(new DateOnly(2026, 10, 17)));
        Assert.Equal(new DateOnly(2026, 2, 28), RedBlackRules.MonthEnd(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void One_failed_sample_in_the_window_makes_it_black_by_default_and_keeps_it_off_the_red_list_even_when_the_rule_is_off()
    {
        Assert.Equal(1, RedBlackRules.Default.BlackMinFailedSamples);
        Assert.Equal((RedBlackSide.Black, "近 12 个月抽检不合格 1 批次"), Rules.Evaluate(new RedBlackFacts(RiskLevel.A, 3, 0, false, FailedSamples: 1)));
        Assert.Equal((RedBlackSide.Black, "近 12 个月监督检查结果不符合 2 次；近 12 个月抽检不合格 3 批次"),
            Rules.Evaluate(new RedBlackFacts(RiskLevel.C, 3, 2, false, FailedSamples: 3)));
        var two = Rules with { BlackMinFailedSamples = 2, WindowMonths = 6 };
        Assert.Null(two.Evaluate(new RedBlackFacts(RiskLevel.A, 3, 0, false, FailedSamples: 1))); // below the threshold, and not red either
        Assert.Equal((RedBlackSide.Black, "近 6 个月抽检不合格 2 批次"), two.Evaluate(new RedBlackFacts(RiskLevel.A, 3, 0, false, FailedSamples: 2)));
        var off = Rules with { BlackMinFailedSamples = 0 };
        Assert.Null(off.Evaluate(new RedBlackFacts(RiskLevel.A, 3, 0, false, FailedSamples: 4)));
        Assert.Equal(RedBlackSide.Red, off.Evaluate(new RedBlackFacts(RiskLevel.A, 3, 0, false))?.Side);
    }

    [Fact]
    public void Rules_stored_before_the_sampling_rule_read_with_its_default_and_a_stored_zero_stays_off()
    {
        const string old = """{ "Version": 2, "EffectiveFrom": "2026-01-01", "WindowMonths": 12, "RedMaxGrade": "A", "RedMinInspections": 1, "BlackMinNonConforming": 2, "BlackIfSeriousViolator": true, "BlackMinPenalties": 0 }""";
        Assert.Equal(RedBlackRules.DefaultBlackMinFailedSamples, RedBlackRules.FromJson(old).BlackMinFailedSamples);
        var off = Rules with { BlackMinFailedSamples = 0 };
        Assert.Equal(0, RedBlackRules.FromJson(off.ToJson()).BlackMinFailedSamples);
    }

    [Fact]
    public void The_rules_round_trip_through_json()
    {
        var rules = Rules with { WindowMonths = 6, RedMaxGrade = RiskLevel.B };
        var json = rules.ToJson();
        Assert.Contains("\"redMaxGrade\": \"B\"", json); // the rulebooks' one JSON shape (ShianJson); older PascalCase bodies still read
        Assert.Equal(rules, RedBlackRules.FromJson(json));
    }
}

public class RedBlackRulesIssueTests
{
    private static (RedBlackRules? Rules, IReadOnlyList<(string Field, Problem Error)> Errors) Issue(DateOnly? month = null, DateOnly? approved = null,
        int? window = 12, RiskLevel? grade = RiskLevel.A, int? inspections = 1, int? nonConforming = 2, int? penalties = 0) =>
        RedBlackRules.Issue(3, month ?? new DateOnly(2027, 2, 1), approved, window, grade, inspections, nonConforming, true, penalties);

    [Fact]
    public void A_valid_version_takes_effect_on_the_first_day_of_its_month_and_reads_in_plain_Chinese()
    {
        var (rules, errors) = RedBlackRules.Issue(3, new DateOnly(2027, 2, 17), new DateOnly(2027, 1, 1), 6, RiskLevel.B, 2, 1, false, 3);
        Assert.Empty(errors);
        Assert.Equal((3, new DateOnly(2027, 2, 1), 6, RiskLevel.B, 2, 1, false, 3),
            (rules!.Version, rules.EffectiveFrom, rules.WindowMonths, rules.RedMaxGrade, rules.RedMinInspections, rules.BlackMinNonConforming,
                rules.BlackIfSeriousViolator, rules.BlackMinPenalties));
        Assert.Equal(
            ["红榜：风险等级 B 级及以上，近 6 个月至少检查 2 次且无不符合，无抽检不合格，未列入严重违法失信名单",
                "黑榜：近 6 个月监督检查结果不符合 1 次及以上，或近 6 个月抽检不合格 1 批次及以上，或受到行政处罚 3 次及以上（黑榜优先）"],
            rules.Describe());
        Assert.Equal("黑榜：近 12 个月监督检查结果不符合 2 次及以上，或列入严重违法失信名单，或近 12 个月抽检不合格 1 批次及以上（黑榜优先）",
            RedBlackRules.Default.Describe()[1]);
        Assert.DoesNotContain("抽检", (RedBlackRules.Default with { BlackMinFailedSamples = 0 }).Describe()[1]);
        // The stored JSON reads back to the same rules.
        Assert.Equal(rules, RedBlackRuleRecord.From(rules, DateTime.UtcNow).Read());
    }

    [Fact]
    public void It_may_not_reach_back_to_an_approved_month()
    {
        var (rules, errors) = Issue(month: new DateOnly(2027, 1, 1), approved: new DateOnly(2027, 1, 1));
        Assert.Null(rules);
        Assert.Equal([("EffectiveFrom", "RedBlack.MonthApproved(2027-01, 2027-02)")], errors.Select(e => (e.Field, e.Error.ToString())));
        Assert.NotNull(Issue(month: new DateOnly(2026, 12, 1), approved: new DateOnly(2027, 1, 1)).Errors.SingleOrDefault(e => e.Field == "EffectiveFrom").Error);
        Assert.Empty(Issue(month: new DateOnly(2027, 2, 1), approved: new DateOnly(2027, 1, 1)).Errors);
        Assert.Empty(Issue(month: new DateOnly(2020, 2, 1), approved: null).Errors); // no approved list yet: any month
        Assert.Equal("RedBlack.EffectiveMonthRequired", RedBlackRules.Issue(3, null, null, 12, RiskLevel.A, 1, 2, true, 0).Errors.Single().Error.Code);
    }

    [Theory]
    [InlineData(0, "WindowMonths")]
    [InlineData(37, "WindowMonths")]
    [InlineData(null, "WindowMonths")]
    public void The_window_is_1_to_36_months(int? window, string field)
    {
        var (rules, errors) = Issue(window: window);
        Assert.Null(rules);
        Assert.Equal([(field, "RedBlack.WindowRange(36)")], errors.Select(e => (e.Field, e.Error.ToString())));
        Assert.Empty(Issue(window: 1).Errors);
        Assert.Empty(Issue(window: 36).Errors);
    }

    [Fact]
    public void Counts_may_not_be_negative_and_the_black_threshold_not_zero_every_error_named_at_once()
    {
        var (rules, errors) = Issue(inspections: -1, nonConforming: 0, penalties: -2, grade: (RiskLevel)7);
        Assert.Null(rules);
        Assert.Equal(["RedMaxGrade", "RedMinInspections", "BlackMinNonConforming", "BlackMinPenalties"], errors.Select(e => e.Field));
        Assert.Equal("RedBlack.BlackMinNonConforming", errors.Single(e => e.Field == "BlackMinNonConforming").Error.Code);
        Assert.Equal("RedBlack.RedMinInspections", errors.Single(e => e.Field == "RedMinInspections").Error.Code);
        Assert.Empty(Issue(inspections: 0, nonConforming: 1, penalties: 0).Errors);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(null)]
    public void The_failed_sample_threshold_is_0_or_more(int? failed)
    {
        var (rules, errors) = RedBlackRules.Issue(3, new DateOnly(2027, 2, 1), null, 12, RiskLevel.A, 1, 2, true, 0, failed);
        Assert.Null(rules);
        Assert.Equal([("BlackMinFailedSamples", "RedBlack.BlackMinFailedSamples")], errors.Select(e => (e.Field, e.Error.Code)));
        Assert.Equal(0, RedBlackRules.Issue(3, new DateOnly(2027, 2, 1), null, 12, RiskLevel.A, 1, 2, true, 0, 0).Rules!.BlackMinFailedSamples);
        Assert.Equal(2, RedBlackRules.Issue(3, new DateOnly(2027, 2, 1), null, 12, RiskLevel.A, 1, 2, true, 0, 2).Rules!.BlackMinFailedSamples);
    }
}

public class RemovalRequestTests
{
    private static readonly CreditSettings Settings = new();
    private static readonly DateTime At = new(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc);

    private static SeriousViolation Listed(DateOnly from) =>
        new() { Id = Guid.NewGuid(), BusinessId = Guid.NewGuid(), Basis = "b", Provision = "p", DecidedOn = from, From = from, To = SeriousViolation.PeriodEnd(from, 3) };

    [Fact]
    public void Before_a_year_the_request_is_refused_naming_the_earliest_day_and_nothing_else_is_checked()
    {
        var (removal, errors) = SeriousViolationRemoval.Request(Listed(new DateOnly(2025, 6, 2)), false, true, "", CreditRepair.None, "",
            new DateOnly(2026, 6, 1), Settings, At, "operator");
        Assert.Null(removal);
        Assert.Equal([("", "SeriousViolation.RemovalTooEarly")], errors.Select(e => (e.Field, e.Error.Code)));
    }

    [Fact]
    public void From_the_first_allowed_day_a_request_with_reason_and_repair_is_pending_and_another_waits_for_its_decision()
    {
        var listing = Listed(new DateOnly(2025, 6, 1));
        var (removal, errors) = SeriousViolationRemoval.Request(listing, false, true, "  已缴纳罚款  ", CreditRepair.FinePaid | CreditRepair.Corrected, " 缴款书 1 ",
            new DateOnly(2026, 6, 1), Settings, At, "operator");
        Assert.Empty(errors);
        Assert.Equal((listing.Id, true, "已缴纳罚款", "缴款书 1", RemovalDecision.Pending, new DateOnly(2026, 6, 1)),
            (removal!.SeriousViolationId, removal.ByOperator, removal.Reason, removal.RepairNote, removal.Decision, removal.RequestedOn));
        Assert.NotEqual(Guid.Empty, removal.Id); // evidence files are owned by it before it is saved
        Assert.Equal([("", "SeriousViolation.RemovalPending")],
            SeriousViolationRemoval.Request(listing, true, true, "r", CreditRepair.FinePaid, "", new DateOnly(2026, 6, 1), Settings, At, "operator").Errors.Select(e => (e.Field, e.Error.Code)));
    }

    [Fact]
    public void Reason_and_a_repair_measure_are_required_and_texts_limited()
    {
        var listing = Listed(new DateOnly(2024, 1, 1));
        var (removal, errors) = SeriousViolationRemoval.Request(listing, false, true, " ", CreditRepair.None, new string('x', 1001), new DateOnly(2026, 6, 1), Settings, At, "o");
        Assert.Null(removal);
        Assert.Equal(["Reason", "Repair", "RepairNote"], errors.Select(e => e.Field));
        Assert.Equal("SeriousViolation.ReasonRequired", errors[0].Error.Code);
        var removed = Listed(new DateOnly(2024, 1, 1));
        removed.RemoveEarly(new DateOnly(2026, 1, 1));
        Assert.Equal("SeriousViolation.AlreadyRemoved",
            SeriousViolationRemoval.Request(removed, false, true, "r", CreditRepair.FinePaid, "", new DateOnly(2026, 6, 1), Settings, At, "o").Errors.Single().Error.Code);
    }
}
