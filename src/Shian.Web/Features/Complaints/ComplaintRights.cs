using Shian.Accounts;
using Shian.Complaints;

namespace Shian.Web.Features.Complaints;

/// <summary>
/// What the current user may do with one complaint they can see (<see cref="ComplaintScope.VisibleTo"/> decides that).
/// Handling belongs to the staff of the township or unit it is routed to, and to the office; a district-wide inspector
/// reads it but does not handle it; an operator reads the substance of what was released to it. Views and handlers ask
/// this object, never the roles. The transitions themselves still check the status and word their refusal.
/// </summary>
public sealed class ComplaintRights
{
    private readonly Complaint complaint;

    public ComplaintRights(AccessScope scope, bool office, bool inspect, Complaint complaint)
    {
        this.complaint = complaint;
        Handle = office
            || (scope.Level == AccessLevel.Unit && complaint.UnitId == scope.UnitId)
            || (scope.Level == AccessLevel.Township && complaint.TownshipId == scope.TownshipId);
        SeeInformant = scope.MaySeeInformant(complaint, office);
        SeeMediationRecord = scope.MaySeeMediationRecord(complaint, office);
        // Only the people who inspect (inspectors, township officers) start the inspection it calls for.
        StartInspection = Handle && inspect && complaint.Open && complaint.BusinessId is not null;
        IsOperator = scope.Level == AccessLevel.OwnBusinesses;
    }

    /// <summary>The handling township or unit's staff, or the office: every handling form is theirs.</summary>
    public bool Handle { get; }

    /// <summary>The informant's name and phone, unmasked.</summary>
    public bool SeeInformant { get; }

    /// <summary>The submitter's photos and receipts may show who they are: as the informant (FileRules).</summary>
    public bool SeeEvidence => SeeInformant;

    /// <summary>The signed mediation record: as the informant, and the business it was released to (FileRules).</summary>
    public bool SeeMediationRecord { get; }

    public bool StartInspection { get; }

    /// <summary>The business reading a released complaint: the substance and the outcome, never the informant or the log.</summary>
    public bool IsOperator { get; }

    /// <summary>The handling log (who did what, with notes) is for staff, not the business.</summary>
    public bool SeeLog => !IsOperator;

    public bool Assign => Handle && complaint.Open;
    public bool Transfer => Handle && complaint.Open;
    public bool AcceptOrRefuse => Handle && complaint.Kind == ComplaintKind.Complaint && complaint.Status == ComplaintStatus.Received;
    public bool Decide => Handle && complaint.Kind == ComplaintKind.Report && complaint.Status == ComplaintStatus.Received;
    public bool Mediate => Handle && complaint.Status == ComplaintStatus.Accepted;
    public bool Close => Handle && complaint.Status is ComplaintStatus.Refused or ComplaintStatus.Mediated or ComplaintStatus.Decided;
    public bool ReturnVisit => Handle && complaint.Status == ComplaintStatus.Closed && !complaint.Anonymous && complaint.Satisfaction is null;
    public bool RecordAction => Handle && complaint.Open;
    public bool Merge => Handle && complaint.Status is ComplaintStatus.Received or ComplaintStatus.Accepted;
    public bool Release => Handle && complaint.BusinessId is not null && complaint.ReleasedToBusinessAt is null;
    public bool LinkBusiness => Handle && complaint.Open;

    /// <summary>Who the informant is, as this user may read it: masked (张** / 138****5678) unless <see cref="SeeInformant"/>; nothing at all for the business.</summary>
    public string? ContactName => complaint.ContactName is null || IsOperator ? null : SeeInformant ? complaint.ContactName : MaskName(complaint.ContactName);

    public string? ContactPhone => complaint.ContactPhone is null || IsOperator ? null : SeeInformant ? complaint.ContactPhone : MaskPhone(complaint.ContactPhone);

    /// <summary>The first character, the rest starred.</summary>
    public static string MaskName(string name) => name.Length <= 1 ? "*" : name[..1] + new string('*', Math.Min(name.Length - 1, 3));

    /// <summary>The first three and last four digits of a mobile; of anything shorter, only the last two.</summary>
    public static string MaskPhone(string phone) => phone.Length >= 11 ? phone[..3] + "****" + phone[^4..]
        : phone.Length > 2 ? new string('*', phone.Length - 2) + phone[^2..] : "**";
}
