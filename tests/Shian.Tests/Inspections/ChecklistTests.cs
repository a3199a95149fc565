using Shian.Inspections;
using Shian.Registry;

namespace Shian.Tests.Inspections;

public sealed class ChecklistTests
{
    private static readonly Checklist Small = new()
    {
        Name = "测试检查表",
        Categories = [BusinessCategory.Caterer],
        Rule = new ChecklistRule(1, 3),
        Sections =
        [
            new("许可", [new ChecklistItem("A1", "持证经营", Key: true), new ChecklistItem("A2", "公示许可证")]),
            new("加工", [new ChecklistItem("B1", "生熟分开"), new ChecklistItem("B2", "留样"), new ChecklistItem("B3", "清洗消毒"), new ChecklistItem("B4", "防蝇")]),
        ],
    };

    private static Dictionary<string, ItemResult> Results(params (string Code, ItemResult Result)[] failed)
    {
        var all = Small.Items.ToDictionary(i => i.Code, _ => ItemResult.Yes);
        foreach (var (code, result) in failed)
        {
            all[code] = result;
        }
        return all;
    }

    [Theory]
    // Rule (1, 3): a failed key item → 不符合; else ordinary failures 0–1 → 符合, 2–3 → 基本符合, 4+ → 不符合.
    [InlineData(0, 0, InspectionResult.Conforming)]
    [InlineData(0, 1, InspectionResult.Conforming)]
    [InlineData(0, 2, InspectionResult.BasicallyConforming)]
    [InlineData(0, 3, InspectionResult.BasicallyConforming)]
    [InlineData(0, 4, InspectionResult.NonConforming)]
    [InlineData(1, 0, InspectionResult.NonConforming)]
    [InlineData(2, 1, InspectionResult.NonConforming)]
    public void The_rule_turns_failure_counts_into_the_result(int failedKey, int failedOrdinary, InspectionResult expected) =>
        Assert.Equal(expected, new ChecklistRule(1, 3).Apply(failedKey, failedOrdinary));

    [Fact]
    public void One_failed_key_item_makes_the_whole_inspection_non_conforming() =>
        Assert.Equal(InspectionResult.NonConforming, Small.Evaluate(Results(("A1", ItemResult.No))));

    [Fact]
    public void Worked_examples_on_a_small_checklist()
    {
        Assert.Equal(InspectionResult.Conforming, Small.Evaluate(Results()));
        // One ordinary failure is within the conforming limit of 1.
        Assert.Equal(InspectionResult.Conforming, Small.Evaluate(Results(("B1", ItemResult.No))));
        // Two ordinary failures, one item not applicable: 基本符合.
        Assert.Equal(InspectionResult.BasicallyConforming, Small.Evaluate(Results(("B1", ItemResult.No), ("B2", ItemResult.No), ("B3", ItemResult.NotApplicable))));
        // Four ordinary failures: 不符合 though no key item failed.
        Assert.Equal(InspectionResult.NonConforming, Small.Evaluate(Results(("A2", ItemResult.No), ("B1", ItemResult.No), ("B2", ItemResult.No), ("B3", ItemResult.No))));
        // Not applicable never counts as a failure, key or not.
        Assert.Equal(InspectionResult.Conforming, Small.Evaluate(Results(("A1", ItemResult.NotApplicable), ("A2", ItemResult.NotApplicable))));
    }

    [Fact]
    public void The_items_without_a_result_are_named_in_order()
    {
        var results = Results();
        results.Remove("B2");
        results.Remove("A2");
        Assert.Equal(["A2", "B2"], Small.MissingItems(results).Select(i => i.Code));
    }

    [Fact]
    public void The_seeded_checklists_are_sound_and_of_realistic_size()
    {
        foreach (var checklist in Checklists.Defaults)
        {
            Assert.Empty(checklist.Problems());
            Assert.InRange(checklist.Items.Count(), 20, 30);
            Assert.InRange(checklist.Items.Count(i => i.Key), 5, 8);
        }
        Assert.Contains(BusinessCategory.Caterer, Checklists.Catering.Categories);
        Assert.Contains(BusinessCategory.Seller, Checklists.Sales.Categories);
    }

    [Fact]
    public void A_broken_checklist_is_reported()
    {
        var broken = Small with
        {
            Name = " ",
            Categories = [],
            Rule = new ChecklistRule(3, 1),
            Sections = [.. Small.Sections, new ChecklistSection("重复", [new ChecklistItem("A1", "再来一次")]), new ChecklistSection("空", [])],
        };
        var problems = broken.Problems();
        var found = problems.Select(p => p.ToString()).ToList();
        Assert.Contains("Checklist.NoName", found);
        Assert.Contains("Checklist.NoCategory", found);
        Assert.Contains("Checklist.DuplicateCode(A1)", found);
        Assert.Contains("Checklist.SectionEmpty(空)", found);
        Assert.Contains("Checklist.RuleLimits", found);
    }

    [Fact]
    public void A_checklist_survives_its_json_and_the_newest_applicable_version_is_picked()
    {
        var back = Checklist.FromJson(Checklists.Catering.ToJson());
        Assert.Equal(Checklists.Catering.Items.Select(i => (i.Code, i.Text, i.Key)), back.Items.Select(i => (i.Code, i.Text, i.Key)));
        Assert.Equal(Checklists.Catering.Rule, back.Rule);

        var v2 = Checklists.Catering with { Version = 2, EffectiveFrom = new DateOnly(2026, 7, 1), Rule = new ChecklistRule(0, 2) };
        var all = new[] { Checklists.Catering, v2, Checklists.Sales };
        Assert.Equal(1, Checklists.Pick(all, BusinessCategory.Caterer, new DateOnly(2026, 6, 30))!.Version);
        Assert.Equal(2, Checklists.Pick(all, BusinessCategory.Caterer, new DateOnly(2026, 7, 1))!.Version);
        Assert.Equal(Checklists.SalesName, Checklists.Pick(all, BusinessCategory.Seller, new DateOnly(2026, 7, 1))!.Name);
        Assert.Null(Checklists.Pick(all, BusinessCategory.Producer, new DateOnly(2026, 7, 1)));
    }
}

public sealed class InspectionCoverageTests
{
    [Fact]
    public void Coverage_counts_visits_due_by_todays_month_and_ignores_those_done_ahead()
    {
        // Due by May: months 1, 3, 5, 5 (four), of which three done; the June visit done early does not count yet.
        var figures = Shian.Inspections.InspectionCoverage.Count([(1, true), (3, true), (5, true), (5, false), (6, true), (9, false)], new DateOnly(2026, 5, 31));
        Assert.Equal((4, 3, 75.0m), (figures.Due, figures.Done, figures.Percent));
        Assert.Equal(33.3m, new Shian.Inspections.InspectionCoverage.Figures(3, 1).Percent);
        Assert.Null(Shian.Inspections.InspectionCoverage.Count([(7, false)], new DateOnly(2026, 5, 1)).Percent);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56 }, "image/webp")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, null)] // a WAV file is RIFF too
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, null)] // PDF
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0 }, null)] // a program
    public void Photos_are_recognised_by_their_content(byte[] content, string? type) =>
        Assert.Equal(type, Shian.Common.StoredFile.ImageType(content));
}
