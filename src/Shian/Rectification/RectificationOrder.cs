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
    public static (RectificationOrder? Order, IReadOnlyDictionary<string, string> Errors) Issue(Inspections.Inspection inspection, string? requirements,
        int? workingDays, WorkingDayCalendar calendar, DateTime at, string by, string number)
    {
        var errors = new Dictionary<string, string>();
        requirements = (requirements ?? "").Trim();
        if (inspection.Status != Inspections.InspectionStatus.Submitted)
        {
            errors["InspectionId"] = "检查尚未提交，不能下达整改通知 / the inspection has not been submitted";
        }
        if (requirements.Length == 0)
        {
            errors[nameof(Requirements)] = "请填写整改要求 / the requirements are missing";
        }
        else if (requirements.Length > RequirementsMaxLength)
        {
            errors[nameof(Requirements)] = $"整改要求不超过 {RequirementsMaxLength} 字 / too long";
        }
        var days = workingDays ?? DefaultWorkingDays;
        if (days is < 1 or > 60)
        {
            errors[nameof(WorkingDays)] = "整改期限应为 1–60 个工作日 / the deadline must be 1 to 60 working days";
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
    public string? Respond(string? text, DateTime at, string by)
    {
        text = (text ?? "").Trim();
        if (Status != RectificationStatus.Open)
        {
            return "该整改通知已回复或已办结，不能再回复 / this order has already been answered or concluded";
        }
        if (text.Length == 0)
        {
            return "请填写整改情况 / describe the correction";
        }
        if (text.Length > TextMaxLength)
        {
            return $"整改情况不超过 {TextMaxLength} 字 / too long";
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
    public string? Close(Inspections.Inspection followUp, string? conclusion, DateTime at, string by)
    {
        if (Status is RectificationStatus.Closed or RectificationStatus.Escalated)
        {
            return "该整改通知已办结 / this order is already concluded";
        }
        if (followUp.BusinessId != BusinessId || followUp.Id == InspectionId)
        {
            return "复查记录应为同一经营者在整改通知之后的另一次检查 / the follow-up must be a later inspection of the same business";
        }
        if (followUp.Status != Inspections.InspectionStatus.Submitted || followUp.Result is not { } result)
        {
            return "复查记录尚未提交 / the follow-up inspection has not been submitted";
        }
        if (result == Inspections.InspectionResult.NonConforming)
        {
            return "复查结果为不符合，不能销号；请移交立案或重新下达整改 / the follow-up failed: escalate instead";
        }
        FollowUpInspectionId = followUp.Id;
        Conclusion = string.IsNullOrWhiteSpace(conclusion) ? "复查合格，予以销号" : conclusion.Trim();
        ConcludedAt = at;
        ConcludedBy = by;
        Status = RectificationStatus.Closed;
        return null;
    }

    /// <summary>移交立案: not corrected in time or not at all; the cases module picks it up by <see cref="CaseId"/>.</summary>
    public string? Escalate(string? reason, DateTime at, string by)
    {
        reason = (reason ?? "").Trim();
        if (Status is RectificationStatus.Closed or RectificationStatus.Escalated)
        {
            return "该整改通知已办结 / this order is already concluded";
        }
        if (reason.Length == 0)
        {
            return "请填写移交立案的理由 / give the reason for escalating";
        }
        EscalationReason = reason.Length > TextMaxLength ? reason[..TextMaxLength] : reason;
        ConcludedAt = at;
        ConcludedBy = by;
        Status = RectificationStatus.Escalated;
        return null;
    }
}
