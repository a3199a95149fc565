using Shian.Common;

namespace Shian.Credit;

/// <summary>Where a serious-violation listing stands on a given day.</summary>
public enum SeriousViolationStatus
{
    Listed,       // 列入中
    RemovedEarly, // 提前移出
    Expired,      // 期满移出
}

/// <summary>
/// The district's choices for the serious-violation list (市场监督管理严重违法失信名单管理办法, SAMR Order 44): listed for
/// <see cref="ListingYears"/> years; early removal may be requested once <see cref="EarlyRemovalAfterYears"/> have passed.
/// Bound from the <c>Credit</c> configuration section.
/// </summary>
public sealed class CreditSettings
{
    public int ListingYears { get; set; } = 3;
    public int EarlyRemovalAfterYears { get; set; } = 1;
}

/// <summary>
/// 严重违法失信名单 listing of a business: while it holds, the business is graded D (the top risk grade) and flagged
/// wherever it is shown. It rests on a penalty decision (<see cref="Basis"/>, <see cref="Provision"/>), runs from
/// <see cref="From"/> for the listing period to <see cref="To"/>, and may end early by an approved removal.
/// </summary>
public class SeriousViolation
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>The decision or case number it rests on (e.g. 津市监罚〔2025〕12 号).</summary>
    public string Basis { get; set; } = "";

    /// <summary>The legal provision applied (e.g. 《市场监督管理严重违法失信名单管理办法》第二条).</summary>
    public string Provision { get; set; } = "";

    /// <summary>The date of the listing decision.</summary>
    public DateOnly DecidedOn { get; set; }

    public DateOnly From { get; set; }

    /// <summary>The last day it holds: the end of the listing period, or the day before an approved early removal.</summary>
    public DateOnly? To { get; set; }

    /// <summary>The day an approved early removal took effect; null otherwise.</summary>
    public DateOnly? RemovedOn { get; set; }

    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    public bool HoldsOn(DateOnly day) => From <= day && (To is not { } to || day <= to);

    public SeriousViolationStatus StatusOn(DateOnly day) =>
        RemovedOn is not null ? SeriousViolationStatus.RemovedEarly
        : To is { } to && day > to ? SeriousViolationStatus.Expired
        : SeriousViolationStatus.Listed;

    /// <summary>The last day of a listing period of <paramref name="years"/> starting on <paramref name="from"/>.</summary>
    public static DateOnly PeriodEnd(DateOnly from, int years) => from.AddYears(years).AddDays(-1);

    /// <summary>The first day an early removal may be requested.</summary>
    public DateOnly EarliestRemoval(CreditSettings settings) => From.AddYears(settings.EarlyRemovalAfterYears);

    /// <summary>
    /// A new listing, or the reason why not: basis and provision are required, the decision cannot be in the
    /// future, and the listing starts on or after the decision.
    /// </summary>
    public static (SeriousViolation? Listing, Problem? Error) Create(Guid businessId, string basis, string provision, DateOnly? decidedOn, DateOnly? from,
        DateOnly today, CreditSettings settings, DateTime at, string by)
    {
        basis = basis.Trim();
        provision = provision.Trim();
        if (basis.Length is 0 or > 200)
        {
            return (null, new Problem("SeriousViolation.BasisRequired", 200));
        }
        if (provision.Length is 0 or > 500)
        {
            return (null, new Problem("SeriousViolation.ProvisionRequired", 500));
        }
        if (decidedOn is not { } decided)
        {
            return (null, new Problem("SeriousViolation.DecidedOnRequired"));
        }
        if (decided > today)
        {
            return (null, new Problem("SeriousViolation.DecidedOnInFuture"));
        }
        var start = from ?? decided;
        if (start < decided)
        {
            return (null, new Problem("SeriousViolation.FromBeforeDecision"));
        }
        return (new SeriousViolation
        {
            BusinessId = businessId, Basis = basis, Provision = provision, DecidedOn = decided, From = start,
            To = PeriodEnd(start, settings.ListingYears), RecordedAt = at, RecordedBy = by,
        }, null);
    }

    /// <summary>
    /// Whether an early removal may be requested on <paramref name="day"/>: only while listed and once the minimum period
    /// has passed; otherwise the reason.
    /// </summary>
    public Problem? RefuseRemovalRequest(DateOnly day, CreditSettings settings)
    {
        if (StatusOn(day) != SeriousViolationStatus.Listed)
        {
            return new Problem("SeriousViolation.AlreadyRemoved");
        }
        var earliest = EarliestRemoval(settings);
        if (day < earliest)
        {
            return new Problem("SeriousViolation.RemovalTooEarly", settings.EarlyRemovalAfterYears, earliest);
        }
        return null;
    }

    /// <summary>Ends the listing early as of <paramref name="day"/>: it no longer holds from that day.</summary>
    public void RemoveEarly(DateOnly day)
    {
        RemovedOn = day;
        To = day.AddDays(-1);
    }
}

