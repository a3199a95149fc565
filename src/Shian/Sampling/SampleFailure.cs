using Shian.Common;

namespace Shian.Sampling;

/// <summary>Where a failure case (核查处置) stands.</summary>
public enum SampleFailureStatus
{
    Disposing, // 核查处置中
    Completed, // 处置完成
    Withdrawn, // 撤销: the re-inspection passed or the objection was upheld; no disposal is needed
}

/// <summary>复检申请: requested by the operator, decided by the office, tested at another laboratory.</summary>
public enum ReinspectionStatus
{
    None,      // 未申请
    Requested, // 已申请，待受理
    Refused,   // 不予受理
    Accepted,  // 已受理，复检中
    Passed,    // 复检合格
    Failed,    // 复检不合格
}

/// <summary>异议: about the sampling procedure or labelling, not the test value.</summary>
public enum ObjectionStatus
{
    None,      // 未提出
    Submitted, // 已提出，待答复
    Upheld,    // 异议成立
    Rejected,  // 异议不成立
}

/// <summary>
/// 不合格食品核查处置: one case per failed, reported sample. It starts when the notice of the failure is served on the
/// operator; from that day the operator has 7 working days to apply for re-inspection or to object, and the township or
/// office 90 days to complete the disposal (control, recall, trace, penalty). The limits are those of domain.md §4 and are
/// configuration: change them here.
/// </summary>
public class SampleFailure
{
    public const int TextMaxLength = 2000;

    /// <summary>复检申请 / 异议 within 7 working days of the notice [unconfirmed: 食品安全抽样检验管理办法 gives 7 working days].</summary>
    public const int RequestWorkingDays = 7;

    /// <summary>The office accepts or refuses a re-inspection within 5 working days [unconfirmed].</summary>
    public const int DecisionWorkingDays = 5;

    /// <summary>The re-inspection laboratory reports within 10 working days of acceptance [confirmed in the 办法].</summary>
    public const int ReinspectionReportWorkingDays = 10;

    /// <summary>Disposal completed within 90 days of the notice [confirmed in the plan's target; calendar days].</summary>
    public const int DisposalDays = 90;

    /// <summary>The backup sample is kept 6 months after a failure; after that no re-inspection is possible [unconfirmed].</summary>
    public const int BackupMonths = 6;

    public Guid Id { get; set; }
    public Guid SampleId { get; set; }

    // Copied from the sample when the case opens, for lists and scope.
    public string SampleNumber { get; set; } = "";
    public string SampleName { get; set; } = "";
    public Guid BusinessId { get; set; }
    public string BusinessName { get; set; } = "";
    public Guid TownshipId { get; set; }
    public Guid LaboratoryId { get; set; }
    public Guid SamplingUnitId { get; set; }
    public DateOnly SampledOn { get; set; }

    /// <summary>The failed items, as "黄曲霉毒素B1 12.5 μg/kg（≤5.0）；…".</summary>
    public string FailedItems { get; set; } = "";

    /// <summary>Every failed item is microbiological: no re-inspection is possible.</summary>
    public bool MicrobiologicalOnly { get; set; }

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>不合格通知书送达日期 and who served it; the day the case opened unless corrected.</summary>
    public DateOnly NoticeServedOn { get; private set; }
    public string NoticeServedBy { get; private set; } = "";

    /// <summary>The last day for a re-inspection request or an objection: 7 working days after the notice.</summary>
    public DateOnly RequestDeadline { get; private set; }

    /// <summary>The last day to complete the disposal: 90 days after the notice.</summary>
    public DateOnly DisposalDeadline { get; private set; }

    public SampleFailureStatus Status { get; private set; }

    // 核查处置措施
    public bool SalesStopped { get; private set; }
    public decimal? StoppedQuantity { get; private set; }
    public bool Recalled { get; private set; }
    public decimal? RecalledQuantity { get; private set; }
    public string SupplierTraced { get; private set; } = "";
    public string CaseNumber { get; private set; } = "";
    public decimal? PenaltyAmount { get; private set; }
    public string PenaltyDecisionNumber { get; private set; } = "";
    public string NoPenaltyReason { get; private set; } = "";
    public DateTime? MeasuresRecordedAt { get; private set; }
    public string? MeasuresRecordedBy { get; private set; }

