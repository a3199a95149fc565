using Shian.Organization;

namespace Shian.Tests.Organization;

public class DistrictFilesTests
{
    private const string GoodJurisdiction = """
        field,value
        region_code,120119
        name,蓟州区
        population:2020,795516
        """;

    private const string GoodTownships = """
        code,name,kind,note
        120119001,文昌街道,街道,
        120119100,渔阳镇,镇,
        120119401,天津市蓟州区经济开发区,园区,not a township
        """;

    private const string GoodUnits = """
        name,kind,seed_tasks
        区食安办,office,1 7 11 22
        蓟州海关,customs,3 10
        """;

    private static DistrictFiles.Result Read(string? jurisdiction = null, string? townships = null, string? units = null) =>
        DistrictFiles.Read(jurisdiction ?? GoodJurisdiction, townships ?? GoodTownships, units ?? GoodUnits);

    private static void AssertRejected(DistrictFiles.Result result, string file, int line, string? detail = null)
    {
        Assert.Null(result.Jurisdiction);
        var error = Assert.Single(result.Errors);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains($"第{line}行", error, StringComparison.Ordinal);
        if (detail is not null)
        {
            Assert.Contains(detail, error, StringComparison.Ordinal);
        }
    }

    // ---- The demo district ----

    [Fact]
    public void Demo_reads_without_errors_as_region_120119()
    {
        var result = DistrictFiles.ReadDemo();
        Assert.Empty(result.Errors);
        var jizhou = Assert.IsType<Jurisdiction>(result.Jurisdiction);
        Assert.Equal("120119", jizhou.RegionCode);
        Assert.Equal("蓟州区", jizhou.Name);
        Assert.Equal("Jizhou District", jizhou.NameEn);
        Assert.Equal("天津市", jizhou.Parent);
        Assert.Equal("蓟州区食品安全智慧监管平台", jizhou.PlatformName);
    }

    [Fact]
    public void Demo_has_28_township_rows_of_which_27_are_townships()
    {
        var jizhou = DistrictFiles.ReadDemo().Jurisdiction!;
        Assert.Equal(28, jizhou.Townships.Count);
        Assert.Equal(27, jizhou.Townships.Count(t => t.IsTownship));
        var park = Assert.Single(jizhou.Townships, t => !t.IsTownship);
        Assert.Equal("120119401", park.Code);
        Assert.Equal("园区", park.Kind);
        Assert.All(jizhou.Townships, t => Assert.Matches("^120119[0-9]{3}$", t.Code));
        Assert.Equal(28, jizhou.Townships.Select(t => t.Code).Distinct().Count());
    }