public enum RemovalDecision
{
    Pending,  // 待审核
    Approved, // 准予移出
    Refused,  // 不予移出
}

/// <summary>What the listed subject did to repair its credit (信用修复), as flags.</summary>
[Flags]
public enum CreditRepair
{
    None = 0,
    FinePaid = 1,         // 已履行行政处罚（缴纳罚没款）
    Corrected = 2,        // 已整改、消除危害后果
    PublicCommitment = 4, // 已作出信用承诺
}

/// <summary>
/// 提前移出申请 with its credit-repair record: who asked (the operator through the office, or the office itself), why,
/// what the subject did, and the office's decision.
/// </summary>
public class SeriousViolationRemoval
{
    public Guid Id { get; set; }
    public Guid SeriousViolationId { get; set; }

    /// <summary>True when the operator applied; false when the office proposes it.</summary>
    public bool ByOperator { get; set; }

    public string Reason { get; set; } = "";
    public CreditRepair Repair { get; set; }

    /// <summary>The repair in detail: receipt numbers, the rectification checked, the commitment's date.</summary>
    public string RepairNote { get; set; } = "";

    public DateOnly RequestedOn { get; set; }
    public DateTime RequestedAt { get; set; }
    public string RequestedBy { get; set; } = "";

    public RemovalDecision Decision { get; set; }
    public string DecisionNote { get; set; } = "";
    public DateTime? DecidedAt { get; set; }
    public string DecidedBy { get; set; } = "";

    public const int MaxText = 1000;

    /// <summary>
    /// A pending request on <paramref name="listing"/>, or every reason why not (field, problem). A request that may
    /// not be made yet (<see cref="SeriousViolation.RefuseRemovalRequest"/>) or while another waits is refused as a whole
    /// (field ""); then the reason and at least one repair measure are required.
    /// </summary>
    public static (SeriousViolationRemoval? Removal, IReadOnlyList<(string Field, Problem Error)> Errors) Request(SeriousViolation listing, bool pendingExists,
        bool byOperator, string? reason, CreditRepair repair, string? repairNote, DateOnly today, CreditSettings settings, DateTime at, string by)
    {
        if (listing.RefuseRemovalRequest(today, settings) is { } refusal)
        {
            return (null, [("", refusal)]);
        }
        if (pendingExists)
        {
            return (null, [("", new Problem("SeriousViolation.RemovalPending"))]);
        }
        var errors = new List<(string, Problem)>();
        reason = (reason ?? "").Trim();
        repairNote = (repairNote ?? "").Trim();
        if (reason.Length == 0)
        {
            errors.Add((nameof(Reason), new Problem("SeriousViolation.ReasonRequired")));
        }
        else if (reason.Length > MaxText)
        {
            errors.Add((nameof(Reason), new Problem("SeriousViolation.ReasonTooLong", MaxText)));
        }
        if (repair == CreditRepair.None)
        {
            errors.Add((nameof(Repair), new Problem("SeriousViolation.RepairRequired")));
        }
        if (repairNote.Length > MaxText)
        {
            errors.Add((nameof(RepairNote), new Problem("SeriousViolation.RepairNoteTooLong", MaxText)));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new SeriousViolationRemoval
        {
            Id = Guid.NewGuid(), SeriousViolationId = listing.Id, ByOperator = byOperator, Reason = reason, Repair = repair, RepairNote = repairNote,
            RequestedOn = today, RequestedAt = at, RequestedBy = by, Decision = RemovalDecision.Pending,
        }, errors);
    }
}