    public DateOnly? CompletedOn { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public string CompletionSummary { get; private set; } = "";

    // 复检
    public ReinspectionStatus Reinspection { get; private set; }
    public DateOnly? ReinspectionRequestedOn { get; private set; }
    public DateTime? ReinspectionRequestedAt { get; private set; }
    public string? ReinspectionRequestedBy { get; private set; }
    public string ReinspectionReason { get; private set; } = "";
    public DateOnly? ReinspectionDecisionDeadline { get; private set; }
    public DateTime? ReinspectionDecidedAt { get; private set; }
    public string? ReinspectionDecidedBy { get; private set; }
    public string ReinspectionRefusal { get; private set; } = "";
    public Guid? ReinspectionLaboratoryId { get; private set; }
    public DateOnly? ReinspectionReportDeadline { get; private set; }
    public DateOnly? ReinspectionReportedOn { get; private set; }
    public DateTime? ReinspectionReportedAt { get; private set; }
    public string? ReinspectionReportedBy { get; private set; }
    public Guid? ReinspectionReportFileId { get; private set; }

    // 异议
    public ObjectionStatus Objection { get; private set; }
    public string ObjectionText { get; private set; } = "";
    public DateOnly? ObjectionOn { get; private set; }
    public DateTime? ObjectionAt { get; private set; }
    public string? ObjectionBy { get; private set; }
    public string ObjectionAnswer { get; private set; } = "";
    public DateTime? ObjectionAnsweredAt { get; private set; }
    public string? ObjectionAnsweredBy { get; private set; }

    /// <summary>Completed after the 90th day.</summary>
    public bool CompletedLate => CompletedOn is { } on && on > DisposalDeadline;

    /// <summary>Still disposing after the 90th day.</summary>
    public bool IsOverdue(DateOnly today) => Status == SampleFailureStatus.Disposing && today > DisposalDeadline;

    /// <summary>The re-inspection lab has not reported by its 10th working day.</summary>
    public bool IsReinspectionOverdue(DateOnly today) =>
        Reinspection == ReinspectionStatus.Accepted && ReinspectionReportDeadline is { } d && today > d;

    /// <summary>Counted by the completion rate: not withdrawn.</summary>
    public bool NeedsDisposal => Status != SampleFailureStatus.Withdrawn;

    /// <summary>The last day the backup sample is kept: 6 months after sampling.</summary>
    public DateOnly BackupExpiresOn => SampledOn.AddMonths(BackupMonths);

    /// <summary>Sets (or corrects) the day the notice was served, and the limits counted from it.</summary>
    public Problem? Serve(DateOnly servedOn, string by, WorkingDayCalendar calendar, DateOnly today)
    {
        if (servedOn > today)
        {
            return new Problem("SampleFailure.ServedInFuture");
        }
        if (servedOn < SampledOn)
        {
            return new Problem("SampleFailure.ServedBeforeSampling");
        }
        if (Reinspection != ReinspectionStatus.None || Objection != ObjectionStatus.None || Status != SampleFailureStatus.Disposing)
        {
            return new Problem("SampleFailure.ServedDateFixed");
        }
        NoticeServedOn = servedOn;
        NoticeServedBy = by;
        RequestDeadline = calendar.AddWorkingDays(servedOn, RequestWorkingDays);
        DisposalDeadline = servedOn.AddDays(DisposalDays);
        return null;
    }

    /// <summary>
    /// 复检申请 by the operator. Refused, with nothing changed, after the 7th working day, when every failed item is
    /// microbiological, when the backup has expired, or when one is already under way.
    /// </summary>
    public Problem? RequestReinspection(string reason, DateOnly today, WorkingDayCalendar calendar, DateTime at, string by)
    {
        reason = reason.Trim();
        if (Status != SampleFailureStatus.Disposing)
        {
            return new Problem("SampleFailure.ClosedNoReinspection");
        }
        if (Reinspection != ReinspectionStatus.None)
        {
            return new Problem("SampleFailure.ReinspectionAlreadyRequested");
        }
        if (today > RequestDeadline)
        {
            return new Problem("SampleFailure.ReinspectionLate", RequestWorkingDays, RequestDeadline);
        }
        if (MicrobiologicalOnly)
        {
            return new Problem("SampleFailure.MicrobiologicalNoReinspection");
        }
        if (today > BackupExpiresOn)
        {
            return new Problem("SampleFailure.BackupExpired", BackupExpiresOn);
        }
        if (reason.Length == 0)
        {
            return new Problem("SampleFailure.ReinspectionReasonRequired");
        }
        if (reason.Length > TextMaxLength)
        {
            return new Problem("SampleFailure.ReinspectionReasonTooLong", TextMaxLength);
        }
        Reinspection = ReinspectionStatus.Requested;
        ReinspectionReason = reason;
        ReinspectionRequestedOn = today;
        ReinspectionRequestedAt = at;
        ReinspectionRequestedBy = by;
        ReinspectionDecisionDeadline = calendar.AddWorkingDays(today, DecisionWorkingDays);
        return null;
    }

    /// <summary>受理: the office accepts and the laboratory drawn (a different one) tests the backup within 10 working days.</summary>
    public Problem? AcceptReinspection(Guid laboratoryId, DateOnly today, WorkingDayCalendar calendar, DateTime at, string by)
    {
        if (Reinspection != ReinspectionStatus.Requested)
        {
            return new Problem("SampleFailure.NoReinspectionToDecide");
        }
        if (laboratoryId == LaboratoryId)
        {
            return new Problem("SampleFailure.ReinspectionSameLab");
        }
        Reinspection = ReinspectionStatus.Accepted;
        ReinspectionLaboratoryId = laboratoryId;
        ReinspectionDecidedAt = at;
        ReinspectionDecidedBy = by;
        ReinspectionReportDeadline = calendar.AddWorkingDays(today, ReinspectionReportWorkingDays);
        return null;
    }

    /// <summary>不予受理, with the reason; the disposal goes on.</summary>
    public Problem? RefuseReinspection(string reason, DateTime at, string by)
    {
        reason = reason.Trim();
        if (Reinspection != ReinspectionStatus.Requested)
        {
            return new Problem("SampleFailure.NoReinspectionToDecide");
        }
        if (reason.Length == 0)
        {
            return new Problem("SampleFailure.RefusalReasonRequired");
        }
        if (reason.Length > TextMaxLength)
        {
            return new Problem("SampleFailure.RefusalReasonTooLong", TextMaxLength);
        }
        Reinspection = ReinspectionStatus.Refused;
        ReinspectionRefusal = reason;
        ReinspectionDecidedAt = at;
        ReinspectionDecidedBy = by;
        return null;
    }

    /// <summary>
    /// 复检结论 from the re-inspection lab with its report (PDF): passed withdraws the case (复检合格，撤销); failed keeps
    /// the disposal going.
    /// </summary>
    public Problem? RecordReinspection(bool passed, StoredFile report, DateTime at, string by)
    {
        if (Reinspection != ReinspectionStatus.Accepted)
        {
            return new Problem("SampleFailure.NoReinspectionUnderWay");
        }
        if (report.ContentType != "application/pdf")
        {
            return new Problem("SampleFailure.ReinspectionReportNotPdf");
        }
        Reinspection = passed ? ReinspectionStatus.Passed : ReinspectionStatus.Failed;
        ReinspectionReportFileId = report.Id;
        ReinspectionReportedOn = ShianTime.LocalDate(at);
        ReinspectionReportedAt = at;
        ReinspectionReportedBy = by;
        if (passed)
        {
            Status = SampleFailureStatus.Withdrawn;
        }
        return null;
    }

    /// <summary>异议 by the operator within the same 7 working days: the sampling procedure or labelling, not the value.</summary>
    public Problem? Object(string text, DateOnly today, DateTime at, string by)
    {
        text = text.Trim();
        if (Status != SampleFailureStatus.Disposing)
        {
            return new Problem("SampleFailure.ClosedNoObjection");
        }
        if (Objection != ObjectionStatus.None)
        {
            return new Problem("SampleFailure.ObjectionAlreadyMade");
        }
        if (today > RequestDeadline)
        {
            return new Problem("SampleFailure.ObjectionLate", RequestWorkingDays, RequestDeadline);
        }
        if (text.Length == 0)
        {
            return new Problem("SampleFailure.ObjectionRequired");
        }
        if (text.Length > TextMaxLength)
        {
            return new Problem("SampleFailure.ObjectionTooLong", TextMaxLength);
        }
        Objection = ObjectionStatus.Submitted;
        ObjectionText = text;
        ObjectionOn = today;
        ObjectionAt = at;
        ObjectionBy = by;
        return null;
    }

    /// <summary>The office's answer: upheld withdraws the case; rejected keeps the disposal going.</summary>
    public Problem? AnswerObjection(bool upheld, string answer, DateTime at, string by)
    {
        answer = answer.Trim();
        if (Objection != ObjectionStatus.Submitted)
        {
            return new Problem("SampleFailure.NoObjectionToAnswer");
        }
        if (answer.Length == 0)
        {
            return new Problem("SampleFailure.AnswerRequired");
        }
        if (answer.Length > TextMaxLength)
        {
            return new Problem("SampleFailure.AnswerTooLong", TextMaxLength);
        }
        Objection = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Rejected;
        ObjectionAnswer = answer;
        ObjectionAnsweredAt = at;
        ObjectionAnsweredBy = by;
        if (upheld && Status == SampleFailureStatus.Disposing)
        {
            Status = SampleFailureStatus.Withdrawn;
        }
        return null;
    }

    /// <summary>The measures taken so far (they may be corrected until the case is completed).</summary>
    public sealed record Measures(
        bool SalesStopped, decimal? StoppedQuantity, bool Recalled, decimal? RecalledQuantity, string SupplierTraced,
        string CaseNumber, decimal? PenaltyAmount, string PenaltyDecisionNumber, string NoPenaltyReason);

    /// <summary>Checks and records the disposal measures; the errors are by field, none when taken.</summary>
    public Dictionary<string, Problem> RecordMeasures(Measures m, DateTime at, string by)
    {
        var errors = new Dictionary<string, Problem>();
        if (Status != SampleFailureStatus.Disposing)
        {
            errors[""] = new Problem("SampleFailure.Closed");
            return errors;
        }
        if (m.SalesStopped && m.StoppedQuantity is not > 0)
        {
            errors[nameof(m.StoppedQuantity)] = new Problem("SampleFailure.StoppedQuantityRequired");
        }
        if (m.Recalled && m.RecalledQuantity is not > 0)
        {
            errors[nameof(m.RecalledQuantity)] = new Problem("SampleFailure.RecalledQuantityRequired");
        }
        if (m.StoppedQuantity is < 0)
        {
            errors[nameof(m.StoppedQuantity)] = new Problem("SampleFailure.StoppedQuantityNegative");
        }
        if (m.RecalledQuantity is < 0)
        {
            errors[nameof(m.RecalledQuantity)] = new Problem("SampleFailure.RecalledQuantityNegative");
        }
        if (m.PenaltyAmount is < 0)
        {
            errors[nameof(m.PenaltyAmount)] = new Problem("SampleFailure.PenaltyNegative");
        }
        if (m.PenaltyAmount is > 0 && m.PenaltyDecisionNumber.Trim().Length == 0)
        {
            errors[nameof(m.PenaltyDecisionNumber)] = new Problem("SampleFailure.PenaltyDecisionRequired");
        }
        if (m.NoPenaltyReason.Trim().Length > 0 && (m.PenaltyAmount is > 0 || m.PenaltyDecisionNumber.Trim().Length > 0))
        {
            errors[nameof(m.NoPenaltyReason)] = new Problem("SampleFailure.PenaltyAndNoPenaltyReason");
        }
        foreach (var (field, value) in new[] { (nameof(m.SupplierTraced), m.SupplierTraced), (nameof(m.CaseNumber), m.CaseNumber),
            (nameof(m.PenaltyDecisionNumber), m.PenaltyDecisionNumber), (nameof(m.NoPenaltyReason), m.NoPenaltyReason) })
        {
            if (value.Trim().Length > Sample.TextMaxLength)
            {
                errors[field] = new Problem("SampleFailure.TooLong", Sample.TextMaxLength);
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        SalesStopped = m.SalesStopped;
        StoppedQuantity = m.SalesStopped ? m.StoppedQuantity : null;
        Recalled = m.Recalled;
        RecalledQuantity = m.Recalled ? m.RecalledQuantity : null;
        SupplierTraced = m.SupplierTraced.Trim();
        CaseNumber = m.CaseNumber.Trim();
        PenaltyAmount = m.PenaltyAmount;
        PenaltyDecisionNumber = m.PenaltyDecisionNumber.Trim();
        NoPenaltyReason = m.NoPenaltyReason.Trim();
        MeasuresRecordedAt = at;
        MeasuresRecordedBy = by;
        return errors;
    }

    /// <summary>
    /// 核查处置完成: needs the sale controlled (stopped or recalled), and either a case filed / penalty or the reason for
    /// none; waits for a pending re-inspection or objection. After the 90th day it is still taken and marked late.
    /// </summary>
    public Problem? Complete(string summary, DateOnly today, DateTime at, string by)
    {
        summary = summary.Trim();
        if (Status != SampleFailureStatus.Disposing)
        {
            return new Problem("SampleFailure.AlreadyClosed");
        }
        if (Reinspection is ReinspectionStatus.Requested or ReinspectionStatus.Accepted)
        {
            return new Problem("SampleFailure.WaitForReinspection");
        }
        if (Objection == ObjectionStatus.Submitted)
        {
            return new Problem("SampleFailure.AnswerObjectionFirst");
        }
        if (MeasuresRecordedAt is null || !(SalesStopped || Recalled))
        {
            return new Problem("SampleFailure.MeasuresFirst");
        }
        if (CaseNumber.Length == 0 && PenaltyDecisionNumber.Length == 0 && NoPenaltyReason.Length == 0)
        {
            return new Problem("SampleFailure.PenaltyFirst");
        }
        if (summary.Length == 0)
        {
            return new Problem("SampleFailure.SummaryRequired");
        }
        if (summary.Length > TextMaxLength)
        {
            return new Problem("SampleFailure.SummaryTooLong", TextMaxLength);
        }
        Status = SampleFailureStatus.Completed;
        CompletedOn = today;
        CompletedAt = at;
        CompletedBy = by;
        CompletionSummary = summary;
        return null;
    }
}
