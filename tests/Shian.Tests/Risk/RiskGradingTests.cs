using Shian.Registry;
using Shian.Risk;

namespace Shian.Tests.Risk;

public class RiskGradingTests
{
    private static readonly Guid Id = Guid.CreateVersion7();

    private static Business School() => new()
    {
        Id = Id, Category = BusinessCategory.Canteen, Subtype = "school", Scale = BusinessScale.Medium, Tags = "|kitchen-video|school-related|",
    };

    private static RiskFactor Factor(string code, decimal points) => new() { BusinessId = Id, ItemCode = code, Points = points };

    [Fact]
    public void A_school_canteen_scores_static_and_capped_dynamic_points_as_worked_by_hand()
    {
        // Static: special groups 15 (school), operation 4 (school canteen), scale 7 (medium), other exposures 0 = 26.
        // Dynamic: sampling 10 + 8 = 18 capped at 15, complaints 4, inspection 6; an unknown code counts nothing = 25.
        // 26 + 25 = 51: above 45, not above 60, so C.
        var result = RiskGrading.Grade(RiskSheets.Catering, School(),
            [Factor("sampling", 10), Factor("sampling", 8), Factor("complaints", 4), Factor("inspection", 6), Factor("recall", 5)], isSeriousViolator: false);

        Assert.Equal(
            ["special-groups 15", "operation 4", "scale 7", "exposure 0", "inspection 6", "sampling 15", "complaints 4", "cases 0"],
            result.Items.Select(i => $"{i.Code} {i.Points}"));
        Assert.Equal(26, result.StaticScore);
        Assert.Equal(25, result.DynamicScore);
        Assert.Equal(51, result.Score);
        Assert.Equal(RiskLevel.C, result.Grade);
    }

    [Fact]
    public void A_listed_serious_violator_is_graded_D_whatever_it_scores()
    {
        var result = RiskGrading.Grade(RiskSheets.Catering, School(), [], isSeriousViolator: true);
        Assert.Equal(26, result.Score);
        Assert.Equal(RiskLevel.D, result.Grade);
        Assert.True(result.SeriousViolator);
    }

    [Fact]
    public void A_medium_supermarket_with_cold_chain_is_A_at_28_and_B_once_a_factor_passes_30()
    {
        // floor area 2, pre-packaged 3 (supermarket beats medium's 2), bulk 3, agricultural 6 (cold chain beats
        // supermarket's 4), special foods 3, made on site 5, salt 1, suppliers 3, rented counters 2 = 28.
        var supermarket = new Business { Id = Id, Category = BusinessCategory.Seller, Subtype = "supermarket", Scale = BusinessScale.Medium, Tags = "|cold-chain|" };
        var quiet = RiskGrading.Grade(RiskSheets.Sellers, supermarket, [], false);
        Assert.Equal(28, quiet.Score);
        Assert.Equal(RiskLevel.A, quiet.Grade);

        Assert.Equal(RiskLevel.A, RiskGrading.Grade(RiskSheets.Sellers, supermarket, [Factor("inspection", 2)], false).Grade); // 30: A's bound is inclusive
        Assert.Equal(RiskLevel.B, RiskGrading.Grade(RiskSheets.Sellers, supermarket, [Factor("inspection", 3)], false).Grade);
    }

    [Fact]
    public void Factors_of_another_business_and_negative_sums_count_nothing()
    {
        var other = new RiskFactor { BusinessId = Guid.CreateVersion7(), ItemCode = "cases", Points = 15 };
        var result = RiskGrading.Grade(RiskSheets.Catering, School(), [other, Factor("complaints", -3)], false);
        Assert.Equal(0, result.DynamicScore);
    }

    [Theory]
    [InlineData(0, RiskLevel.A)]
    [InlineData(30, RiskLevel.A)]
    [InlineData(30.5, RiskLevel.B)]
    [InlineData(45, RiskLevel.B)]
    [InlineData(45.01, RiskLevel.C)]
    [InlineData(60, RiskLevel.C)]
    [InlineData(61, RiskLevel.D)]
    public void Thresholds_are_inclusive_upper_bounds(double score, RiskLevel expected) =>
        Assert.Equal(expected, new RiskThresholds(30, 45, 60).LevelOf((decimal)score));
}

