using Shian.Common;

namespace Shian.Complaints;

/// <summary>投诉 (a consumer dispute that seeks mediation; the submitter must say who they are) or 举报 (a lead on a violation; anonymous allowed).</summary>
public enum ComplaintKind
{
    Complaint, // 投诉
    Report,    // 举报
}

/// <summary>How it reached the bureau.</summary>
public enum ComplaintChannel
{
    Online,       // the public form or the public API
    Hotline12315, // 12315 work order
    Hotline12345, // 12345 government service hotline work order
    Visit,        // 来访, letters: entered by staff
    System,       // another system through the API (key scoped complaints:write)
}

/// <summary>Whose field it is, which decides the handling unit (docs/domain.md §8; routing is configuration).</summary>
public enum ComplaintField
{
    FoodBusiness, // restaurants, shops, producers: the township of the business
    FarmProduce,  // 食用农产品 at the farm: 区农业农村委
    Grain,        // 粮食 purchase and reserves: 区粮食中心
    ImportedFood, // 进口食品 at the border: 海关
}

public enum ComplaintStatus
{
    Received, // 待受理 (complaint) / 待核查 (report): the first clock runs
    Accepted, // 已受理: a complaint being handled and mediated
    Refused,  // 不予受理: a complaint refused, with the reason
    Mediated, // 调解终结: mediation ended, with or without agreement
    Decided,  // 已作出处理决定: a report verified, a case opened or not
    Closed,   // 办结: the submitter answered (or no one to answer: anonymous)
    Merged,   // 已合并: a duplicate, handled with another
}

public enum ComplaintOutcome
{
    Refused,     // 不予受理
    Agreement,   // 调解达成协议
    NoAgreement, // 调解不成 (or the 45 working days ran out)
    CaseOpened,  // 立案
    NoCase,      // 不予立案
}

public enum Satisfaction
{
    Satisfied,
    Neutral,
    Dissatisfied,
}

/// <summary>
/// A complaint or report from its receipt to the reply and the return visit (回访). The statutory clocks (SAMR Order 20,
/// docs/domain.md §8) are counted in working days from the dates recorded here and stored at each step, so a transfer to
/// another unit keeps them. Each transition checks the current status and returns a <see cref="Problem"/> or null.
/// </summary>
public class Complaint
{
    public const int DescriptionMaxLength = 4000;
    public const int TextMaxLength = 2000;
    public const int NameMaxLength = 200;

    private readonly List<ComplaintEntry> entries = [];

    private Complaint()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>What the submitter follows it by (<see cref="TrackingCodes"/>): unguessable, no personal data.</summary>
    public string TrackingCode { get; private set; } = "";

    public ComplaintKind Kind { get; private set; }
    public ComplaintChannel Channel { get; private set; }

    /// <summary>The hotline's work-order number (12315 / 12345), unique per channel.</summary>
    public string? HotlineTicket { get; private set; }

