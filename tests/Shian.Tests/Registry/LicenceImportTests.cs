using System.Text;
using Shian.Registry;

namespace Shian.Tests.Registry;

public class LicenceImportTests
{
    private static readonly Business Restaurant = new() { Id = Guid.NewGuid(), Name = "老王家常菜馆", CreditCode = "921201193BJ1XG612E", Category = BusinessCategory.Caterer };
    private static readonly Business Supermarket = new() { Id = Guid.NewGuid(), Name = "鑫源超市", CreditCode = "91120119AY4CL12THD", Category = BusinessCategory.Seller };
    private static readonly Dictionary<string, Business> Businesses = new() { [Restaurant.CreditCode] = Restaurant, [Supermarket.CreditCode] = Supermarket };

    private const string Header = "统一社会信用代码,类别,编号,许可范围,发证日期,有效期至,发证机关,告知承诺";

    private static LicenceImport.Checked Check(IReadOnlySet<string>? recorded, params string[] lines)
    {
        var (rows, error) = LicenceImport.Read(Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. lines])), "licences.csv");
        Assert.Null(error);
        return LicenceImport.Check(rows, Businesses, recorded ?? new HashSet<string>());
    }

    [Fact]
    public void A_number_of_another_region_or_type_is_a_warning_with_its_row_and_column_and_the_row_is_kept()
    {
        var result = Check(null,
            "91120119AY4CL12THD,食品经营许可证,JY11201190000022,预包装食品销售,2020-03-16,2025-03-15,蓟州区市场监督管理局,否",
            "921201193BJ1XG612E,食品经营许可证,JY11101050000011,热食类食品制售,2021-06-01,2026-05-31,蓟州区市场监督管理局,是");
        Assert.Empty(result.Errors);
        Assert.Equal(["JY11201190000022", "JY11101050000011"], result.Licences.Select(l => l.Number));
        Assert.True(result.Licences[1].ByCommitment);
        // Row 3 (the restaurant): the region 110105 is not the business's 120119, and type 1 (sales) is not catering.
        Assert.Equal(2, result.Warnings.Count);
        Assert.All(result.Warnings, w => Assert.Equal((3, "编号"), (w.Row, w.Column)));
        Assert.Equal(["LicenceNumber.RegionDiffers(110105, 120119)", "LicenceNumber.KindMismatch"], result.Warnings.Select(w => w.Problem.ToString()));
    }

    [Fact]
    public void Errors_refuse_the_file_and_warnings_of_the_other_rows_are_still_reported()
    {
        var result = Check(new HashSet<string> { "JY21201190000033" },
            "921201193BJ1XG612E,食品经营许可证,JY11201190000011,热食类食品制售,2021-06-01,2026-05-31,,否",
            "91350200776049653A,食品经营许可证,JY11201190000044,,2021-06-01,2026-05-31,,否",
            "91120119AY4CL12THD,食品经营许可证,JY21201190000033,,2021-06-01,2026-05-31,,否",
            "91120119AY4CL12THD,食品经营许可证,JY11201190000055,,2021-06-01,,,否",
            "91120119AY4CL12THD,食品经营许可证,JY99,,2021-06-01,2026-05-31,,否");
        Assert.Equal([3, 4, 5, 6], result.Errors.Select(e => e.Row));
        Assert.Contains(result.Errors, e => e.Row == 3 && e.Problem.Code == "Licence.NoBusinessWithCode");
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Problem.Code == "Licence.NumberRecorded");
        Assert.Contains(result.Errors, e => e.Row == 5 && e.Problem.Code == "Licence.ExpiryRequired");
        // Row 2 is only warned (a sales type for a restaurant); row 4 (a catering number for a supermarket) is warned and refused.
        Assert.Equal([2, 4], result.Warnings.Select(w => w.Row));
        // A number that cannot be read gives its error, not a guess at warnings.
        Assert.DoesNotContain(result.Warnings, w => w.Row == 6);
    }
}
