using MiniExcelLibs;
using Shian.Registry;
using Shian.Sampling;

namespace Shian.Tests.Sampling;

/// <summary>Plausible ranges by unit, a judgement against a "≤X" limit, and the import's row-by-row parsing.</summary>
public class SampleResultTests
{
    private static SampleTestItem Item(string value, string unit, ItemJudgement judgement = ItemJudgement.Pass, string limit = "", string name = "铅") =>
        new() { Name = name, Value = value, Unit = unit, Limit = limit, Judgement = judgement };

    [Theory]
    [InlineData("100", "%", true)]
    [InlineData("100.1", "%", false)]
    [InlineData("101", "g/100g", false)]
    [InlineData("1000", "g/kg", true)]
    [InlineData("1200", "g/kg", false)]
    [InlineData("1000000", "mg/kg", true)]
    [InlineData("2000000", "mg/L", false)]
    [InlineData("1000000000", "μg/kg", true)]
    [InlineData("2e9", "ug/kg", false)]
    [InlineData("2e9", "µg/kg", false)]
    [InlineData("14", "pH", true)]
    [InlineData("70", "pH", false)]
    [InlineData("1e12", "CFU/g", true)]
    [InlineData("3e12", "cfu/mL", false)]
    [InlineData("5e12", "MPN/g", false)]
    [InlineData("1e15", "个/g", true)]      // a unit the table does not know: only non-negative
    [InlineData("-1", "个/g", false)]
    [InlineData("未检出", "mg/kg", true)]
    public void Values_are_checked_against_their_units_plausible_range(string value, string unit, bool plausible)
    {
        var errors = Item(value, unit).Validate().ToList();
        Assert.Equal(plausible, errors.Count == 0);
        if (!plausible)
        {
            var (field, problem) = Assert.Single(errors);
            Assert.Equal(nameof(SampleTestItem.Value), field);
            Assert.Equal("铅", problem.Args[0]); // names the item
            Assert.True(problem.Code == "Sample.Item.Negative" || problem.Code == "Sample.Item.OutOfRange" && (string?)problem.Args[2] == unit, problem.ToString()); // and the unit (or says negative)
        }
    }

    [Fact]
    public void The_range_table_is_data_and_covers_the_usual_units()
    {
        Assert.Equal(new SampleResultRanges.Range(0, 14), SampleResultRanges.Of("pH"));
        Assert.Equal(new SampleResultRanges.Range(0, 1_000), SampleResultRanges.Of(" g / kg "));
        Assert.Null(SampleResultRanges.Of("个/g"));
        Assert.Equal(10, SampleResultRanges.ByUnit.Count);
    }

    [Theory]
    [InlineData("0.5", "≤0.2", ItemJudgement.Pass, false)]
    [InlineData("0.5", "≤ 0.2", ItemJudgement.Pass, false)]
    [InlineData("0.5", "<=0.2", ItemJudgement.Pass, false)]
    [InlineData("0.2", "≤0.2", ItemJudgement.Pass, true)]
    [InlineData("0.5", "≤0.2", ItemJudgement.Fail, true)]
    [InlineData("0.5", "0.1-0.3", ItemJudgement.Pass, true)] // other limit forms are the lab's judgement
    [InlineData("未检出", "≤0.2", ItemJudgement.Pass, true)]
    public void A_pass_above_a_maximum_limit_is_refused(string value, string limit, ItemJudgement judgement, bool taken)
    {
        var errors = Item(value, "mg/kg", judgement, limit).Validate().ToList();
        Assert.Equal(taken, errors.Count == 0);
        if (!taken)
        {
            var (field, problem) = Assert.Single(errors);
            Assert.Equal(nameof(SampleTestItem.Judgement), field);
            Assert.Equal("Sample.Item.PassOverLimit", problem.Code);
        }
    }

    private static BusinessImport.Row Row(int number, string form, string item, string value, string unit, string limit, string judgement) => new(number,
        new Dictionary<string, string>
        {
            ["抽样单编号"] = form, ["样品名称"] = "", ["检验项目"] = item, ["检验结果"] = value, ["单位"] = unit, ["标准限值"] = limit,
            ["检验依据"] = "GB 5009.12", ["单项判定"] = judgement,
        });

