namespace Shian.Inspections;

/// <summary>监督检查结果: the overall result of an inspection, from its items by the checklist's rule.</summary>
public enum InspectionResult
{
    Conforming,          // 符合
    BasicallyConforming, // 基本符合
    NonConforming,       // 不符合
}

/// <summary>Why an inspection took place.</summary>
public enum InspectionKind
{
    Routine,   // 日常检查 (from the schedule)
    Complaint, // 投诉举报
    Campaign,  // 专项检查
    FollowUp,  // 复查
}

public enum InspectionStatus
{
    Draft,     // being filled in on site
    Submitted, // result stands; the operator may acknowledge it
}

/// <summary>
/// One inspection of a business (监督检查记录). The inspections module fills it in (items, team, photos, the
/// operator's acknowledgement); the credit lists, campaigns, school coverage and risk grading read it.
/// </summary>
public class Inspection
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid TownshipId { get; set; }
    public InspectionKind Kind { get; set; }

    /// <summary>The planned visit it fulfils, for a routine inspection.</summary>
    public Guid? PlannedInspectionId { get; set; }

    /// <summary>The campaign (专项行动) it was part of, if any.</summary>
    public Guid? CampaignId { get; set; }

    public Guid? TeamId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public InspectionStatus Status { get; set; }

    /// <summary>Null until submitted.</summary>
    public InspectionResult? Result { get; set; }

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
