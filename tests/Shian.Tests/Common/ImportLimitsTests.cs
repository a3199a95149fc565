using System.Text;
using Shian.Common;
using Shian.Plans;
using Shian.Registry;
using Shian.Sampling;

namespace Shian.Tests.Common;

/// <summary>
/// Every import reads within its limits: a file that would unpack or stream past them is refused by a problem that names
/// the file and the limit, before it is read. (How fast and in how much memory is measured by bench/, not here.)
/// </summary>
public class ImportLimitsTests
{
    private static readonly string[] BusinessHeader = ["名称", "统一社会信用代码", "地址", "乡镇街道", "类型"];
    private static readonly string[] BusinessRow = ["渔阳镇老王饭店", "91350200776049653A", "渔阳镇北大街 8 号", "渔阳镇", "餐馆"];

    [Fact]
    public void A_workbook_of_a_million_business_rows_is_refused_at_the_row_limit()
    {
        // About 110 MB of worksheet XML in under a megabyte: within the unpacked limit, so the rows refuse it.
        var bomb = ImportBombs.Workbook(BusinessHeader, BusinessRow, rows: 1_000_000);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");
        var (rows, problem) = BusinessImport.Read(bomb, "主体.xlsx");
        var error = Text(problem);
        Assert.Empty(rows);
        Assert.Equal(Text(BusinessImport.Limits.TooManyRows("主体.xlsx")), error);
        Assert.Equal("Import.TooManyRows", problem!.Code);
        Assert.Equal(["主体.xlsx", "100,000"], problem.Args);
    }

    [Fact]
    public void A_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_inflated()
    {
        string[] header = ["抽样单编号", "检验项目", "检验结果", "单项判定"];
        var bomb = ImportBombs.Workbook(header, ["JZ-2026-000001", "铅", "0.01", "合格"], rows: 1_000_000);
        var (rows, error) = SampleResultImport.Read(bomb, "检验结果.xlsx");
        Assert.Empty(rows);
        Assert.Equal("Import.UnpacksTooLarge(检验结果.xlsx, 32)", Text(error!.Problem));
    }

    [Fact]
    public void A_part_that_declares_a_huge_size_is_refused_whatever_it_holds()
    {
        string[] header = ["统一社会信用代码", "类别", "编号", "发证日期"];
        var small = ImportBombs.Workbook(header, ["91350200776049653A", "食品经营许可证", "JY11201190012345", "2021-06-01"], rows: 3);
        Assert.Null(LicenceImport.Read(small, "许可证.xlsx").Error); // the file itself is fine
        var (rows, problem) = LicenceImport.Read(ImportBombs.Declaring(small, "xl/worksheets/sheet1.xml", 3_000_000_000), "许可证.xlsx");
        var error = Text(problem);
        Assert.Empty(rows);
        Assert.Equal(Text(LicenceImport.Limits.UnpacksTooLarge("许可证.xlsx")), error);
        Assert.Equal("Import.UnpacksTooLarge(许可证.xlsx, 160)", error);
    }

    [Fact]
    public void A_word_plan_with_a_huge_part_or_too_many_paragraphs_is_refused()
    {
        var huge = ImportBombs.Document(paragraphs: 600_000); // about 38 MB of document XML
        Assert.Equal("Import.UnpacksTooLarge(计划.docx, 32)", Text(PlanDocument.Read(huge, "计划.docx").Error));

        Assert.Null(PlanDocument.Read(ImportBombs.Document(PlanDocument.Limits.MaxRows), "计划.docx").Error);
        Assert.Equal("Import.TooManyRows(计划.docx, 20,000)", Text(PlanDocument.Read(ImportBombs.Document(PlanDocument.Limits.MaxRows + 1), "计划.docx").Error));
        var lines = string.Concat(Enumerable.Repeat("一、加强监管。\n", PlanDocument.Limits.MaxRows + 1));
        Assert.Equal(Text(PlanDocument.Limits.TooManyRows("计划.txt")), Text(PlanDocument.Read(Encoding.UTF8.GetBytes(lines), "计划.txt").Error));
    }

