using Shian.Registry;

namespace Shian.Tests.Registry;

public class LicenceNumberTests
{
    [Fact]
    public void A_production_licence_splits_into_category_region_and_sequence()
    {
        var (licence, error) = LicenceNumber.Parse(" sc10412011900123 ");
        Assert.Null(error);
        Assert.Equal(new LicenceNumber.Parsed(LicenceKind.Production, "SC10412011900123", "104", "120119", "0012"), licence);
    }

    [Fact]
    public void A_business_licence_splits_into_type_region_and_sequence()
    {
        var (licence, error) = LicenceNumber.Parse("JY21201190012345");
        Assert.Null(error);
        Assert.Equal(new LicenceNumber.Parsed(LicenceKind.Business, "JY21201190012345", "2", "120119", "001234"), licence);
    }

    [Theory]
    [InlineData("SC1041201190012", "SC 或 JY 加 14 位数字")] // 13 digits
    [InlineData("XK10412011900123", "SC 或 JY 加 14 位数字")]
    [InlineData("SC30412011900123", "1（食品）或 2（食品添加剂）")]
    [InlineData("JY91201190012345", "经营类型 1–3")]
    public void Malformed_numbers_say_why(string number, string message) => Assert.Contains(message, LicenceNumber.Parse(number).Error);

    [Fact]
    public void A_licence_that_does_not_fit_the_business_is_a_warning_not_a_refusal()
    {
        var catering = LicenceNumber.Parse("JY21201190012345").Licence!;
        Assert.Empty(LicenceNumber.Warnings(catering, "120119", BusinessCategory.Caterer));
        var warnings = LicenceNumber.Warnings(catering, "110105", BusinessCategory.Seller);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("地区码 120119 与主体所在地 110105 不同", warnings[0]);
        Assert.Empty(LicenceNumber.Warnings(LicenceNumber.Parse("SC10412011900123").Licence!, "120119", BusinessCategory.Producer));
    }
}
