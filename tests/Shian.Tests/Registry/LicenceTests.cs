using Shian.Registry;
using Shian.Tests.Builders;

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
            e => e.Code == "Licence.BusinessNumberPrefix");
        Assert.Contains(Licence.Check(AuthorisationKind.BusinessLicence, "JY21201190012345", Issued, Issued.AddDays(-1), Restaurant).Errors,
            e => e.Code == "Licence.ExpiryNotAfterIssue");
        Assert.Contains(Licence.Check(AuthorisationKind.BusinessLicence, "JY21201190012345", Issued, null, Restaurant).Errors,
            e => e.Code == "Licence.ExpiryRequired");
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
        var licence = new Licence { IssuedOn = Issued, ExpiresOn = end };
        var today = end.AddDays(-daysBefore);
        Assert.Equal(alert, licence.ExpiryAlert(today));
        Assert.Equal(daysBefore >= 0, licence.IsCurrent(today));
        Assert.Equal(daysBefore, licence.DaysLeft(today));
    }

    [Fact]
    public void A_revoked_licence_is_not_current_and_has_no_alert()
    {
        var licence = new Licence { IssuedOn = Issued, ExpiresOn = Issued.AddYears(5) }.Revoked(Issued.AddDays(1));
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
    private static Licence ByCommitment() => new() { ByCommitment = true, IssuedOn = new DateOnly(2020, 9, 1), ExpiresOn = new DateOnly(2025, 8, 31) };

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

public class LicenceStatusTests
{
    private static readonly DateOnly Issued = new(2022, 3, 1);
    private static readonly DateOnly Today = new(2024, 6, 10);

    private static Licence Valid() => new() { Number = "JY21201190012345", IssuedOn = Issued, ExpiresOn = Issued.AddYears(5) };

    [Fact]
    public void A_licence_is_suspended_reinstated_and_revoked_with_its_reason_and_date()
    {
        var licence = Valid();
        Assert.Null(licence.ChangeStatus(LicenceStatus.Suspended, "  责令停产停业整改  ", new DateOnly(2024, 5, 1), Today));
        Assert.Equal((LicenceStatus.Suspended, "责令停产停业整改", new DateOnly(2024, 5, 1)), (licence.Status, licence.StatusReason, licence.StatusChangedOn));
        Assert.False(licence.IsCurrent(Today));
        Assert.Null(licence.ExpiryAlert(Issued.AddYears(5).AddDays(-10))); // a suspended licence is not alerted

        Assert.Null(licence.ChangeStatus(LicenceStatus.Valid, "整改到位，复查合格", new DateOnly(2024, 6, 1), Today));
        Assert.Equal((LicenceStatus.Valid, "整改到位，复查合格", new DateOnly(2024, 6, 1)), (licence.Status, licence.StatusReason, licence.StatusChangedOn));
        Assert.True(licence.IsCurrent(Today));

        Assert.Null(licence.ChangeStatus(LicenceStatus.Revoked, "以欺骗手段取得许可", Today, Today));
        Assert.Equal(LicenceStatus.Revoked, licence.Status);
    }

    [Theory]
    [InlineData(LicenceStatus.Revoked, "Licence.RevokedIsFinal")]
    [InlineData(LicenceStatus.Cancelled, "Licence.CancelledIsFinal")]
    public void Revoked_and_cancelled_are_final(LicenceStatus final, string said)
    {
        var licence = Valid();
        Assert.Null(licence.ChangeStatus(final, "决定", new DateOnly(2024, 5, 1), Today));
        foreach (var to in Enum.GetValues<LicenceStatus>())
        {
            var refusal = licence.ChangeStatus(to, "恢复经营", Today, Today);
            Assert.Equal(said, refusal?.Code);
        }
        Assert.Equal((final, "决定", new DateOnly(2024, 5, 1)), (licence.Status, licence.StatusReason, licence.StatusChangedOn));
        Assert.Empty(Licence.NextStatuses(final));
    }

    [Fact]
    public void Only_a_suspended_licence_is_reinstated_and_a_suspended_one_is_not_suspended_again()
    {
        var licence = Valid();
        Assert.Equal("Licence.AlreadyValid", licence.ChangeStatus(LicenceStatus.Valid, "恢复", Today, Today)?.Code);
        Assert.Null(licence.ChangeStatus(LicenceStatus.Suspended, "停业整改", Today, Today));
        Assert.Equal("Licence.AlreadySuspended", licence.ChangeStatus(LicenceStatus.Suspended, "再次暂停", Today, Today)?.Code);
        Assert.Null(licence.ChangeStatus(LicenceStatus.Cancelled, "主体申请注销", Today, Today)); // a suspended licence may be cancelled
        Assert.Equal([LicenceStatus.Suspended, LicenceStatus.Revoked, LicenceStatus.Cancelled], Licence.NextStatuses(LicenceStatus.Valid));
        Assert.Equal([LicenceStatus.Valid, LicenceStatus.Revoked, LicenceStatus.Cancelled], Licence.NextStatuses(LicenceStatus.Suspended));
    }

    [Fact]
    public void A_change_needs_a_reason_and_a_date_between_the_issue_or_last_change_and_today()
    {
        var licence = Valid();
        Assert.Equal("Licence.ReasonRequired", licence.ChangeStatus(LicenceStatus.Suspended, "   ", Today, Today)?.Code);
        Assert.Equal("Licence.ReasonRequired", licence.ChangeStatus(LicenceStatus.Suspended, null, Today, Today)?.Code);
        Assert.Equal("Licence.ReasonTooLong", licence.ChangeStatus(LicenceStatus.Suspended, new string('因', 501), Today, Today)?.Code);
        Assert.Equal("Licence.EffectiveBeforeIssue", licence.ChangeStatus(LicenceStatus.Suspended, "整改", Issued.AddDays(-1), Today)?.Code);
        Assert.Equal("Licence.EffectiveAfterToday", licence.ChangeStatus(LicenceStatus.Suspended, "整改", Today.AddDays(1), Today)?.Code);
        Assert.Equal("Licence.UnknownStatus", licence.ChangeStatus((LicenceStatus)42, "整改", Today, Today)?.Code);
        Assert.Equal((LicenceStatus.Valid, "", null), (licence.Status, licence.StatusReason, licence.StatusChangedOn)); // refusals change nothing

        Assert.Null(licence.ChangeStatus(LicenceStatus.Suspended, "整改", new DateOnly(2024, 6, 1), Today));
        Assert.Equal("Licence.EffectiveBeforePrevious", licence.ChangeStatus(LicenceStatus.Valid, "复查合格", new DateOnly(2024, 5, 31), Today)?.Code);
        Assert.Equal(LicenceStatus.Suspended, licence.Status);
    }

    [Fact]
    public void A_broken_commitment_records_why_and_a_cancelled_licence_is_not_verified()
    {
        var licence = new Licence { ByCommitment = true, IssuedOn = Issued, ExpiresOn = Issued.AddYears(5) };
        Assert.Null(licence.RecordVerification(conforms: false, Issued.AddDays(10)));
        Assert.Equal((LicenceStatus.Revoked, Issued.AddDays(10)), (licence.Status, licence.StatusChangedOn!.Value));
        Assert.Equal(Licence.CommitmentNotKept, licence.StatusReason);

        var cancelled = new Licence { ByCommitment = true, IssuedOn = Issued, ExpiresOn = Issued.AddYears(5) };
        Assert.Null(cancelled.ChangeStatus(LicenceStatus.Cancelled, "主体申请注销", Issued.AddDays(5), Today));
        Assert.NotNull(cancelled.RecordVerification(conforms: false, Issued.AddDays(10)));
        Assert.Equal(LicenceStatus.Cancelled, cancelled.Status);
    }
}
