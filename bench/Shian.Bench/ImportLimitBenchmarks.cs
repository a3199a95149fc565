using BenchmarkDotNet.Attributes;
using MiniExcelLibs;
using Shian.Demo;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Sampling;
using Shian.Tests.Common;

namespace Shian.Bench;

/// <summary>
/// How fast, and with how much memory, an import refuses a file that is small to send and huge to read (the review's
/// finding: a 781 KB workbook of 1,000,000 rows took 38 s and 1.3 GB before any limit applied). Target: each refusal under
/// 2 s with allocation independent of the rows in the file. For scale, <c>Read_100K_businesses</c> reads a real-sized
/// register (100,000 rows, 14 columns) that the limits must still accept.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ImportLimitBenchmarks
{
    private static readonly string[] BusinessHeader = ["名称", "统一社会信用代码", "地址", "乡镇街道", "类型"];
    private byte[] _millionBusinessRows = [];
    private byte[] _millionResultRows = [];
    private byte[] _declaredHuge = [];
    private byte[] _farRow = [];
    private byte[] _manyParts = [];
    private byte[] _hugeDocument = [];
    private byte[] _register = [];

    [GlobalSetup]
    public void MakeFiles()
    {
        _millionBusinessRows = ImportBombs.Workbook(BusinessHeader, ["渔阳镇老王饭店", "91350200776049653A", "渔阳镇北大街 8 号", "渔阳镇", "餐馆"], rows: 1_000_000);
        _millionResultRows = ImportBombs.Workbook(["抽样单编号", "检验项目", "检验结果", "单项判定"], ["JZ-2026-000001", "铅", "0.01", "合格"], rows: 1_000_000);
        _declaredHuge = ImportBombs.Declaring(ImportBombs.Workbook(BusinessHeader, ["甲", "91350200776049653A", "乙", "渔阳镇", "餐馆"], rows: 3),
            "xl/worksheets/sheet1.xml", 3_000_000_000);
        _hugeDocument = ImportBombs.Document(paragraphs: 600_000);
        _farRow = ImportBombs.Workbook(BusinessHeader, ["甲", "91350200776049653A", "乙", "渔阳镇", "餐馆"], rows: 2, numbered: true, lastRow: 1_048_576);
        _manyParts = ImportBombs.Parts(300_000);
        _register = Register(100_000);

        // A refusal that does not happen, or happens for another reason, must fail the run rather than look fast.
        Expect(Refuse_1M_business_rows(), BusinessImport.Limits.TooManyRows("bomb.xlsx"));
        Expect(Refuse_1M_result_rows_by_unpacked_size(), SampleResultImport.Limits.UnpacksTooLarge("bomb.xlsx"));
        Expect(Refuse_part_declaring_3_GB(), BusinessImport.Limits.UnpacksTooLarge("bomb.xlsx"));
        Expect(Refuse_docx_with_38_MB_part(), PlanDocument.Limits.UnpacksTooLarge("bomb.docx"));
        Expect(Refuse_row_numbered_1048576(), BusinessImport.Limits.TooManyRows("bomb.xlsx"));
        Expect(Refuse_300K_parts(), BusinessImport.Limits.TooManyParts("bomb.xlsx"));
        if (Read_100K_businesses() != 100_000)
        {
            throw new InvalidOperationException("A register of 100,000 businesses must be read whole.");
        }
        Console.WriteLine($"// files: 1M business rows {_millionBusinessRows.Length / 1024} KB, 1M result rows {_millionResultRows.Length / 1024} KB, " +
            $"declared 3 GB {_declaredHuge.Length / 1024} KB, docx {_hugeDocument.Length / 1024} KB, 300K parts {_manyParts.Length / 1024} KB, register {_register.Length / 1024} KB");
    }

    /// <summary>A refusal as its code and values (a record's array of values does not compare by content).</summary>
    private static string? Text(Shian.Common.Problem? problem) => problem?.ToString();

    private static void Expect(string? error, Shian.Common.Problem expected)
    {
        if (error != expected.ToString())
        {
            throw new InvalidOperationException($"Expected “{expected}”, got “{error}”.");
        }
    }

    /// <summary>100,000 demo businesses in the import's columns, as BusinessImportBenchmarks builds them.</summary>
    private static byte[] Register(int rows)
    {
        var townships = DistrictFiles.ReadDemo().Jurisdiction!.Townships;
        foreach (var township in townships)
        {
            township.Id = Guid.NewGuid();
        }
        var (businesses, _) = DemoBusinesses.Generate(townships, rows, DateTime.UtcNow, seed: 7);
        var names = townships.ToDictionary(t => t.Id, t => t.Name);
        using var stream = new MemoryStream();
        stream.SaveAs(businesses.Select(b => new Dictionary<string, object?>
        {
            [BusinessInput.Columns.Name] = b.Name, [BusinessInput.Columns.CreditCode] = b.CreditCode, [BusinessInput.Columns.LegalRepresentative] = b.LegalRepresentative,
            [BusinessInput.Columns.Address] = b.Address, [BusinessInput.Columns.Township] = names[b.TownshipId],
            [BusinessInput.Columns.Subtype] = BusinessTypes.FindSubtype(b.Subtype)!.Name, [BusinessInput.Columns.ContactPhone] = b.ContactPhone,
            [BusinessInput.Columns.Tags] = string.Join("、", b.TagList.Select(t => BusinessTypes.FindTag(t)!.Name)),
            [BusinessInput.Columns.Latitude] = b.Latitude, [BusinessInput.Columns.Longitude] = b.Longitude,
        }));
        return stream.ToArray();
    }

    /// <summary>1,000,000 rows in about 110 MB of XML (within the 160 MB unpacked limit): the row count refuses it.</summary>
    [Benchmark]
    public string? Refuse_1M_business_rows() => Text(BusinessImport.Read(_millionBusinessRows, "bomb.xlsx").Error);

    /// <summary>The same rows against the laboratory import's 32 MB: the declared part size refuses it.</summary>
    [Benchmark]
    public string? Refuse_1M_result_rows_by_unpacked_size() => Text(SampleResultImport.Read(_millionResultRows, "bomb.xlsx").Error?.Problem);

    [Benchmark]
    public string? Refuse_part_declaring_3_GB() => Text(BusinessImport.Read(_declaredHuge, "bomb.xlsx").Error);

    [Benchmark]
    public string? Refuse_docx_with_38_MB_part() => Text(PlanDocument.Read(_hugeDocument, "bomb.docx").Error);

    /// <summary>Three rows, the last numbered 1,048,576: the spreadsheet reader fills the blank rows between, so the streamed
    /// rows (not the row tags) refuse it.</summary>
    [Benchmark]
    public string? Refuse_row_numbered_1048576() => Text(BusinessImport.Read(_farRow, "bomb.xlsx").Error);

    /// <summary>300,000 empty parts (within the 32 MB file limit): the zip's own count refuses it before its directory is read.</summary>
    [Benchmark]
    public string? Refuse_300K_parts() => Text(BusinessImport.Read(_manyParts, "bomb.xlsx").Error);

    [Benchmark]
    public int Read_100K_businesses() => BusinessImport.Read(_register, "register.xlsx").Rows.Count;
}
