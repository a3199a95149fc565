using Shian.Plans;
using static Shian.Plans.PlanCorrections;

namespace Shian.Tests.Plans;

/// <summary>The office's corrections to the parsed seed plan, 蓟州区2020年食品安全监督管理计划.</summary>
public class PlanCorrectionsTests
{
    private static readonly string Source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"));
    private static readonly ParsedPlan Seed = PlanParser.Parse(Source).Plan!;

    /// <summary>Task <paramref name="number"/> as the preview's form posts it before anything is changed.</summary>
    private static TaskEdit AsParsed(int number)
    {
        var task = Seed.Tasks[number - 1];
        return new TaskEdit(
            number - 1,
            task.Title,
            task.Responsibilities.Select(r => new ResponsibilityEdit(r.Role.ToString(), string.Join("、", r.Units))).ToList(),
            task.Indicators.Select(i => new IndicatorEdit(i.Subject, i.Comparator, i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Unit)).ToList());
    }

    private static ParsedPlan Applied(params TaskEdit[] edits)
    {
        var result = Apply(Seed, edits);
        Assert.Empty(result.Errors);
        return result.Plan!;
    }

    /// <summary>The one problem, as its code and values (the wording is the resources' business).</summary>
    private static string SingleError(params TaskEdit[] edits)
    {
        var result = Apply(Seed, edits);
        Assert.Null(result.Plan);
        return Assert.Single(result.Errors).ToString();
    }

