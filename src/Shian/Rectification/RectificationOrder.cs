using Shian.Common;

namespace Shian.Rectification;

public enum RectificationStatus
{
    Open,      // 待整改: issued, waiting for the operator
    Responded, // 已回复: the operator says it is done, with evidence; waiting for the re-inspection
    Closed,    // 已销号: re-inspected and found corrected
    Escalated, // 已移交立案: not corrected; handed to the cases module
}

/// <summary>
/// 责令整改通知: what an inspection found wrong and the working-day deadline to correct it. The operator responds online
/// with evidence (late responses are accepted and marked late: the record matters more than the refusal); staff
/// re-inspect and close it, or escalate it to a case. Every transition is a method here that returns an error or null.
/// </summary>
public class RectificationOrder
{
    public const int RequirementsMaxLength = 2000;
    public const int TextMaxLength = 2000;

    /// <summary>Days allowed when the inspector does not say otherwise (configurable per order, 1–60).</summary>
    public const int DefaultWorkingDays = 10;

    public Guid Id { get; set; }

    /// <summary>The inspection that found the problems.</summary>
    public Guid InspectionId { get; set; }

    public Guid BusinessId { get; set; }
    public Guid TownshipId { get; set; }

    /// <summary>Order number shown to the operator, e.g. 整改〔2020〕0012.</summary>
    public string Number { get; set; } = "";

    public string Requirements { get; set; } = "";
    public DateOnly IssuedOn { get; private set; }
    public int WorkingDays { get; private set; }
    public DateOnly Deadline { get; private set; }
    public RectificationStatus Status { get; private set; }
    public DateTime IssuedAt { get; private set; }
    public string IssuedBy { get; private set; } = "";

    public string? Response { get; private set; }
    public DateTime? RespondedAt { get; private set; }
    public string? RespondedBy { get; private set; }

    /// <summary>The response came after the deadline (accepted, marked late).</summary>
    public bool RespondedLate { get; private set; }

    /// <summary>The follow-up inspection (复查) that closed or escalated it.</summary>
    public Guid? FollowUpInspectionId { get; private set; }

    public string? Conclusion { get; private set; }
    public DateTime? ConcludedAt { get; private set; }
    public string? ConcludedBy { get; private set; }

    /// <summary>Why it went to a case; the cases module will link its case here.</summary>
    public string? EscalationReason { get; private set; }

    public Guid? CaseId { get; set; }

    public bool IsOverdue(DateOnly today) => Status == RectificationStatus.Open && today > Deadline;

    /// <summary>A new order for an inspection, its deadline counted in working days from the day of issue.</summary>
    public static (RectificationOrder? Order, IReadOnlyDictionary<string, Problem> Errors) Issue(Inspections.Inspection inspection, string? requirements,
        int? workingDays, WorkingDayCalendar calendar, DateTime at, string by, string number)
    {
        var errors = new Dictionary<string, Problem>();
        requirements = (requirements ?? "").Trim();
        if (inspection.Status != Inspections.InspectionStatus.Submitted)
        {
            errors["InspectionId"] = new Problem("Rectification.InspectionNotSubmitted");
        }
        if (requirements.Length == 0)
        {
            errors[nameof(Requirements)] = new Problem("Rectification.RequirementsRequired");
        }
        else if (requirements.Length > RequirementsMaxLength)
        {
            errors[nameof(Requirements)] = new Problem("Rectification.RequirementsTooLong", RequirementsMaxLength);
        }
        var days = workingDays ?? DefaultWorkingDays;
        if (days is < 1 or > 60)
        {
            errors[nameof(WorkingDays)] = new Problem("Rectification.WorkingDaysOutOfRange", 1, 60);
        }
        // A year whose holidays nobody has entered still gets a deadline, counted Monday to Friday: refusing to issue
        // an order would stop the inspector, and the issue page says how it was counted.
        var issuedOn = ShianTime.LocalDate(at);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new RectificationOrder
        {
            InspectionId = inspection.Id, BusinessId = inspection.BusinessId, TownshipId = inspection.TownshipId, Number = number,
            Requirements = requirements, IssuedOn = issuedOn, WorkingDays = days, Deadline = calendar.AddWorkingDays(issuedOn, days),
            Status = RectificationStatus.Open, IssuedAt = at, IssuedBy = by,
        }, errors);
    }

    /// <summary>The operator reports the correction. After the deadline it is still taken, and marked late.</summary>
    public Problem? Respond(string? text, DateTime at, string by)
    {
        text = (text ?? "").Trim();
        if (Status != RectificationStatus.Open)
        {
            return new Problem("Rectification.AlreadyAnswered");
        }
        if (text.Length == 0)
        {
            return new Problem("Rectification.ResponseRequired");
        }
        if (text.Length > TextMaxLength)
        {
            return new Problem("Rectification.ResponseTooLong", TextMaxLength);
        }
        Response = text;
        RespondedAt = at;
        RespondedBy = by;
        RespondedLate = ShianTime.LocalDate(at) > Deadline;
        Status = RectificationStatus.Responded;
        return null;
    }

    /// <summary>
    /// 销号: a follow-up inspection of the same business, submitted and not 不符合, confirms the correction.
    /// </summary>
    public Problem? Close(Inspections.Inspection followUp, string? conclusion, DateTime at, string by)
    {
        if (Status is RectificationStatus.Closed or RectificationStatus.Escalated)
        {
            return new Problem("Rectification.AlreadyConcluded");
        }
        if (followUp.BusinessId != BusinessId || followUp.Id == InspectionId)
        {
            return new Problem("Rectification.FollowUpNotOfBusiness");
        }
        if (followUp.Status != Inspections.InspectionStatus.Submitted || followUp.Result is not { } result)
        {
            return new Problem("Rectification.FollowUpNotSubmitted");
        }
        if (result == Inspections.InspectionResult.NonConforming)
        {
            return new Problem("Rectification.FollowUpFailed");
        }
        FollowUpInspectionId = followUp.Id;
        Conclusion = string.IsNullOrWhiteSpace(conclusion) ? "复查合格，予以销号" : conclusion.Trim();
        ConcludedAt = at;
        ConcludedBy = by;
        Status = RectificationStatus.Closed;
        return null;
    }

    /// <summary>移交立案: not corrected in time or not at all; the cases module picks it up by <see cref="CaseId"/>.</summary>
    public Problem? Escalate(string? reason, DateTime at, string by)
    {
        reason = (reason ?? "").Trim();
        if (Status is RectificationStatus.Closed or RectificationStatus.Escalated)
        {
            return new Problem("Rectification.AlreadyConcluded");
        }
        if (reason.Length == 0)
        {
            return new Problem("Rectification.EscalationReasonRequired");
        }
        EscalationReason = reason.Length > TextMaxLength ? reason[..TextMaxLength] : reason;
        ConcludedAt = at;
        ConcludedBy = by;
        Status = RectificationStatus.Escalated;
        return null;
    }
}
