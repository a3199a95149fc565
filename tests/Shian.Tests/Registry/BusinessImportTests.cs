using System.Text;
using MiniExcelLibs;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Tests.Registry;

public class BusinessImportTests
{
    private static readonly Township Yuyang = new() { Id = Guid.NewGuid(), Name = "渔阳镇", Code = "120119100" };
    private static readonly Township Wenchang = new() { Id = Guid.NewGuid(), Name = "文昌街道", Code = "120119001" };
    private static readonly IReadOnlyList<Township> Townships = [Yuyang, Wenchang];

    private const string Header = "名称,统一社会信用代码,地址,乡镇街道,类型,规模,联系电话,标签,纬度,经度";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. lines]));

    [Fact]
    public void A_good_csv_becomes_businesses_with_codes_normalised_and_types_resolved()
    {
        var (rows, error) = BusinessImport.Read(Csv(
            "渔阳镇老王饭店,91440101ma5cjq4n59 ,渔阳镇北大街 8 号,渔阳镇,餐馆,小型,022-29141234,明厨亮灶、网络订餐,40.04,117.41",
            "",
            "文昌超市,91350200776049653A,文昌街道府君路 1 号,120119001,supermarket,中型,,,,"), "businesses.csv");
        Assert.Null(error);
        Assert.Equal([2, 4], rows.Select(r => r.Number)); // the blank line is skipped, numbers stay the spreadsheet's
        var result = BusinessImport.Check(rows, Townships, new HashSet<string>(), mayOverride: false);
        Assert.Empty(result.Errors);
        var restaurant = result.Businesses[0];
        Assert.Equal("91440101MA5CJQ4N59", restaurant.CreditCode);
        Assert.Equal((BusinessCategory.Caterer, "restaurant", BusinessScale.Small), (restaurant.Category, restaurant.Subtype, restaurant.Scale));
        Assert.Equal("|kitchen-video|online-ordering|", restaurant.Tags);
        Assert.Equal(Yuyang.Id, restaurant.TownshipId);
        Assert.Equal(40.04, restaurant.Latitude);
        Assert.Equal((BusinessCategory.Seller, Wenchang.Id, BusinessScale.Medium), (result.Businesses[1].Category, result.Businesses[1].TownshipId, result.Businesses[1].Scale));
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_row_and_column()
    {
        var (rows, _) = BusinessImport.Read(Csv(
            "甲饭店,91350100M000100Y4Z,地址1,渔阳镇,餐馆,,,,,",
            "乙商店,91350200776049653A,地址2,不存在镇,小卖部,巨型,电话,吉祥,117.41,40.04",
            "丙超市,91350200776049653A,地址3,渔阳镇,超市,,,,,"), "b.csv");
        var result = BusinessImport.Check(rows, Townships, new HashSet<string> { "9135021359498494XQ" }, mayOverride: false);
        var errors = result.Errors.Select(e => $"{e.Row} {e.Column} {e.Problem}").ToList();
        Assert.Contains("2 统一社会信用代码 CreditCode.CheckCharacter(3, Z)", errors);
        Assert.Contains("3 乡镇街道 Business.TownshipUnknown(不存在镇)", errors);
        Assert.Contains(errors, e => e.StartsWith("3 类型 Business.SubtypeUnknown(小卖部, ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("3 规模 Business.ScaleUnknown(", StringComparison.Ordinal));
        Assert.Contains("3 联系电话 Business.PhoneInvalid(电话)", errors);
        Assert.Contains(errors, e => e.StartsWith("3 标签 Business.TagUnknown(吉祥, ", StringComparison.Ordinal));
        Assert.Contains("3 纬度 Business.LatitudeRange(3, 54)", errors); // latitude and longitude swapped
        // Row 3 was refused, so row 4's code is not a duplicate of it, and row 4 itself is fine.
        Assert.DoesNotContain(result.Errors, e => e.Row == 4);
        Assert.Equal("丙超市", result.Businesses.Single().Name);
    }

    [Fact]
    public void Duplicates_in_the_file_and_in_the_register_are_refused()
    {
        var (rows, _) = BusinessImport.Read(Csv(
            "甲,91350200776049653A,地址,渔阳镇,餐馆,,,,,",
            "乙,91350200776049653a,地址,渔阳镇,餐馆,,,,,",
            "丙,9135021359498494XQ,地址,渔阳镇,餐馆,,,,,"), "b.csv");
        var result = BusinessImport.Check(rows, Townships, new HashSet<string> { "9135021359498494XQ" }, mayOverride: false);
        Assert.Equal(["3 统一社会信用代码 Import.DuplicateRow(2, 91350200776049653A)",
                      "4 统一社会信用代码 Business.CodeRegistered(9135021359498494XQ)"],
            result.Errors.Select(e => $"{e.Row} {e.Column} {e.Problem}"));
    }

    [Fact]
    public void A_failed_check_character_is_accepted_only_with_permission_and_a_reason()
    {
        var input = new BusinessInput { Name = "甲", CreditCode = "91350100M000100Y4Z", Address = "地址", Township = "渔阳镇", Subtype = "餐馆" };
        Assert.Equal("Business.CreditCodeOverridable(CreditCode.CheckCharacter(3, Z))", input.Build(Townships, mayOverride: true).Errors.Single().Problem.ToString());
        input.CreditCodeOverride = "营业执照原件如此，已向登记机关核实";
        Assert.NotEmpty(input.Build(Townships, mayOverride: false).Errors);
        var (business, errors) = input.Build(Townships, mayOverride: true);
        Assert.Empty(errors);
        Assert.Equal("营业执照原件如此，已向登记机关核实", business!.CreditCodeOverride);
        // A code of the wrong length is never overridden.
        input.CreditCode = "9135010";
        Assert.NotEmpty(input.Build(Townships, mayOverride: true).Errors);
    }

    [Fact]
    public void An_xlsx_with_one_sheet_is_read_like_the_csv()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object> { ["名称"] = "甲", ["统一社会信用代码"] = "91350200776049653A", ["地址"] = "地址", ["乡镇街道"] = "渔阳镇", ["类型"] = "餐馆", ["纬度"] = 40.04, ["经度"] = 117.41 } });
        var (rows, error) = BusinessImport.Read(stream.ToArray(), "b.xlsx");
        Assert.Null(error);
        Assert.Equal("40.04", rows.Single().Values["纬度"]);
        Assert.Empty(BusinessImport.Check(rows, Townships, new HashSet<string>(), false).Errors);
    }

    [Fact]
    public void Files_that_are_not_a_list_of_businesses_get_a_clear_message()
    {
        Assert.Equal("Import.ColumnsMissing(乡镇街道、类型)", BusinessImport.Read(Encoding.UTF8.GetBytes("名称,统一社会信用代码,地址\n甲,1,2"), "b.csv").Error?.ToString());
        Assert.StartsWith("Import.ColumnsUnknown(电话号码, ", BusinessImport.Read(Encoding.UTF8.GetBytes(Header + ",电话号码\n甲,91350200776049653A,地址,渔阳镇,餐馆,,,,,,1"), "b.csv").Error?.ToString());
        Assert.Equal("Import.NotWorkbook", BusinessImport.Read("MZ\u0090binary"u8.ToArray(), "b.xlsx").Error?.ToString());
        Assert.Equal("Import.WrongType(.pdf)", BusinessImport.Read([1, 2, 3], "b.pdf").Error?.ToString());
        Assert.Equal("Import.Empty", BusinessImport.Read([], "b.csv").Error?.ToString());
        Assert.Equal("Import.NoRows", BusinessImport.Read(Encoding.UTF8.GetBytes(Header), "b.csv").Error?.Code);
        Assert.Equal("Import.Binary", BusinessImport.Read([0x50, 0, 0x51], "b.csv").Error?.ToString());
        Assert.Equal("Import.RaggedRow", BusinessImport.Read(Encoding.UTF8.GetBytes(Header + "\n甲,91350200776049653A"), "b.csv").Error?.Code);

        using var two = new MemoryStream();
        two.SaveAs(new Dictionary<string, object> { ["主体"] = new[] { new { 名称 = "甲" } }, ["说明"] = new[] { new { 说明 = "x" } } });
        Assert.Equal("Import.SheetCount(2, 主体、说明)", BusinessImport.Read(two.ToArray(), "b.xlsx").Error?.ToString());
    }

    [Fact]
    public void A_gb18030_csv_from_chinese_excel_is_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Header + "\r\n甲饭店,91350200776049653A,渔阳镇北大街,渔阳镇,餐馆,,,,,");
        var (rows, error) = BusinessImport.Read(bytes, "b.csv");
        Assert.Null(error);
        Assert.Equal("甲饭店", rows.Single().Values["名称"]);
    }
}
