using Shian.Grain;
using Shian.Inspections;

namespace Shian.Tests.Grain;

public class HalfYearTests
{
    [Theory]
    [InlineData("2026-01-01", 20261)]
    [InlineData("2026-06-30", 20261)]
    [InlineData("2026-07-01", 20262)]
    [InlineData("2026-12-31", 20262)]
    public void A_day_falls_in_its_half(string day, int code) => Assert.Equal(code, HalfYear.Of(DateOnly.Parse(day)).Code);

    [Fact]
    public void The_half_before_the_first_is_last_years_second() =>
        Assert.Equal(new HalfYear(2025, 2), new HalfYear(2026, 1).Previous);

    private static readonly DateOnly LongAgo = new(2024, 10, 1);

    [Fact]
    public void A_silo_tested_this_half_is_done() =>
        Assert.Equal(TestDueState.Done, GrainTestDue.State([20261, 20262], LongAgo, new(2026, 11, 20)));

    [Fact]
    public void A_silo_whose_last_half_ended_untested_is_overdue() =>
        Assert.Equal(TestDueState.Overdue, GrainTestDue.State([20252], LongAgo, new(2026, 8, 10)));

    [Fact]
    public void A_silo_filled_after_the_last_half_ended_owes_nothing_for_it()
    {
        Assert.Equal(TestDueState.Pending, GrainTestDue.State([], new(2026, 7, 15), new(2026, 8, 10)));
    }

    [Fact]
    public void Within_thirty_days_of_the_half_end_an_untested_silo_is_due_soon()
    {
        Assert.Equal(TestDueState.Pending, GrainTestDue.State([20261], LongAgo, new(2026, 12, 1)));
        Assert.Equal(TestDueState.DueSoon, GrainTestDue.State([20261], LongAgo, new(2026, 12, 2)));
    }
}

public class GrainJudgementTests
{
    private static readonly DateOnly Today = new(2026, 5, 20);

    private static Silo Wheat() => Silo.Create(new Silo.Input("A-01", "城关库", Guid.NewGuid(), "小麦", 5000, 4200, 2025, new DateOnly(2025, 7, 1)), null, Today, "t", DateTime.UtcNow).Silo!;

    internal static Dictionary<string, decimal?> GoodWheat() => new()
    {
        ["moisture"] = 12.1m, ["impurity"] = 0.6m, ["unsound"] = 4.2m, ["fatty-acid"] = 18m,
        ["don"] = 300m, ["afb1"] = 1.2m, ["zen"] = 20m, ["cd"] = 0.03m, ["pb"] = 0.05m,
    };

    private static GrainTest Test(Dictionary<string, decimal?> values) =>
        GrainTest.Create(Wheat(), new GrainTest.Input(new DateOnly(2026, 4, 10), "区粮油质检站", values), Today, "t", DateTime.UtcNow).Test!;

    [Fact]
    public void Values_within_limits_pass_all_three_conclusions()
    {
        var test = Test(GoodWheat());
        Assert.True(test.QualityPassed);
        Assert.True(test.SafetyPassed);
        Assert.Equal(StorageConclusion.Suitable, test.Storage);
        Assert.Equal(20261, test.HalfYearCode);
        var moisture = test.Items.Single(i => i.Code == "moisture");
        Assert.Equal((12.5m, "%", Judgement.Pass), (moisture.Limit!.Value, moisture.Unit, moisture.Judgement));
    }

    [Fact]
    public void A_mycotoxin_over_its_limit_fails_food_safety_but_not_quality()
    {
        var values = GoodWheat();
        values["don"] = 1200m;
        var test = Test(values);
        Assert.False(test.SafetyPassed);
        Assert.True(test.QualityPassed);
        Assert.Equal(Judgement.Fail, test.Items.Single(i => i.Code == "don").Judgement);
    }