    public DateTime ReceivedAt { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public string RecordedBy { get; private set; } = "";

    /// <summary>The registered business, when the submitter picked it or staff matched it.</summary>
    public Guid? BusinessId { get; private set; }

    public string BusinessName { get; private set; } = "";
    public string? BusinessCreditCode { get; private set; }
    public string Address { get; private set; } = "";
    public ComplaintField Field { get; private set; }
    public string Description { get; private set; } = "";
    public DateOnly? OccurredOn { get; private set; }

    /// <summary>The informant (举报人) or complainant: visible to the handling unit and the office only.</summary>
    public string? ContactName { get; private set; }

    public string? ContactPhone { get; private set; }
    public bool Anonymous => string.IsNullOrEmpty(ContactName) && string.IsNullOrEmpty(ContactPhone);

    /// <summary>The handling township (food businesses) or unit (other fields); exactly one is set.</summary>
    public Guid? TownshipId { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>The person handling it in that township or unit.</summary>
    public Guid? HandlerId { get; private set; }

    public string? HandlerName { get; private set; }

    public ComplaintStatus Status { get; private set; }

    /// <summary>The first clock: accept or refuse a complaint (7 working days), decide on a report (15).</summary>
    public DateOnly FirstDeadline { get; private set; }

    public DateOnly? AcceptedOn { get; private set; }

    /// <summary>Mediation ends without agreement 45 working days after acceptance.</summary>
    public DateOnly? MediationDeadline { get; private set; }

    public DateOnly? DecidedOn { get; private set; }
    public ComplaintOutcome? Outcome { get; private set; }
    public string? OutcomeNote { get; private set; }

    /// <summary>A report's real-name informant is told the outcome by this day.</summary>
    public DateOnly? ReplyDeadline { get; private set; }

    public string? Reply { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>The handling found a violation (adds the "complaints" risk factor to the business).</summary>
    public bool ViolationVerified { get; private set; }

    /// <summary>When the handler let the business read the substance (never the informant).</summary>
    public DateTime? ReleasedToBusinessAt { get; private set; }

    public Guid? MergedIntoId { get; private set; }
    public Satisfaction? Satisfaction { get; private set; }
    public DateOnly? ReturnVisitOn { get; private set; }

    public IReadOnlyList<ComplaintEntry> Entries => entries;

    /// <summary>What the submitter gave (the form, the API, a hotline work order), before any check.</summary>
    public sealed record Input(
        ComplaintKind? Kind, string? BusinessName, string? BusinessCreditCode, string? Address, string? Description, DateOnly? OccurredOn,
        string? ContactName, string? ContactPhone, Guid? BusinessId = null, ComplaintField Field = ComplaintField.FoodBusiness, string? HotlineTicket = null);

    /// <summary>Where it goes: the township of a food business, or the unit configured for another field.</summary>
    public sealed record Handler(Guid? TownshipId, Guid? UnitId);

    /// <summary>
    /// Checks what was submitted; a complaint needs a name and a phone (who seeks mediation must be reachable), a report
    /// may be anonymous. Nothing is created when a field is refused.
    /// </summary>
    public static (Complaint? Complaint, IReadOnlyDictionary<string, Problem> Errors) Receive(Input input, ComplaintChannel channel, Handler handler,
        WorkingDayCalendar calendar, ComplaintClocks clocks, DateTime at, string by, string trackingCode)
    {
        var errors = new Dictionary<string, Problem>();
        string Text(string field, string? value, int max, bool required)
        {
            var text = (value ?? "").Trim();
            if (required && text.Length == 0)
            {
                errors[field] = new Problem("Complaint.Required", new Problem.Term("Complaint.Field." + field));
            }
            else if (text.Length > max)
            {
                errors[field] = new Problem("Complaint.TooLong", new Problem.Term("Complaint.Field." + field), max);
            }
            return text;
        }
        if (input.Kind is null)
        {
            errors[nameof(Kind)] = new Problem("Complaint.Required", new Problem.Term("Complaint.Field." + nameof(Kind)));
        }
        var name = Text(nameof(BusinessName), input.BusinessName, NameMaxLength, required: true);
        var code = Registry.CreditCode.Normalize(input.BusinessCreditCode ?? "");
        if (code.Length > 0 && Registry.CreditCode.Validate(code) is { Valid: false, Error: { } invalid })
        {
            errors[nameof(BusinessCreditCode)] = invalid;
        }
        var address = Text(nameof(Address), input.Address, NameMaxLength, required: true);
        var description = Text(nameof(Description), input.Description, DescriptionMaxLength, required: true);
        var contactName = Text(nameof(ContactName), input.ContactName, 50, required: input.Kind == ComplaintKind.Complaint);
        var phone = Text(nameof(ContactPhone), input.ContactPhone, 30, required: input.Kind == ComplaintKind.Complaint);
        if (phone.Length > 0 && !PhonePattern(phone))
        {
            errors[nameof(ContactPhone)] = new Problem("Complaint.PhoneInvalid", phone);
        }
        var ticket = Text(nameof(HotlineTicket), input.HotlineTicket, 40, required: channel is ComplaintChannel.Hotline12315 or ComplaintChannel.Hotline12345);
        var receivedOn = ShianTime.LocalDate(at);
        if (input.OccurredOn is { } occurred && occurred > receivedOn)
        {
            errors[nameof(OccurredOn)] = new Problem("Complaint.OccurredInFuture", occurred);
        }
        if (handler.TownshipId is null == handler.UnitId is null)
        {
            errors[""] = new Problem("Complaint.NoHandler");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var kind = input.Kind!.Value;
        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(), TrackingCode = trackingCode, Kind = kind, Channel = channel, HotlineTicket = ticket.Length == 0 ? null : ticket,
            ReceivedAt = at, ReceivedOn = receivedOn, RecordedBy = by, BusinessId = input.BusinessId, BusinessName = name,
            BusinessCreditCode = code.Length == 0 ? null : code, Address = address, Field = input.Field, Description = description,
            OccurredOn = input.OccurredOn, ContactName = contactName.Length == 0 ? null : contactName, ContactPhone = phone.Length == 0 ? null : phone,
            TownshipId = handler.TownshipId, UnitId = handler.UnitId, Status = ComplaintStatus.Received,
            FirstDeadline = calendar.AddWorkingDays(receivedOn, kind == ComplaintKind.Complaint ? clocks.AcceptDays : clocks.DecideDays),
        };
        complaint.Log(ComplaintEntryKind.Received, at, by, null);
        return (complaint, errors);
    }

    /// <summary>Digits, spaces, hyphens and a leading + (a landline with its area code, a mobile, an extension).</summary>
    private static bool PhonePattern(string phone) =>
        phone.Length >= 5 && phone.Select((c, i) => char.IsAsciiDigit(c) || c is ' ' or '-' || (c == '+' && i == 0)).All(ok => ok)
        && phone.Count(char.IsAsciiDigit) >= 5;

    /// <summary>Whether it still waits on the handler at all (not closed, refused-and-answered or merged).</summary>
    public bool Open => Status is not (ComplaintStatus.Closed or ComplaintStatus.Merged);

    /// <summary>The deadline that runs now, if any: the first clock, mediation, or telling the informant.</summary>
    public DateOnly? RunningDeadline => Status switch
    {
        ComplaintStatus.Received => FirstDeadline,
        ComplaintStatus.Accepted => MediationDeadline,
        ComplaintStatus.Refused or ComplaintStatus.Mediated or ComplaintStatus.Decided => ReplyDeadline,
        _ => null,
    };

    public Problem? Assign(Guid handlerId, string handlerName, DateTime at, string by)
    {
        if (!Open)
        {
            return new Problem("Complaint.NotOpen", Problem.TermFor(Status));
        }
        (HandlerId, HandlerName) = (handlerId, handlerName);
        Log(ComplaintEntryKind.Assigned, at, by, handlerName);
        return null;
    }

    /// <summary>To another township or unit, with the reason. The clocks keep running from the receipt.</summary>
    public Problem? Transfer(Handler to, string? reason, DateTime at, string by)
    {
        reason = (reason ?? "").Trim();
        if (!Open)
        {
            return new Problem("Complaint.NotOpen", Problem.TermFor(Status));
        }
        if (to.TownshipId is null == to.UnitId is null)
        {
            return new Problem("Complaint.NoHandler");
        }
        if (to.TownshipId == TownshipId && to.UnitId == UnitId)
        {
            return new Problem("Complaint.TransferToSelf");
        }
        if (reason.Length == 0 || reason.Length > TextMaxLength)
        {
            return new Problem("Complaint.ReasonRequired", TextMaxLength);
        }
        (TownshipId, UnitId, HandlerId, HandlerName) = (to.TownshipId, to.UnitId, null, null);
        Log(ComplaintEntryKind.Transferred, at, by, reason);
        return null;
    }

    /// <summary>受理 a complaint: mediation may run 45 working days from today.</summary>
    public Problem? Accept(WorkingDayCalendar calendar, ComplaintClocks clocks, DateTime at, string by)
    {
        if (Kind != ComplaintKind.Complaint)
        {
            return new Problem("Complaint.OnlyForComplaints");
        }
        if (Status != ComplaintStatus.Received)
        {
            return new Problem("Complaint.AlreadyDecided", Problem.TermFor(Status));
        }
        AcceptedOn = ShianTime.LocalDate(at);
        MediationDeadline = calendar.AddWorkingDays(AcceptedOn.Value, clocks.MediationDays);
        Status = ComplaintStatus.Accepted;
        Log(ComplaintEntryKind.Accepted, at, by, null);
        return null;
    }

    /// <summary>不予受理, with the reason the complainant will read.</summary>
    public Problem? Refuse(string? reason, WorkingDayCalendar calendar, ComplaintClocks clocks, DateTime at, string by)
    {
        reason = (reason ?? "").Trim();
        if (Kind != ComplaintKind.Complaint)
        {
            return new Problem("Complaint.OnlyForComplaints");
        }
        if (Status != ComplaintStatus.Received)
        {
            return new Problem("Complaint.AlreadyDecided", Problem.TermFor(Status));
        }
        if (reason.Length == 0 || reason.Length > TextMaxLength)
        {
            return new Problem("Complaint.ReasonRequired", TextMaxLength);
        }
        Conclude(ComplaintStatus.Refused, ComplaintOutcome.Refused, reason, calendar, clocks, at);
        Log(ComplaintEntryKind.Refused, at, by, reason);
        return null;
    }

    /// <summary>调解: ended with an agreement or without one (also when the 45 working days ran out).</summary>
    public Problem? EndMediation(bool agreement, string? record, bool violationFound, WorkingDayCalendar calendar, ComplaintClocks clocks, DateTime at, string by)
    {
        record = (record ?? "").Trim();
        if (Status != ComplaintStatus.Accepted)
        {
            return new Problem("Complaint.NotAccepted", Problem.TermFor(Status));
        }
        if (record.Length == 0 || record.Length > TextMaxLength)
        {
            return new Problem("Complaint.RecordRequired", TextMaxLength);
        }
        ViolationVerified |= violationFound;
        Conclude(ComplaintStatus.Mediated, agreement ? ComplaintOutcome.Agreement : ComplaintOutcome.NoAgreement, record, calendar, clocks, at);
        Log(ComplaintEntryKind.Mediated, at, by, record);
        return null;
    }

    /// <summary>A report verified: a case is opened (the lead goes to enforcement) or not, with the reason.</summary>
    public Problem? Decide(bool openCase, string? note, bool violationFound, WorkingDayCalendar calendar, ComplaintClocks clocks, DateTime at, string by)
    {
        note = (note ?? "").Trim();
        if (Kind != ComplaintKind.Report)
        {
            return new Problem("Complaint.OnlyForReports");
        }
        if (Status != ComplaintStatus.Received)
        {
            return new Problem("Complaint.AlreadyDecided", Problem.TermFor(Status));
        }
        if (note.Length == 0 || note.Length > TextMaxLength)
        {
            return new Problem("Complaint.RecordRequired", TextMaxLength);
        }
        ViolationVerified |= violationFound || openCase;
        Conclude(ComplaintStatus.Decided, openCase ? ComplaintOutcome.CaseOpened : ComplaintOutcome.NoCase, note, calendar, clocks, at);
        Log(ComplaintEntryKind.Decided, at, by, note);
        return null;
    }

    private void Conclude(ComplaintStatus status, ComplaintOutcome outcome, string note, WorkingDayCalendar calendar, ComplaintClocks clocks, DateTime at)
    {
        Status = status;
        Outcome = outcome;
        OutcomeNote = note;
        DecidedOn = ShianTime.LocalDate(at);
        // Only someone who can be reached is owed a reply by a day.
        ReplyDeadline = Anonymous ? null : calendar.AddWorkingDays(DecidedOn.Value, clocks.ReplyDays);
    }

    /// <summary>
    /// 答复 and 办结: the submitter is told the outcome (the text the tracking page does not show: it says dates and
    /// outcome only). An anonymous submission closes with a note instead.
    /// </summary>
    public Problem? Close(string? reply, DateTime at, string by)
    {
        reply = (reply ?? "").Trim();
        if (Status is not (ComplaintStatus.Refused or ComplaintStatus.Mediated or ComplaintStatus.Decided))
        {
            return new Problem("Complaint.NotConcluded", Problem.TermFor(Status));
        }
        if (reply.Length == 0 || reply.Length > TextMaxLength)
        {
            return new Problem("Complaint.ReplyRequired", TextMaxLength);
        }
        Reply = reply;
        ClosedAt = at;
        ClosedOn = ShianTime.LocalDate(at);
        Status = ComplaintStatus.Closed;
        Log(ComplaintEntryKind.Closed, at, by, reply);
        return null;
    }

    /// <summary>回访: the submitter's satisfaction, once, after closing; not for an anonymous submission.</summary>
    public Problem? RecordReturnVisit(Satisfaction satisfaction, string? note, DateTime at, string by)
    {
        note = (note ?? "").Trim();
        if (Status != ComplaintStatus.Closed)
        {
            return new Problem("Complaint.NotClosed", Problem.TermFor(Status));
        }
        if (Anonymous)
        {
            return new Problem("Complaint.AnonymousNoVisit");
        }
        if (Satisfaction is not null)
        {
            return new Problem("Complaint.VisitAlreadyRecorded");
        }
        if (note.Length > TextMaxLength)
        {
            return new Problem("Complaint.TooLong", new Problem.Term("Complaint.Field.Note"), TextMaxLength);
        }
        Satisfaction = satisfaction;
        ReturnVisitOn = ShianTime.LocalDate(at);
        Log(ComplaintEntryKind.ReturnVisit, at, by, note.Length == 0 ? null : note);
        return null;
    }

    /// <summary>A duplicate of <paramref name="primary"/> (same business, similar content): handled there, closed here.</summary>
    public Problem? MergeInto(Complaint primary, string? note, DateTime at, string by)
    {
        note = (note ?? "").Trim();
        if (primary.Id == Id || primary.Status == ComplaintStatus.Merged)
        {
            return new Problem("Complaint.MergeTargetInvalid");
        }
        if (Status is not (ComplaintStatus.Received or ComplaintStatus.Accepted))
        {
            return new Problem("Complaint.AlreadyDecided", Problem.TermFor(Status));
        }
        if (note.Length > TextMaxLength)
        {
            return new Problem("Complaint.TooLong", new Problem.Term("Complaint.Field.Note"), TextMaxLength);
        }
        Status = ComplaintStatus.Merged;
        MergedIntoId = primary.Id;
        Log(ComplaintEntryKind.Merged, at, by, note.Length == 0 ? primary.TrackingCode : note, primary.Id);
        primary.Log(ComplaintEntryKind.DuplicateAttached, at, by, TrackingCode, Id);
        return null;
    }

    /// <summary>Something done while handling: an inspection, a sample, a hand-over to a case, a note.</summary>
    public Problem? RecordAction(ComplaintEntryKind kind, string? note, Guid? linkedId, DateTime at, string by)
    {
        note = (note ?? "").Trim();
        if (kind is not (ComplaintEntryKind.InspectionStarted or ComplaintEntryKind.SampleTaken or ComplaintEntryKind.CaseTransfer or ComplaintEntryKind.Note))
        {
            return new Problem("Complaint.NotAnAction");
        }
        if (!Open)
        {
            return new Problem("Complaint.NotOpen", Problem.TermFor(Status));
        }
        if (kind == ComplaintEntryKind.Note && note.Length == 0)
        {
            return new Problem("Complaint.RecordRequired", TextMaxLength);
        }
        if (note.Length > TextMaxLength)
        {
            return new Problem("Complaint.TooLong", new Problem.Term("Complaint.Field.Note"), TextMaxLength);
        }
        Log(kind, at, by, note.Length == 0 ? null : note, linkedId);
        return null;
    }

    /// <summary>The business may now read what it is accused of (the substance, never who said it).</summary>
    public Problem? ReleaseToBusiness(DateTime at, string by)
    {
        if (BusinessId is null)
        {
            return new Problem("Complaint.NoRegisteredBusiness");
        }
        if (ReleasedToBusinessAt is not null)
        {
            return new Problem("Complaint.AlreadyReleased");
        }
        ReleasedToBusinessAt = at;
        Log(ComplaintEntryKind.ReleasedToBusiness, at, by, null);
        return null;
    }

    /// <summary>Staff matched a described business to the register.</summary>
    public Problem? LinkBusiness(Guid businessId, string name, DateTime at, string by)
    {
        if (!Open)
        {
            return new Problem("Complaint.NotOpen", Problem.TermFor(Status));
        }
        BusinessId = businessId;
        Log(ComplaintEntryKind.BusinessLinked, at, by, name, businessId);
        return null;
    }

    private void Log(ComplaintEntryKind kind, DateTime at, string by, string? note, Guid? linkedId = null) =>
        entries.Add(new ComplaintEntry(Id, kind, at, by, note, linkedId));
}

public enum ComplaintEntryKind
{
    Received,
    Assigned,
    Transferred,
    Accepted,
    Refused,
    InspectionStarted,
    SampleTaken,
    CaseTransfer,
    Note,
    Mediated,
    Decided,
    Closed,
    ReturnVisit,
    Merged,
    DuplicateAttached,
    ReleasedToBusiness,
    BusinessLinked,
}

/// <summary>One line of the handling record (办理记录): what was done, when, by whom, and the record it concerns.</summary>
public class ComplaintEntry
{
    private ComplaintEntry()
    {
    }

    internal ComplaintEntry(Guid complaintId, ComplaintEntryKind kind, DateTime at, string by, string? note, Guid? linkedId)
    {
        (Id, ComplaintId, Kind, At, By, Note, LinkedId) = (Guid.CreateVersion7(), complaintId, kind, at, by, note, linkedId);
    }

    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public ComplaintEntryKind Kind { get; private set; }
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";
    public string? Note { get; private set; }

    /// <summary>The inspection, sample, merged complaint or business the entry is about.</summary>
    public Guid? LinkedId { get; private set; }
}
