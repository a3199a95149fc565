using Shian.Inspections;
using Shian.Registry;

namespace Shian.Tests.Inspections;

/// <summary>Issuing a checklist version from JSON: what is refused (and named), what a sound version becomes.</summary>
public sealed class ChecklistVersionTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);
    private static readonly Checklist[] Catering = [Checklists.Catering];

    private static string Json(Checklist c) => ChecklistVersions.EditableJson(c);

    [Fact]
    public void The_current_json_issued_again_becomes_the_next_version_effective_on_the_day_given()
    {
        var json = Json(Checklists.Catering);
        Assert.DoesNotContain("\"version\"", json);
        var (issued, problems) = ChecklistVersions.Prepare(Checklists.CateringName, json, Today, Today, Catering, creating: false);
        Assert.Empty(problems);
        Assert.Equal(2, issued!.Version);
        Assert.Equal(Today, issued.EffectiveFrom);
        Assert.Equal(Checklists.Catering.Items.Count(), issued.Items.Count());
        Assert.Equal(Checklists.Catering.Rule, issued.Rule);
        // The new version is the one picked from its effective day, the old one before it.
        Assert.Equal(2, Checklists.Pick([Checklists.Catering, issued], BusinessCategory.Caterer, Today)!.Version);
        Assert.Equal(1, Checklists.Pick([Checklists.Catering, issued], BusinessCategory.Caterer, Today.AddDays(-1))!.Version);
    }

    [Fact]
    public void Broken_json_is_refused_naming_the_line()
    {
        var json = Json(Checklists.Catering).Replace("\"key\": true", "\"key\": tru", StringComparison.Ordinal);
        var line = json[..json.IndexOf("\"key\": tru", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var (issued, problems) = ChecklistVersions.Prepare(Checklists.CateringName, json, Today, Today, Catering, false);
        Assert.Null(issued);
        var p = Assert.Single(problems);
        Assert.Equal("Content", p.Field);
        Assert.Equal("ChecklistVersion.JsonInvalid", p.Problem.Code);
        Assert.Equal($"ChecklistVersion.JsonLine({line})", p.Problem.Args[0]?.ToString());
    }

    [Fact]
    public void An_unknown_field_is_refused_rather_than_dropped()
    {
        var json = Json(Checklists.Catering).Replace("\"key\": true", "\"kye\": true", StringComparison.Ordinal);
        var (issued, problems) = ChecklistVersions.Prepare(Checklists.CateringName, json, Today, Today, Catering, false);
        Assert.Null(issued);
        Assert.Contains(problems, p => p.Field == "Content" && p.Problem.Code == "ChecklistVersion.JsonInvalid");
    }

    [Fact]
    public void Duplicate_codes_no_key_item_and_inconsistent_thresholds_are_refused()
    {
        var duplicate = Checklists.Sales with { Sections = [.. Checklists.Sales.Sections, new ChecklistSection("补充", [new ChecklistItem("S01", "重复")])] };
        Assert.Contains(ChecklistVersions.Prepare("x", Json(duplicate), Today, Today, [], true).Problems, p => p.Problem.ToString() == "ChecklistVersion.Content(Checklist.DuplicateCode(S01))");

        var noKey = Checklists.Sales with { Sections = Checklists.Sales.Sections.Select(s => s with { Items = s.Items.Select(i => i with { Key = false }).ToList() }).ToList() };
        Assert.Contains(ChecklistVersions.Prepare("x", Json(noKey), Today, Today, [], true).Problems, p => p.Problem.Code == "ChecklistVersion.NoKeyItem");

        var falling = Checklists.Sales with { Rule = new ChecklistRule(3, 1) };
        Assert.Contains(ChecklistVersions.Prepare("x", Json(falling), Today, Today, [], true).Problems, p => p.Problem.ToString() == "ChecklistVersion.Content(Checklist.RuleLimits)");

        var unreachable = Checklists.Sales with { Rule = new ChecklistRule(0, 18) }; // 18 ordinary items: never 不符合 by them
        Assert.Contains(ChecklistVersions.Prepare("x", Json(unreachable), Today, Today, [], true).Problems, p => p.Problem.ToString() == "ChecklistVersion.RuleUnreachable(18, 18)");
        Assert.Empty(ChecklistVersions.Prepare("x", Json(Checklists.Sales with { Rule = new ChecklistRule(0, 17) }), Today, Today, [], true).Problems);
    }

    [Fact]
    public void The_effective_day_may_not_be_past_nor_before_the_latest_version()
    {
        var json = Json(Checklists.Catering);
        var past = ChecklistVersions.Prepare(Checklists.CateringName, json, Today.AddDays(-1), Today, Catering, false).Problems;
        Assert.Contains(past, p => p.Field == "EffectiveFrom" && p.Problem.Code == "ChecklistVersion.EffectiveFromPast");
        Assert.Contains(ChecklistVersions.Prepare(Checklists.CateringName, json, null, Today, Catering, false).Problems, p => p.Field == "EffectiveFrom");
        var scheduled = Checklists.Catering with { Version = 2, EffectiveFrom = Today.AddDays(30) };
        Assert.Contains(ChecklistVersions.Prepare(Checklists.CateringName, json, Today.AddDays(10), Today, [Checklists.Catering, scheduled], false).Problems,
            p => p.Field == "EffectiveFrom" && p.Problem.Code == "ChecklistVersion.EffectiveFromBeforeLatest" && Equals(p.Problem.Args[0], 2));
    }

    [Fact]
    public void A_new_checklist_from_a_copy_needs_a_free_name_and_starts_at_version_one()
    {
        var copy = Json(Checklists.Catering with { Categories = [BusinessCategory.Canteen] });
        var (canteen, problems) = ChecklistVersions.Prepare(" 单位食堂监督检查表 ", copy, Today, Today, [], true);
        Assert.Empty(problems);
        Assert.Equal("单位食堂监督检查表", canteen!.Name);
        Assert.Equal(1, canteen.Version);
        Assert.Contains(ChecklistVersions.Prepare(Checklists.CateringName, copy, Today, Today, Catering, true).Problems, p => p.Field == "Name" && p.Problem.Code == "ChecklistVersion.NameTaken");
        Assert.Contains(ChecklistVersions.Prepare("", copy, Today, Today, [], true).Problems, p => p.Field == "Name");
    }
}