public class RiskSheetTests
{
    [Fact]
    public void The_default_sheets_are_40_static_and_60_dynamic_points_and_valid()
    {
        foreach (var sheet in RiskSheets.Defaults)
        {
            Assert.Empty(sheet.Problems());
            Assert.Equal(40, sheet.StaticMax);
            Assert.Equal(60, sheet.DynamicMax);
        }
        // The sellers' sample sheet keeps its nine items and their points.
        Assert.Equal([3m, 3, 5, 6, 5, 9, 1, 4, 4], RiskSheets.Sellers.StaticItems.Select(i => i.MaxPoints));
    }

    [Fact]
    public void A_sheet_survives_its_json_round_trip()
    {
        var json = RiskSheets.Catering.ToJson();
        Assert.Contains("特殊消费群体", json); // Chinese stays readable in the database
        var back = RiskSheet.FromJson(json);
        Assert.Equal(RiskSheets.Catering.Categories, back.Categories);
        Assert.Equal(RiskSheets.Catering.Thresholds, back.Thresholds);
        Assert.Equal(RiskSheets.Catering.StaticItems.Select(i => (i.Code, i.MaxPoints, i.Rule!.Count)), back.StaticItems.Select(i => (i.Code, i.MaxPoints, i.Rule!.Count)));
        var canteen = new Business { Category = BusinessCategory.Canteen, Subtype = "hospital", Scale = BusinessScale.Large };
        Assert.Equal(RiskGrading.Grade(RiskSheets.Catering, canteen, [], false).Score, RiskGrading.Grade(back, canteen, [], false).Score);
    }

    [Fact]
    public void Bad_sheets_name_their_problems()
    {
        var bad = RiskSheets.Sellers with
        {
            Thresholds = new(45, 30, 60),
            StaticItems = [new("a", "甲", "a", 3, [new(5)]), new("a", "乙", "b", 2)],
        };
        var problems = bad.Problems();
        Assert.Contains(problems, p => p.Code == "RiskSheet.ThresholdsNotRising");
        Assert.Contains(problems, p => p.ToString() == "RiskSheet.DuplicateItemCode(a)");
        Assert.Contains(problems, p => p.ToString() == "RiskSheet.StaticItemWithoutRule(RiskSheet.ItemName(乙, b))");
        Assert.Contains(problems, p => p.ToString() == "RiskSheet.RuleOutOfRange(RiskSheet.ItemName(甲, a), 3)");
    }

    [Fact]
    public void The_newest_effective_version_applies_and_inspections_follow_the_category()
    {
        var day = new DateOnly(2020, 6, 1);
        var v2 = RiskSheets.Sellers with { Version = 2, Thresholds = new(20, 40, 60) };
        var v3 = RiskSheets.Sellers with { Version = 3, EffectiveFrom = new DateOnly(2021, 1, 1) };
        var set = new RiskSheetSet([RiskSheets.Sellers, v2, v3, RiskSheets.Catering], day);
        Assert.Equal(2, set.For(BusinessCategory.Seller)!.Version);
        Assert.Null(set.For(BusinessCategory.AgriculturalProducer));

        // Tianjin 2017 for catering: A 1, B 2, C 3, D 4; otherwise A 1, B 1, C 2, D 3.
        Assert.Equal([1, 2, 3, 4], Enum.GetValues<RiskLevel>().Select(g => set.RequiredInspections(g, BusinessCategory.Canteen)));
        Assert.Equal([1, 1, 2, 3], Enum.GetValues<RiskLevel>().Select(g => set.RequiredInspections(g, BusinessCategory.Seller)));
        Assert.Equal([1, 1, 2, 3], Enum.GetValues<RiskLevel>().Select(g => set.RequiredInspections(g, BusinessCategory.GrainEnterprise)));
    }

    [Theory]
    [InlineData("|cold-chain|", true)]
    [InlineData("|a|cold-chain|b|", true)]
    [InlineData("|cold-chain-x|", false)]
    [InlineData("|x-cold-chain|", false)]
    [InlineData("|x-cold-chain|cold-chain|", true)]
    [InlineData("", false)]
    public void A_tag_matches_whole_codes_only(string tags, bool matches) =>
        Assert.Equal(matches, new RiskPoints(1, Tag: "cold-chain").Matches(new Business { Tags = tags }));
}