    [Fact]
    public void A_package_of_too_many_parts_is_refused_before_its_directory_is_read()
    {
        var parts = ImportBombs.Parts(40_000); // under 4 MB; listing the parts would allocate about 20 MB and take a while
        Assert.Equal("Import.TooManyParts(主体.xlsx, 1,000)", Text(BusinessImport.Read(parts, "主体.xlsx").Error));
        Assert.Equal(Text(PlanDocument.Limits.TooManyParts("计划.docx")), Text(PlanDocument.Read(parts, "计划.docx").Error));
        Assert.Null(ImportReader.Package(ImportBombs.Parts(1_000), "p.docx", PlanDocument.Limits));
        Assert.Equal(Text(PlanDocument.Limits.TooManyParts("p.docx")), Text(ImportReader.Package(ImportBombs.Parts(1_001), "p.docx", PlanDocument.Limits)));
    }

    private static readonly ImportLimits Three = new(MaxRows: 3, MaxFileBytes: 64 * 1024, MaxUnpackedBytes: 64 * 1024);

    private static (IReadOnlyList<BusinessImport.Row> Rows, string? Error) Read(byte[] content, string fileName)
    {
        var (rows, problem) = BusinessImport.Read(content, fileName, BusinessInput.Columns.All, BusinessInput.Columns.Required, Three);
        return (rows, Text(problem));
    }

    /// <summary>A refusal as its code and values ("Import.TooManyRows(b.xlsx, 3)"): a record's array of values does not compare by content.</summary>
    private static string? Text(Problem? problem) => problem?.ToString();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exactly_the_row_limit_is_read_and_one_more_is_refused_in_a_workbook(bool numbered)
    {
        var (rows, error) = Read(ImportBombs.Workbook(BusinessHeader, BusinessRow, rows: 3, numbered), "b.xlsx");
        Assert.Null(error);
        Assert.Equal([2, 3, 4], rows.Select(r => r.Number));
        (rows, error) = Read(ImportBombs.Workbook(BusinessHeader, BusinessRow, rows: 4, numbered), "b.xlsx");
        Assert.Empty(rows);
        Assert.Equal(Text(Three.TooManyRows("b.xlsx")), error);
    }

    [Theory]
    [InlineData(false, "")]
    [InlineData(true, "")]
    [InlineData(false, "x")]
    [InlineData(true, "main")]
    public void Row_tags_are_counted_exactly_across_reads_and_with_a_namespace_prefix(bool numbered, string prefix)
    {
        // 200,000 rows are megabytes of XML read in 64 KB pieces: a tag cut by a read is counted once, never twice.
        var workbook = ImportBombs.Workbook(BusinessHeader, BusinessRow, rows: 200_000, numbered, prefix: prefix);
        ImportLimits Rows(int rows) => new(rows, MaxFileBytes: 10 * 1024 * 1024, MaxUnpackedBytes: 100 * 1024 * 1024);
        Assert.Null(ImportReader.Package(workbook, "b.xlsx", Rows(200_000), ImportReader.IsWorksheet));
        Assert.Equal(Text(Rows(199_999).TooManyRows("b.xlsx")), Text(ImportReader.Package(workbook, "b.xlsx", Rows(199_999), ImportReader.IsWorksheet)));
    }

    [Fact]
    public void Blank_rows_up_to_a_far_row_number_count_towards_the_limit()
    {
        // Two rows and one numbered 100,000: the reader fills the blank rows between, so the limit must stop it there.
        var (rows, error) = Read(ImportBombs.Workbook(BusinessHeader, BusinessRow, rows: 2, numbered: true, lastRow: 100_000), "b.xlsx");
        Assert.Empty(rows);
        Assert.Equal(Text(Three.TooManyRows("b.xlsx")), error);
    }

    [Fact]
    public void Exactly_the_row_limit_is_read_and_one_more_is_refused_in_a_csv()
    {
        var line = string.Join(",", BusinessRow);
        byte[] Csv(int rows, string end = "") => Encoding.UTF8.GetBytes(string.Join("\r\n", [string.Join(",", BusinessHeader), .. Enumerable.Repeat(line, rows)]) + end);
        Assert.Equal(3, Read(Csv(3), "b.csv").Rows.Count);
        Assert.Equal(3, Read(Csv(3, end: "\r\n"), "b.csv").Rows.Count); // the line break after the last row is not a row
        Assert.Equal(Text(Three.TooManyRows("b.csv")), Read(Csv(4), "b.csv").Error);
        Assert.Equal(Text(Three.TooManyRows("b.csv")), Read(Csv(3, end: "\r\n\r\n"), "b.csv").Error); // a blank row is a row
        Assert.Equal(Text(Three.TooLarge("b.csv")), Read(new byte[Three.MaxFileBytes + 1], "b.csv").Error);
    }
}