    [Fact]
    public void A_value_at_the_limit_passes_and_moisture_over_it_fails_quality()
    {
        var values = GoodWheat();
        values["moisture"] = 12.5m;
        Assert.True(Test(values).QualityPassed);
        values["moisture"] = 12.6m;
        Assert.False(Test(values).QualityPassed);
    }

    [Theory]
    [InlineData(25, StorageConclusion.Suitable)]
    [InlineData(25.1, StorageConclusion.SlightlyUnsuitable)]
    [InlineData(35, StorageConclusion.SlightlyUnsuitable)]
    [InlineData(35.1, StorageConclusion.SeverelyUnsuitable)]
    public void The_fatty_acid_value_judges_wheat_storage(double value, StorageConclusion expected) =>
        Assert.Equal(expected, GrainStandards.Storage("小麦", (decimal)value));

    [Fact]
    public void Maize_has_its_own_fatty_acid_limits() =>
        Assert.Equal(StorageConclusion.SlightlyUnsuitable, GrainStandards.Storage("玉米", 60m));

    [Fact]
    public void An_item_without_a_limit_for_the_kind_is_not_judged() =>
        Assert.Equal(Judgement.NotApplicable, GrainStandards.Judge("稻谷", "don", 5000m));

    [Fact]
    public void A_missing_required_value_a_negative_one_and_a_date_before_storing_are_refused_by_field()
    {
        var values = GoodWheat();
        values["afb1"] = null;
        values["cd"] = -0.1m;
        var (test, errors) = GrainTest.Create(Wheat(), new GrainTest.Input(new DateOnly(2025, 6, 1), "站", values), Today, "t", DateTime.UtcNow);
        Assert.Null(test);
        Assert.Contains(errors, e => e.Field == "TestDate" && e.Problem.Code == "Grain.NotBefore" && Equals(e.Problem.Args[2], new DateOnly(2025, 7, 1)));
        Assert.Contains(errors, e => e.Field == "Values[afb1]" && e.Problem.Code == "Grain.ItemRequired");
        Assert.Contains(errors, e => e.Field == "Values[cd]" && e.Problem.Code == "Grain.ItemNegative");
    }

    [Fact]
    public void Stock_above_capacity_and_negative_capacity_are_refused()
    {
        var (silo, errors) = Silo.Create(new Silo.Input("A-01", "城关库", Guid.NewGuid(), "小麦", 5000, 5001, 2025, new DateOnly(2025, 7, 1)), null, Today, "t", DateTime.UtcNow);
        Assert.Null(silo);
        Assert.Equal(("StockTonnes", "Grain.StockOverCapacity(5000)"), (errors.Single().Field, errors.Single().Problem.ToString()));
        Assert.Contains(Silo.Create(new Silo.Input("A-01", "城关库", Guid.NewGuid(), "小麦", -1, 0, 2025, new DateOnly(2025, 7, 1)), null, Today, "t", DateTime.UtcNow).Errors,
            e => e.Field == "CapacityTonnes");
    }

    [Fact]
    public void Only_a_failing_food_safety_test_takes_a_disposal()
    {
        var silo = Wheat();
        var good = Test(GoodWheat());
        var input = new GrainDisposal.Input("转作饲料", new DateOnly(2026, 5, 1), 300m, null);
        Assert.Contains(GrainDisposal.Create(silo, good, input, Today, "t", DateTime.UtcNow).Errors, e => e.Problem.Code == "Grain.DisposalNotNeeded");
        var values = GoodWheat();
        values["don"] = 1500m;
        var bad = Test(values);
        Assert.Empty(GrainDisposal.Create(silo, bad, input, Today, "t", DateTime.UtcNow).Errors);
        Assert.Contains(GrainDisposal.Create(silo, bad, input with { QuantityTonnes = -5 }, Today, "t", DateTime.UtcNow).Errors, e => e.Field == "QuantityTonnes");
    }
}

