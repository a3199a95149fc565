using Shian.Registry;

namespace Shian.Tests.Registry;

public class LicenceTests
{
    private static readonly Business Restaurant = new() { CreditCode = "921201193BJ1XG612E", Category = BusinessCategory.Caterer };
    private static readonly DateOnly Issued = new(2020, 3, 1);

    [Fact]
    public void A_catering_licence_of_the_district_passes_without_warnings()
    {
        var (errors, warnings) = Licence.Check(AuthorisationKind.BusinessLicence, "JY21201190012345", Issued, Issued.AddYears(5), Restaurant);
        Assert.Empty(errors);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Numbers_and_dates_that_cannot_be_right_are_refused()
    {
        Assert.Contains(Licence.Check(AuthorisationKind.BusinessLicence, "SC10412011900123", Issued, Issued.AddYears(5), Restaurant).Errors,
            e => e.Contains("以 JY 开头", StringComparison.Ordinal));
        Assert.Contains(Licence.Check(AuthorisationKind.BusinessLicence, "JY21201190012345", Issued, Issued.AddDays(-1), Restaurant).Errors,
            e => e.Contains("有效期至应晚于发证日期", StringComparison.Ordinal));
        Assert.Contains(Licence.Check(AuthorisationKind.BusinessLicence, "JY21201190012345", Issued, null, Restaurant).Errors,
            e => e.Contains("须填写有效期至", StringComparison.Ordinal));
        Assert.NotEmpty(Licence.Check(AuthorisationKind.HealthFoodFiling, "食健备G20201200001", Issued, null, Restaurant).Errors);
        Assert.Empty(Licence.Check(AuthorisationKind.HealthFoodFiling, "食健备G202012000012", Issued, null, Restaurant).Errors);
        Assert.Empty(Licence.Check(AuthorisationKind.HealthFoodRegistration, "国食健注G20200123", Issued, Issued.AddYears(5), Restaurant).Errors);
    }

    [Fact]
    public void A_licence_of_another_region_or_type_is_a_warning()
    {
        var (errors, warnings) = Licence.Check(AuthorisationKind.BusinessLicence, "JY11101050012345", Issued, Issued.AddYears(5), Restaurant);
        Assert.Empty(errors);
        Assert.Equal(2, warnings.Count); // region 110105 and type 1 (sales) for a caterer
    }

    [Theory]
    [InlineData("2025-02-28", 100, null)]
    [InlineData("2025-02-28", 90, 90)]
    [InlineData("2025-02-28", 31, 90)]
    [InlineData("2025-02-28", 30, 30)]
    [InlineData("2025-02-28", 0, 30)]
    [InlineData("2025-02-28", -1, null)]
    public void Expiry_alerts_at_90_and_30_days(string expires, int daysBefore, int? alert)
    {
        var end = DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture);
        var licence = new Licence { Status = LicenceStatus.Valid, IssuedOn = Issued, ExpiresOn = end };
        var today = end.AddDays(-daysBefore);
        Assert.Equal(alert, licence.ExpiryAlert(today));
        Assert.Equal(daysBefore >= 0, licence.IsCurrent(today));
        Assert.Equal(daysBefore, licence.DaysLeft(today));
    }

    [Fact]
    public void A_revoked_licence_is_not_current_and_has_no_alert()
    {
        var licence = new Licence { Status = LicenceStatus.Revoked, IssuedOn = Issued, ExpiresOn = Issued.AddYears(5) };
        Assert.False(licence.IsCurrent(Issued.AddDays(10)));
        Assert.Null(licence.ExpiryAlert(Issued.AddYears(5).AddDays(-10)));
    }

    [Fact]
    public void Public_codes_are_random_and_readable()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => Licence.NewPublicCode()).ToList();
        Assert.Equal(1000, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[2-9a-km-z]{10}$", c));
        Assert.DoesNotContain(codes, c => c.Contains('l') || c.Contains('o'));
    }
}

public class CommitmentTests
{
    private static Licence ByCommitment() => new() { ByCommitment = true, IssuedOn = new DateOnly(2020, 9, 1), ExpiresOn = new DateOnly(2025, 8, 31), Status = LicenceStatus.Valid };

    [Fact]
    public void A_conforming_verification_keeps_the_licence_and_happens_once()
    {
        var licence = ByCommitment();
        Assert.Null(licence.RecordVerification(conforms: true, new DateOnly(2020, 9, 20)));
        Assert.Equal((new DateOnly(2020, 9, 20), LicenceStatus.Valid), (licence.CommitmentVerifiedOn!.Value, licence.Status));
        Assert.NotNull(licence.RecordVerification(conforms: false, new DateOnly(2020, 9, 21)));
        Assert.Equal(LicenceStatus.Valid, licence.Status);
    }

    [Fact]
    public void A_broken_commitment_revokes_the_licence()
    {
        var licence = ByCommitment();
        Assert.Null(licence.RecordVerification(conforms: false, new DateOnly(2020, 9, 20)));
        Assert.Equal(LicenceStatus.Revoked, licence.Status);
        Assert.False(licence.IsCurrent(new DateOnly(2020, 10, 1)));
    }

    [Fact]
    public void Only_licences_issued_on_commitment_are_verified_and_not_before_issue()
    {
        Assert.NotNull(new Licence { IssuedOn = new DateOnly(2020, 9, 1) }.RecordVerification(true, new DateOnly(2020, 9, 2)));
        Assert.NotNull(ByCommitment().RecordVerification(true, new DateOnly(2020, 8, 31)));
    }
}
