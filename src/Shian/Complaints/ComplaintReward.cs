using Shian.Common;

namespace Shian.Complaints;

public enum RewardStatus
{
    Proposed, // 待审批: the office proposed it
    Approved, // 已批准: a second office user approved it
    Rejected, // 未批准: rejected, with the reason
    Paid,     // 已发放: the payment is recorded
}

/// <summary>
/// 有奖举报: a reward for a report that led to a case and a penalty for a major violation (RewardRules, docs/domain.md
/// §8). The office records the penalty decision, the fines and confiscations and what it established about the
/// informant, and chooses the tier; the amount is computed and stored as proposed. A second office user approves it
/// (four eyes: never the proposer) or rejects it with a reason; the payment is then recorded.
/// </summary>
public class ComplaintReward
{
    public const int DecisionNumberMaxLength = 100;
    public const int TextMaxLength = 500;

    private ComplaintReward()
    {
    }

    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }

    /// <summary>处罚决定书文号 of the penalty the report led to.</summary>
    public string DecisionNumber { get; private set; } = "";

    /// <summary>罚没款: fines plus confiscations of the case, in yuan.</summary>
    public decimal FinesAndConfiscations { get; private set; }

    // What the office established about the informant (RewardRules.Informant), kept as the grounds of the decision.
    public bool NaturalPerson { get; private set; }
    public bool RegulatorStaff { get; private set; }
    public bool InjuredParty { get; private set; }
    public bool Offender { get; private set; }

    public int Tier { get; private set; }

    /// <summary>As RewardRules.Compute gave it when proposed: a later change of the rules does not move an approved amount.</summary>
    public decimal Amount { get; private set; }

    public RewardStatus Status { get; private set; }
    public string ProposedBy { get; private set; } = "";
    public DateTime ProposedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public string? PaymentReference { get; private set; }
    public string? PaidBy { get; private set; }

    /// <summary>What the office entered to propose a reward.</summary>
    public sealed record Proposal(string? DecisionNumber, decimal? FinesAndConfiscations, int? Tier, RewardRules.Informant Informant);

    /// <summary>
    /// Proposes a reward for a report that led to a case. <paramref name="alreadyRewarded"/>: the report has a reward
    /// that was not rejected (one reward per report). Problems by field; nothing is made when any is refused.
    /// </summary>
    public static (ComplaintReward? Reward, IReadOnlyDictionary<string, Problem> Errors) Propose(Complaint report, bool alreadyRewarded, Proposal proposal,
        DateTime at, string by)
    {
        var errors = new Dictionary<string, Problem>();
        if (report.Kind != ComplaintKind.Report || report.Outcome != ComplaintOutcome.CaseOpened)
        {
            errors[""] = new Problem("Reward.NotACaseReport");
        }
        else if (report.Anonymous)
        {
            errors[""] = new Problem("Reward.AnonymousInformant");
        }
        else if (alreadyRewarded)
        {
            errors[""] = new Problem("Reward.AlreadyProposed");
        }
        var number = (proposal.DecisionNumber ?? "").Trim();
        if (number.Length == 0 || number.Length > DecisionNumberMaxLength)
        {
            errors[nameof(DecisionNumber)] = new Problem("Reward.DecisionNumberRequired", DecisionNumberMaxLength);
        }
        if (RewardRules.Eligibility(proposal.Informant) is { } ineligible)
        {
            errors[nameof(Proposal.Informant)] = ineligible;
        }
        var amount = 0m;
        if (proposal.FinesAndConfiscations is null)
        {
            errors[nameof(FinesAndConfiscations)] = new Problem("Reward.FinesRequired");
        }
        else if (proposal.Tier is null)
        {
            errors[nameof(Tier)] = new Problem("Reward.TierRequired");
        }
        else
        {
            var (computed, error) = RewardRules.Compute(proposal.Tier.Value, proposal.FinesAndConfiscations.Value);
            if (error is not null)
            {
                errors[error.Code == "Reward.FinesNegative" ? nameof(FinesAndConfiscations) : nameof(Tier)] = error;
            }
            amount = computed;
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var informant = proposal.Informant;
        return (new ComplaintReward
        {
            Id = Guid.CreateVersion7(), ComplaintId = report.Id, DecisionNumber = number, FinesAndConfiscations = proposal.FinesAndConfiscations!.Value,
            NaturalPerson = informant.NaturalPerson, RegulatorStaff = informant.RegulatorStaff, InjuredParty = informant.InjuredParty, Offender = informant.Offender,
            Tier = proposal.Tier!.Value, Amount = amount, Status = RewardStatus.Proposed, ProposedBy = by, ProposedAt = at,
        }, errors);
    }

    /// <summary>Whether this reward still counts for its report (a rejected one does not: a new proposal may follow).</summary>
    public bool Standing => Status != RewardStatus.Rejected;

    /// <summary>审批: by a second office user, never the one who proposed it.</summary>
    public Problem? Approve(DateTime at, string by)
    {
        if (Status != RewardStatus.Proposed)
        {
            return new Problem("Reward.NotProposed", Problem.TermFor(Status));
        }
        if (string.Equals(by, ProposedBy, StringComparison.OrdinalIgnoreCase))
        {
            return new Problem("Reward.SameApprover");
        }
        (Status, DecidedBy, DecidedAt) = (RewardStatus.Approved, by, at);
        return null;
    }

    /// <summary>Not approved, with the reason (the proposer may withdraw it this way, too).</summary>
    public Problem? Reject(string? reason, DateTime at, string by)
    {
        reason = (reason ?? "").Trim();
        if (Status != RewardStatus.Proposed)
        {
            return new Problem("Reward.NotProposed", Problem.TermFor(Status));
        }
        if (reason.Length == 0 || reason.Length > TextMaxLength)
        {
            return new Problem("Reward.ReasonRequired", TextMaxLength);
        }
        (Status, DecidedBy, DecidedAt, RejectionReason) = (RewardStatus.Rejected, by, at, reason);
        return null;
    }

    /// <summary>发放: the day it was paid and the voucher or transfer reference, after approval.</summary>
    public Problem? RecordPayment(DateOnly paidOn, string? reference, DateTime at, string by)
    {
        reference = (reference ?? "").Trim();
        if (Status != RewardStatus.Approved)
        {
            return new Problem("Reward.NotApproved", Problem.TermFor(Status));
        }
        if (reference.Length == 0 || reference.Length > DecisionNumberMaxLength)
        {
            return new Problem("Reward.PaymentReferenceRequired", DecisionNumberMaxLength);
        }
        if (paidOn < ShianTime.LocalDate(DecidedAt!.Value) || paidOn > ShianTime.LocalDate(at))
        {
            return new Problem("Reward.PaidOnOutOfRange", ShianTime.LocalDate(DecidedAt!.Value), ShianTime.LocalDate(at));
        }
        (Status, PaidOn, PaymentReference, PaidBy) = (RewardStatus.Paid, paidOn, reference, by);
        return null;
    }
}
