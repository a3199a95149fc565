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
    [InlineData("SC1041201190012", "LicenceNumber.Shape")] // 13 digits
    [InlineData("XK10412011900123", "LicenceNumber.Shape")]
    [InlineData("SC30412011900123", "LicenceNumber.ScCategory")]
    [InlineData("JY91201190012345", "LicenceNumber.JyType")]
    public void Malformed_numbers_say_why(string number, string code) => Assert.Equal(code, LicenceNumber.Parse(number).Error?.Code);

    [Fact]
    public void A_licence_that_does_not_fit_the_business_is_a_warning_not_a_refusal()
    {
        var catering = LicenceNumber.Parse("JY21201190012345").Licence!;
        Assert.Empty(LicenceNumber.Warnings(catering, "120119", BusinessCategory.Caterer));
        var warnings = LicenceNumber.Warnings(catering, "110105", BusinessCategory.Seller);
        Assert.Equal(2, warnings.Count);
        Assert.Equal("LicenceNumber.RegionDiffers(120119, 110105)", warnings[0].ToString());
        Assert.Empty(LicenceNumber.Warnings(LicenceNumber.Parse("SC10412011900123").Licence!, "120119", BusinessCategory.Producer));
    }
}