    [Fact]
    public void Every_task_posted_as_parsed_changes_nothing()
    {
        var result = Apply(Seed, Seed.Tasks.Select(t => AsParsed(t.Number)));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Edited);
        Assert.Equal(PlanJson.Canonical(Seed.Tasks), PlanJson.Canonical(result.Plan!.Tasks));
        Assert.Equal(PlanImport.HashOf(Source), PlanImport.HashOf(Source, result.Plan));
    }

    [Fact]
    public void A_title_is_corrected_and_only_that_task_is_edited()
    {
        var result = Apply(Seed, [AsParsed(14) with { Title = "  提高林产品质量安全水平 " }]);
        Assert.Equal([13], result.Edited);
        var task = result.Plan!.Tasks[13];
        Assert.Equal("提高林产品质量安全水平", task.Title);
        Assert.Equal(Seed.Tasks[13].Text, task.Text);
        Assert.Same(Seed.Tasks[12], result.Plan.Tasks[12]);
        Assert.Equal(22, result.Plan.Tasks.Count);
    }

    [Fact]
    public void Units_are_split_as_typed_and_an_emptied_responsibility_is_removed()
    {
        // Task 3 names 区卫生健康委、区市场监管局、区农业农村委、区林业局、蓟州海关、区粮食中心.
        var plan = Applied(AsParsed(3) with
        {
            Responsibilities = [new("Lead", " 区卫健委，区市场监管局 , 区市场监管局"), new("Cooperate", "区林业局;蓟州海关"), new("Responsible", "  ")],
        });
        var task = plan.Tasks[2];
        Assert.Equal([ResponsibilityRole.Lead, ResponsibilityRole.Cooperate], task.Responsibilities.Select(r => r.Role));
        Assert.Equal(["区卫健委", "区市场监管局"], task.Responsibilities[0].Units);
        Assert.Equal(["区林业局", "蓟州海关"], task.Responsibilities[1].Units);
        // The corrected rows still answer for the text the printed one did.
        Assert.Equal(Seed.Tasks[2].Responsibilities[0].Text, task.Responsibilities[0].Text);
        Assert.Equal(["区卫健委", "区市场监管局", "区林业局", "蓟州海关"], task.UnitNames);

        var none = Applied(AsParsed(3) with { Responsibilities = [new("Responsible", "")] });
        Assert.Empty(none.Tasks[2].Responsibilities);
    }

    [Fact]
    public void Targets_are_edited_removed_and_added()
    {
        // Task 15: 抽检量 >= 4批次/千人, 监测合格率 >= 97%, 抽检合格率 >= 98%, 核查处置完成率 >= 100%.
        var parsed = AsParsed(15);
        var rows = parsed.Indicators!.ToList();
        rows[0] = rows[0] with { Value = "5.0" };
        rows[2] = rows[2] with { Removed = true };
        rows.Add(new IndicatorEdit("", ">=", "", ""));
        rows.Add(new IndicatorEdit("食品安全快检量", ">", "1200", "批次"));
        var result = Apply(Seed, [parsed with { Indicators = rows }]);
        Assert.Empty(result.Errors);
        Assert.Equal([14], result.Edited);

        var indicators = result.Plan!.Tasks[14].Indicators;
        Assert.Equal(["全年农产品和食品抽检量", "主要农产品质量安全监测总体合格率", "国家级监督抽检不合格食品核查处置完成率", "食品安全快检量"], indicators.Select(i => i.Subject));
        Assert.Equal(("全年农产品和食品抽检量不少于5批次/千人", 5m, "5"), (indicators[0].Text, indicators[0].Value, indicators[0].Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // Untouched targets keep the sentence the document prints.
        Assert.Same(Seed.Tasks[14].Indicators[1], indicators[1]);
        Assert.Equal(new ParsedIndicator("食品安全快检量超过1200批次", "食品安全快检量", ">", 1200, "批次"), indicators[3]);
    }

    [Fact]
    public void Errors_name_the_task_and_the_field()
    {
        Assert.Equal("Plan.TaskTitleEmpty(4)", SingleError(AsParsed(4) with { Title = " " }));

        TaskEdit WithTarget(IndicatorEdit target) => AsParsed(15) with { Indicators = [.. AsParsed(15).Indicators!.Take(1), target] };
        Assert.Equal("Plan.TargetValueInvalid(Plan.TaskTargetRow(15, 2))",
            SingleError(WithTarget(new("食品安全抽检合格率", ">=", "九十八", "%"))));
        Assert.Equal("Plan.TargetValueNegative(Plan.TaskTargetRow(15, 2))",
            SingleError(WithTarget(new("食品安全抽检合格率", ">=", "-1", "%"))));
        Assert.Equal("Plan.TargetPercentOver100(Plan.TaskTargetRow(15, 2))",
            SingleError(WithTarget(new("食品安全抽检合格率", ">=", "120", "%"))));
        Assert.Equal("Plan.TargetComparatorInvalid(Plan.TaskTargetRow(15, 2))", SingleError(WithTarget(new("食品安全抽检合格率", "≥", "98", "%"))));
        Assert.Equal("Plan.TargetSubjectEmpty(Plan.TaskTargetRow(15, 2))", SingleError(WithTarget(new("", ">=", "98", "%"))));
        Assert.Equal("Plan.RoleInvalid(Plan.TaskUnitsRow(3, 1))", SingleError(AsParsed(3) with { Responsibilities = [new("Boss", "区市场监管局")] }));
        Assert.Equal("Plan.NoTaskAt(23)", SingleError(new TaskEdit(22, "多出来的任务")));

        // 1200 of a unit other than % is no percentage.
        Assert.Empty(Apply(Seed, [WithTarget(new("抽检量", ">=", "1200", "批次"))]).Errors);
    }

    [Fact]
    public void The_hash_covers_the_corrections_and_is_the_same_for_the_same_corrections()
    {
        var corrected = Applied(AsParsed(14) with { Title = "提高林产品质量安全水平" });
        var again = Applied(AsParsed(14) with { Title = "提高林产品质量安全水平" });
        var other = Applied(AsParsed(14) with { Title = "提高林产品质量" });
        Assert.Equal(PlanImport.HashOf(Source), PlanImport.HashOf(Source, Seed));
        Assert.NotEqual(PlanImport.HashOf(Source), PlanImport.HashOf(Source, corrected));
        Assert.Equal(PlanImport.HashOf(Source, corrected), PlanImport.HashOf(Source, again));
        Assert.NotEqual(PlanImport.HashOf(Source, corrected), PlanImport.HashOf(Source, other));
    }
}