public class PurchaseCheckFloorTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(20, 1)]
    [InlineData(21, 2)]
    [InlineData(40, 2)]
    [InlineData(41, 3)]
    [InlineData(100, 5)]
    public void Five_percent_is_rounded_up(int enterprises, int required) => Assert.Equal(required, GrainPurchaseCheck.Required(enterprises));

    [Fact]
    public void The_floor_is_met_at_the_rounded_up_count()
    {
        Assert.False(GrainPurchaseCheck.MeetsFloor(1, 21));
        Assert.True(GrainPurchaseCheck.MeetsFloor(2, 21));
    }

    [Fact]
    public void A_check_without_inspectors_or_result_is_refused()
    {
        var (check, errors) = GrainPurchaseCheck.Create(Guid.NewGuid(), Guid.NewGuid(), null,
            new GrainPurchaseCheck.Input(new DateOnly(2026, 3, 1), " ", null, null, true), new DateOnly(2026, 5, 1), "t", DateTime.UtcNow);
        Assert.Null(check);
        Assert.Equal(["Inspectors", "Result"], errors.Select(e => e.Field));
        Assert.NotNull(GrainPurchaseCheck.Create(Guid.NewGuid(), Guid.NewGuid(), null,
            new GrainPurchaseCheck.Input(new DateOnly(2026, 3, 1), "张三、李四", null, InspectionResult.Conforming, true), new DateOnly(2026, 5, 1), "t", DateTime.UtcNow).Check);
    }
}

public class ImportedFoodCheckTests
{
    private static readonly DateOnly Today = new(2026, 5, 20);

    [Theory]
    [InlineData("020220261000012345", null)]
    [InlineData("", "Grain.Required(GrainField.DeclarationNumber)")]
    [InlineData("02022026100001234", "Grain.DeclarationDigits")]
    [InlineData("02022026100001234X", "Grain.DeclarationDigits")]
    [InlineData("020219991000012345", "Grain.DeclarationYear(1999)")]
    [InlineData("020220271000012345", "Grain.DeclarationYear(2027)")]
    [InlineData("020220260000012345", "Grain.DeclarationNotImport")]
    public void The_customs_declaration_number_is_checked(string number, string? problem) =>
        Assert.Equal(problem, CustomsDeclarationNumber.Check(number, Today)?.ToString());

    private static ImportedFoodCheck Failed() => ImportedFoodCheck.Create(Guid.NewGuid(), Guid.NewGuid(), null,
        new ImportedFoodCheck.Input("进口奶粉", "新西兰", "020220261000012345", "120000026000123", 500m, new DateOnly(2026, 5, 1), false, false, ImportResult.Failed),
        Today, "t", DateTime.UtcNow).Check!;

    [Fact]
    public void Online_verification_only_applies_to_health_food()
    {
        var (_, errors) = ImportedFoodCheck.Create(Guid.NewGuid(), Guid.NewGuid(), null,
            new ImportedFoodCheck.Input("进口饼干", "德国", "020220261000012345", "1", 10m, Today, false, true, ImportResult.Passed), Today, "t", DateTime.UtcNow);
        Assert.Equal(("OnlineVerified", "Grain.OnlineVerifiedHealthFoodOnly"), (errors.Single().Field, errors.Single().Problem.Code));
    }

    [Fact]
    public void A_failed_import_is_disposed_of_once_with_witness_and_evidence()
    {
        var check = Failed();
        var refused = check.Dispose(ImportDisposalMethod.Returned, new DateOnly(2026, 5, 10), 600m, "", false, Today, "t");
        Assert.Equal(["QuantityKg", "Witness", "Evidence"], refused.Select(e => e.Field));
        Assert.False(check.Disposed);
        Assert.Empty(check.Dispose(ImportDisposalMethod.Returned, new DateOnly(2026, 5, 10), 500m, "王海关", true, Today, "t"));
        Assert.True(check.Disposed);
        Assert.NotEmpty(check.Dispose(ImportDisposalMethod.Destroyed, new DateOnly(2026, 5, 11), 1m, "王海关", true, Today, "t"));
        Assert.Equal(ImportDisposalMethod.Returned, check.DisposalMethod);
    }
}
