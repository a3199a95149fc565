using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Shian.Common;

namespace Shian.Registry;

/// <summary>What kind of authorisation a business holds (许可 or 备案).</summary>
public enum AuthorisationKind
{
    /// <summary>食品生产许可证 (SC).</summary>
    ProductionLicence,

    /// <summary>食品经营许可证 (JY).</summary>
    BusinessLicence,

    /// <summary>仅销售预包装食品备案: a filing, not a licence.</summary>
    SalesFiling,

    /// <summary>保健食品注册 (国食健注G…).</summary>
    HealthFoodRegistration,

    /// <summary>保健食品备案 (食健备G…).</summary>
    HealthFoodFiling,
}

public enum LicenceStatus
{
    Valid,
    Suspended,
    Revoked,
    Cancelled,
}

/// <summary>
/// A licence or filing held by a business. Anyone can check it through its public code (a QR code on the certificate):
/// genuine, current, and whose.
/// </summary>
public partial class Licence
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public AuthorisationKind Kind { get; set; }
    public string Number { get; set; } = "";

    /// <summary>The licensed scope as printed (经营项目 / 食品类别).</summary>
    public string Scope { get; set; } = "";

    public DateOnly IssuedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string Authority { get; set; } = "";
    public LicenceStatus Status { get; private set; }

    /// <summary>Issued on the applicant's commitment (告知承诺) and verified on site afterwards.</summary>
    public bool ByCommitment { get; set; }

    /// <summary>For a licence issued by commitment: when the on-site verification was done; null while it is pending.</summary>
    public DateOnly? CommitmentVerifiedOn { get; private set; }

    /// <summary>Why the status last changed (暂停、恢复、撤销、注销): the decision's reason as recorded by staff.</summary>
    public string StatusReason { get; private set; } = "";

    /// <summary>When the last status change took effect; null while the licence has kept the status it was issued with.</summary>
    public DateOnly? StatusChangedOn { get; private set; }

    /// <summary>The random code in the public check address (/l/{code}); not guessable from the number.</summary>
    public string PublicCode { get; set; } = "";

    /// <summary>When the licence was entered; set once, when it is created.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// Working days after issue within which a licence granted on commitment is verified on site. [unconfirmed: rules
    /// differ by province; 20 working days is a common figure]
    /// </summary>
    public const int CommitmentVerificationDays = 20;

    /// <summary>
    /// Records the on-site verification of a licence issued on commitment (告知承诺): it conforms, or the licence is
    /// revoked because the commitment was not kept.
    /// </summary>
    public Problem? RecordVerification(bool conforms, DateOnly on)
    {
        if (!ByCommitment)
        {
            return new Problem("Licence.NotByCommitment");
        }
        if (CommitmentVerifiedOn is not null)
        {
            return new Problem("Licence.AlreadyVerified");
        }
        if (Status is LicenceStatus.Revoked or LicenceStatus.Cancelled)
        {
            return new Problem("Licence.EndedNoVerification");
        }
        if (on < IssuedOn)
        {
            return new Problem("Licence.VerifiedBeforeIssue");
        }
        CommitmentVerifiedOn = on;
        if (!conforms)
        {
            Status = LicenceStatus.Revoked;
            StatusReason = CommitmentNotKept;
            StatusChangedOn = on;
        }
        return null;
    }

    public const int MaxReasonLength = 500;

    /// <summary>The recorded reason of a revocation by a failed site check: the record's words, kept in the authority's language.</summary>
    public const string CommitmentNotKept = "告知承诺现场核查不符";

    /// <summary>The statuses a licence may move to from <paramref name="from"/>: revoked and cancelled are final.</summary>
    public static IReadOnlyList<LicenceStatus> NextStatuses(LicenceStatus from) => from switch
    {
        LicenceStatus.Valid => [LicenceStatus.Suspended, LicenceStatus.Revoked, LicenceStatus.Cancelled],
        LicenceStatus.Suspended => [LicenceStatus.Valid, LicenceStatus.Revoked, LicenceStatus.Cancelled],
        _ => [],
    };

    /// <summary>
    /// Changes the status by a decision of the authority: suspend (暂停) a valid licence, reinstate (恢复) a suspended one,
    /// revoke (撤销) or cancel (注销) a valid or suspended one. Revoked and cancelled are final. The reason and the date the
    /// change takes effect are required; the date cannot precede the issue or the previous change, nor lie after
    /// <paramref name="today"/> (the status changes now). Returns why the change is refused, or null.
    /// </summary>
    public Problem? ChangeStatus(LicenceStatus to, string? reason, DateOnly effectiveOn, DateOnly today)
    {
        var why = reason?.Trim() ?? "";
        if (Status is LicenceStatus.Revoked or LicenceStatus.Cancelled)
        {
            return new Problem(Status == LicenceStatus.Revoked ? "Licence.RevokedIsFinal" : "Licence.CancelledIsFinal");
        }
        if (to == Status)
        {
            return new Problem(to == LicenceStatus.Valid ? "Licence.AlreadyValid" : "Licence.AlreadySuspended");
        }
        if (!NextStatuses(Status).Contains(to))
        {
            return new Problem("Licence.UnknownStatus");
        }
        if (why.Length == 0)
        {
            return new Problem("Licence.ReasonRequired");
        }
        if (why.Length > MaxReasonLength)
        {
            return new Problem("Licence.ReasonTooLong", MaxReasonLength);
        }
        if (effectiveOn < IssuedOn)
        {
            return new Problem("Licence.EffectiveBeforeIssue");
        }
        if (StatusChangedOn is { } previous && effectiveOn < previous)
        {
            return new Problem("Licence.EffectiveBeforePrevious");
        }
        if (effectiveOn > today)
        {
            return new Problem("Licence.EffectiveAfterToday");
        }
        Status = to;
        StatusReason = why;
        StatusChangedOn = effectiveOn;
        return null;
    }

    /// <summary>Valid and within its dates on <paramref name="today"/>.</summary>
    public bool IsCurrent(DateOnly today) => Status == LicenceStatus.Valid && IssuedOn <= today && (ExpiresOn is null || today <= ExpiresOn);

    /// <summary>Days left before expiry (negative once expired), or null for an open-ended filing.</summary>
    public int? DaysLeft(DateOnly today) => ExpiresOn is { } end ? end.DayNumber - today.DayNumber : null;

    /// <summary>The alert band: 30 or 90 days before expiry, or null.</summary>
    public int? ExpiryAlert(DateOnly today) => Status != LicenceStatus.Valid ? null : DaysLeft(today) switch
    {
        null => null,
        < 0 => null,
        <= 30 => 30,
        <= 90 => 90,
        _ => null,
    };

    public static string NewPublicCode() =>
        string.Create(10, 0, (chars, _) =>
        {
            // Lower-case letters and digits without look-alikes (0/o, 1/l): read from a printed label if need be.
            const string alphabet = "23456789abcdefghijkmnpqrstuvwxyz";
            Span<byte> bytes = stackalloc byte[10];
            RandomNumberGenerator.Fill(bytes);
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[bytes[i] % alphabet.Length];
            }
        });

    [GeneratedRegex(@"^国食健注[GJ]\d{8}$")]
    private static partial Regex HealthRegistration();

    [GeneratedRegex(@"^食健备[GJ]\d{4}\d{2}\d{6}$")]
    private static partial Regex HealthFiling();

    /// <summary>Checks a licence for a business: number, dates, and fit; errors refuse it, warnings are shown.</summary>
    public static (IReadOnlyList<Problem> Errors, IReadOnlyList<Problem> Warnings) Check(AuthorisationKind kind, string number, DateOnly issuedOn,
        DateOnly? expiresOn, Business business)
    {
        var errors = new List<Problem>();
        var warnings = new List<Problem>();
        var normalized = LicenceNumber.Normalize(number);
        switch (kind)
        {
            case AuthorisationKind.ProductionLicence or AuthorisationKind.BusinessLicence:
                var (parsed, error) = LicenceNumber.Parse(normalized);
                if (parsed is null)
                {
                    errors.Add(error!);
                }
                else if ((parsed.Kind == Registry.LicenceKind.Production) != (kind == AuthorisationKind.ProductionLicence))
                {
                    errors.Add(new Problem(kind == AuthorisationKind.ProductionLicence ? "Licence.ProductionNumberPrefix" : "Licence.BusinessNumberPrefix"));
                }
                else
                {
                    warnings.AddRange(LicenceNumber.Warnings(parsed, CreditCode.Region(business.CreditCode), business.Category));
                }
                break;
            case AuthorisationKind.HealthFoodRegistration when !HealthRegistration().IsMatch(normalized):
                errors.Add(new Problem("Licence.HealthRegistrationShape"));
                break;
            case AuthorisationKind.HealthFoodFiling when !HealthFiling().IsMatch(normalized):
                errors.Add(new Problem("Licence.HealthFilingShape"));
                break;
            case AuthorisationKind.SalesFiling when normalized.Length is < 4 or > 40:
                errors.Add(new Problem("Licence.FilingNumberInvalid"));
                break;
        }
        if (expiresOn is { } end && end <= issuedOn)
        {
            errors.Add(new Problem("Licence.ExpiryNotAfterIssue"));
        }
        if (expiresOn is null && kind is AuthorisationKind.ProductionLicence or AuthorisationKind.BusinessLicence)
        {
            errors.Add(new Problem("Licence.ExpiryRequired"));
        }
        return (errors, warnings);
    }
}