    [Fact]
    public void Parsing_reports_each_bad_row_by_row_and_column()
    {
        var parsed = SampleResultImport.Parse(
        [
            Row(2, "jz-2020-000001", "铅", "0.05", "mg/kg", "≤0.2", "合格"),
            Row(3, "JZ-2020-000001", "菌落总数", "3e13", "CFU/g", "", "合格"),
            Row(4, "", "苯甲酸", "0.1", "g/kg", "≤1.0", "合格"),
            Row(5, "JZ-2020-000002", "铅", "0.5", "mg/kg", "≤0.2", "合格"),
            Row(6, "JZ-2020-000002", "镉", "0.01", "mg/kg", "≤0.1", ""),
            Row(7, "JZ-2020-000002", "镉", "0.01", "mg/kg", "≤0.1", "还行"),
            Row(8, "JZ-2020-000002", "毒死蜱", "0.3", "mg/kg", "≤0.1", "不合格"),
        ]);
        Assert.Equal([(2, "JZ-2020-000001"), (8, "JZ-2020-000002")], parsed.Rows.Select(r => (r.Row, r.Number)));
        Assert.Equal(ItemJudgement.Fail, parsed.Rows[1].Item.Judgement);
        var errors = parsed.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Equal([(3, "检验结果"), (4, "抽样单编号"), (5, "单项判定"), (6, "单项判定"), (7, "单项判定")], errors);
        Assert.StartsWith("Sample.Item.OutOfRange(菌落总数, ", parsed.Errors[0].Problem.ToString());
        Assert.Contains("CFU/g", parsed.Errors[0].Problem.ToString());
        Assert.Equal("SampleImport.JudgementWord(还行)", parsed.Errors[4].Problem.ToString());
        Assert.Equal((3, "检验结果"), (parsed.Errors[0].Row, parsed.Errors[0].Column));
    }

    [Fact]
    public void A_file_over_the_row_limit_or_without_the_columns_is_refused_whole()
    {
        static byte[] Workbook(IEnumerable<Dictionary<string, object?>> rows)
        {
            using var stream = new MemoryStream();
            stream.SaveAs(rows);
            return stream.ToArray();
        }
        var many = Enumerable.Range(0, SampleResultImport.MaxRows + 1).Select(i => new Dictionary<string, object?>
        {
            ["抽样单编号"] = "JZ-2020-000001", ["检验项目"] = "铅", ["检验结果"] = "0.01", ["单项判定"] = "合格",
        });
        var (rows, error) = SampleResultImport.Read(Workbook(many), "r.xlsx");
        Assert.Empty(rows);
        Assert.Equal("Import.TooManyRows(r.xlsx, 5,000)", error!.Problem.ToString());

        (_, error) = SampleResultImport.Read(Workbook([new() { ["抽样单编号"] = "JZ-2020-000001", ["检验项目"] = "铅" }]), "r.xlsx");
        Assert.Equal("Import.ColumnsMissing(检验结果、单项判定)", error!.Problem.ToString());

        (_, error) = SampleResultImport.Read(new byte[SampleResultImport.MaxBytes + 1], "r.xlsx");
        Assert.Equal("Import.TooLarge(r.xlsx, 5)", error!.Problem.ToString());
    }
}

/// <summary>How a sample's category text is read: by code, by name, or under the nearest code in the tree.</summary>
public class SampleCategoryIndexTests
{
    [Fact]
    public void Categories_are_found_by_code_name_or_nearest_parent_code()
    {
        Guid produce = Guid.NewGuid(), vegetables = Guid.NewGuid(), grain = Guid.NewGuid();
        var index = SampleCategoryIndex.Of(
        [
            (produce, "32", "食用农产品", null, true), (vegetables, "3202", "蔬菜", produce, true), (grain, "01", "粮食加工品", null, false),
        ]);
        Assert.True(index.IsAgricultural("32"));
        Assert.True(index.IsAgricultural("蔬菜"));
        Assert.True(index.IsAgricultural("320299")); // a 细类 not in the tree yet, under 蔬菜
        Assert.False(index.IsAgricultural("01"));
        Assert.False(index.IsAgricultural("101")); // an SC code is not a tree code
        Assert.False(index.IsAgricultural("不存在"));
        Assert.Equal("食用农产品", index.TopLevelName("320299"));
        Assert.Equal("粮食加工品", index.TopLevelName("粮食加工品"));
        Assert.Null(index.TopLevelName("不存在"));
    }
}