    [Fact]
    public void Demo_townships_are_one_subdistrict_25_towns_and_one_township()
    {
        var kinds = DistrictFiles.ReadDemo().Jurisdiction!.Townships.Where(t => t.IsTownship)
            .GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["街道"] = 1, ["镇"] = 25, ["乡"] = 1 }, kinds);
    }

    [Fact]
    public void Demo_township_keeps_name_and_note()
    {
        var jizhou = DistrictFiles.ReadDemo().Jurisdiction!;
        var wenchang = jizhou.Townships.Single(t => t.Code == "120119001");
        Assert.Equal("文昌街道", wenchang.Name);
        Assert.Equal("", wenchang.Note);
        var sungezhuang = jizhou.Townships.Single(t => t.Code == "120119203");
        Assert.Equal("孙各庄满族乡", sungezhuang.Name);
        Assert.Equal("named 孙各庄乡 in 2020 statistical codes", sungezhuang.Note);
    }

    [Fact]
    public void Demo_population_2020_is_795516_and_applies_to_later_years_only()
    {
        var jizhou = DistrictFiles.ReadDemo().Jurisdiction!;
        var population = Assert.Single(jizhou.Populations);
        Assert.Equal(2020, population.Year);
        Assert.Equal(795516, population.Population);
        Assert.Equal(795516, jizhou.PopulationFor(2020));
        Assert.Equal(795516, jizhou.PopulationFor(2021));
        Assert.Null(jizhou.PopulationFor(2019));
    }

    [Fact]
    public void Demo_has_the_31_units_with_their_kinds()
    {
        var jizhou = DistrictFiles.ReadDemo().Jurisdiction!;
        Assert.Equal(31, jizhou.Units.Count);
        var kinds = jizhou.Units.ToDictionary(u => u.Name, u => u.Kind);
        Assert.Equal(UnitKind.Office, kinds["区食安办"]);
        Assert.Equal(UnitKind.Department, kinds["区市场监管局"]);
        Assert.Equal(UnitKind.Townships, kinds["各乡镇街"]);
        Assert.Equal(UnitKind.Customs, kinds["蓟州海关"]);
        Assert.Equal(UnitKind.Police, kinds["公安蓟州分局"]);
        Assert.Equal(UnitKind.Railway, kinds["蓟州北站"]);
        Assert.Equal(UnitKind.Group, kinds["区食安委各成员单位"]);
        Assert.Equal(UnitKind.Laboratory, kinds["区食品检验检测中心（演示）"]);
        Assert.Equal(1, jizhou.Units.Count(u => u.Kind == UnitKind.Office));
        Assert.Equal(2, jizhou.Units.Count(u => u.Kind == UnitKind.Judicial));
        Assert.Equal(4, jizhou.Units.Count(u => u.Kind == UnitKind.Party));
    }

    [Fact]
    public void Demo_children_point_at_the_jurisdiction_and_have_distinct_ids()
    {
        var jizhou = DistrictFiles.ReadDemo().Jurisdiction!;
        Assert.NotEqual(Guid.Empty, jizhou.Id);
        Assert.All(jizhou.Townships, t => Assert.Equal(jizhou.Id, t.JurisdictionId));
        Assert.All(jizhou.Units, u => Assert.Equal(jizhou.Id, u.JurisdictionId));
        Assert.All(jizhou.Populations, p => Assert.Equal(jizhou.Id, p.JurisdictionId));
        var ids = jizhou.Townships.Select(t => t.Id).Concat(jizhou.Units.Select(u => u.Id)).Append(jizhou.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    // ---- Small files ----

    [Fact]
    public void Good_small_files_read_with_windows_line_endings_too()
    {
        var result = Read(GoodJurisdiction.Replace("\n", "\r\n", StringComparison.Ordinal),
            GoodTownships.Replace("\n", "\r\n", StringComparison.Ordinal), GoodUnits.Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Jurisdiction!.Townships.Count);
        Assert.Equal("渔阳镇", result.Jurisdiction.Townships[1].Name);
        Assert.Equal(2, result.Jurisdiction.Units.Count);
    }

    [Fact]
    public void Blank_and_comment_lines_are_skipped()
    {
        var result = Read(townships: """
            code,name,kind,note

            # the subdistrict
            120119001,文昌街道,街道,
            """);
        Assert.Empty(result.Errors);
        Assert.Single(result.Jurisdiction!.Townships);
    }

    [Fact]
    public void Unit_kind_is_read_case_insensitively()
    {
        var result = Read(units: """
            name,kind
            区食安办,Office
            区法院,JUDICIAL
            """);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { UnitKind.Office, UnitKind.Judicial }, result.Jurisdiction!.Units.Select(u => u.Kind));
    }

    // ---- Bad inputs: errors name file and line; nothing is returned ----

    [Fact]
    public void Eight_digit_township_code_is_rejected_with_file_and_line()
    {
        AssertRejected(Read(townships: """
            code,name,kind,note
            120119001,文昌街道,街道,
            12011910,渔阳镇,镇,
            """), "townships.csv", 3, "12011910");
    }

    [Fact]
    public void Township_code_with_a_letter_is_rejected()
    {
        AssertRejected(Read(townships: """
            code,name,kind,note
            12011910O,渔阳镇,镇,
            """), "townships.csv", 2);
    }

    [Fact]
    public void Duplicate_township_code_is_rejected_at_its_second_line()
    {
        AssertRejected(Read(townships: """
            code,name,kind,note
            120119001,文昌街道,街道,
            120119100,渔阳镇,镇,
            120119001,文昌街道（重复）,街道,
            """), "townships.csv", 4, "120119001");
    }

    [Fact]
    public void Unknown_unit_kind_is_rejected_with_file_and_line()
    {
        AssertRejected(Read(units: """
            name,kind
            区食安办,office
            区体育局,ministry
            """), "units.csv", 3, "ministry");
    }

    [Theory]
    [InlineData("3")]
    [InlineData("99")]
    [InlineData("-1")]
    public void Numeric_unit_kind_is_rejected_like_any_unknown_kind(string kind)
    {
        AssertRejected(Read(units: $"""
            name,kind
            区体育局,{kind}
            """), "units.csv", 2, kind);
    }

    [Theory]
    [InlineData("七十九万")]
    [InlineData("795516人")]
    [InlineData("-795516")]
    [InlineData("7.9e5")]
    [InlineData("99999999999")]
    public void Population_that_is_not_a_whole_number_is_rejected_with_file_and_line(string value)
    {
        AssertRejected(Read(jurisdiction: $"""
            field,value
            region_code,120119
            name,蓟州区
            population:2020,{value}
            """), "jurisdiction.csv", 4, value);
    }

    [Fact]
    public void Population_without_a_year_is_rejected()
    {
        AssertRejected(Read(jurisdiction: """
            field,value
            region_code,120119
            name,蓟州区
            population:二〇二〇,795516
            """), "jurisdiction.csv", 4);
    }

    [Fact]
    public void Population_written_with_a_thousands_separator_is_not_read_as_its_first_group()
    {
        // "795,516" splits into two cells; loading it as 795 people would silently wreck every per-1,000 quota.
        var result = Read(jurisdiction: """
            field,value
            region_code,120119
            name,蓟州区
            population:2020,795,516
            """);
        Assert.NotEqual(795, result.Jurisdiction?.PopulationFor(2020));
        Assert.Null(result.Jurisdiction);
        Assert.Contains(result.Errors, e => e.Contains("jurisdiction.csv", StringComparison.Ordinal) && e.Contains("第4行", StringComparison.Ordinal));
    }

    [Fact]
    public void Township_with_a_missing_name_is_rejected_with_file_and_line()
    {
        AssertRejected(Read(townships: """
            code,name,kind,note
            120119001,文昌街道,街道,
            120119100,,镇,
            """), "townships.csv", 3);
    }

    [Fact]
    public void Township_row_with_too_few_cells_is_rejected()
    {
        AssertRejected(Read(townships: """
            code,name,kind,note
            120119001,文昌街道
            """), "townships.csv", 2);
    }

    [Fact]
    public void Unit_with_a_missing_name_is_rejected_with_file_and_line()
    {
        AssertRejected(Read(units: """
            name,kind
            ,department
            """), "units.csv", 2);
    }

    [Fact]
    public void Jurisdiction_without_a_name_is_rejected_naming_the_file()
    {
        var result = Read(jurisdiction: """
            field,value
            region_code,120119
            """);
        Assert.Null(result.Jurisdiction);
        var error = Assert.Single(result.Errors);
        Assert.Contains("jurisdiction.csv", error, StringComparison.Ordinal);
        Assert.Contains("name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Jurisdiction_with_an_empty_name_value_is_rejected_with_file_and_line()
    {
        var result = Read(jurisdiction: """
            field,value
            region_code,120119
            name,
            """);
        Assert.Null(result.Jurisdiction);
        Assert.Contains(result.Errors, e => e.Contains("jurisdiction.csv", StringComparison.Ordinal) && e.Contains("第3行", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12011")]
    [InlineData("1201190")]
    [InlineData("12O119")]
    public void Region_code_of_the_wrong_shape_is_rejected(string code)
    {
        var result = Read(jurisdiction: $"""
            field,value
            region_code,{code}
            name,蓟州区
            """);
        Assert.Null(result.Jurisdiction);
        var error = Assert.Single(result.Errors);
        Assert.Contains("jurisdiction.csv", error, StringComparison.Ordinal);
        Assert.Contains("region_code", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_jurisdiction_field_is_rejected_with_file_and_line()
    {
        AssertRejected(Read(jurisdiction: """
            field,value
            region_code,120119
            name,蓟州区
            populaton:2020,795516
            """), "jurisdiction.csv", 4, "populaton:2020");
    }

    [Fact]
    public void Quoted_cell_is_rejected_with_file_and_line()
    {
        AssertRejected(Read(units: """
            name,kind
            "区食安办",office
            """), "units.csv", 2);
    }

    [Fact]
    public void Line_numbers_count_blank_and_comment_lines()
    {
        AssertRejected(Read(townships: """
            code,name,kind,note

            # comment
            120119001,文昌街道,街道,
            1201191,渔阳镇,镇,
            """), "townships.csv", 5);
    }

    [Fact]
    public void Every_error_in_every_file_is_reported_not_just_the_first()
    {
        var result = Read(
            """
            field,value
            region_code,120119
            name,蓟州区
            population:2020,many
            """,
            """
            code,name,kind,note
            1201190,文昌街道,街道,
            120119100,渔阳镇,镇,
            120119100,渔阳镇,镇,
            """,
            """
            name,kind
            区食安办,bureau
            """);
        Assert.Null(result.Jurisdiction);
        Assert.Equal(4, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.StartsWith("jurisdiction.csv 第4行", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("townships.csv 第2行", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("townships.csv 第4行", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("units.csv 第2行", StringComparison.Ordinal));
    }

    [Fact]
    public void Townships_file_without_its_header_does_not_silently_drop_the_first_township()
    {
        // A hand-written file for another district that forgets the header line.
        var result = Read(townships: """
            120119001,文昌街道,街道,
            120119100,渔阳镇,镇,
            """);
        Assert.True(result.Jurisdiction is null || result.Jurisdiction.Townships.Count == 2,
            $"first row lost: {result.Jurisdiction?.Townships.Count} township(s) read, errors: {string.Join("; ", result.Errors)}");
    }
}
