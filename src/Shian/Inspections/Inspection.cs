using Shian.Common;

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
    public const int NoteMaxLength = 500;
    public const int CommentMaxLength = 500;

    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid TownshipId { get; set; }
    public InspectionKind Kind { get; set; }

    /// <summary>The planned visit it fulfils, for a routine inspection.</summary>
    public Guid? PlannedInspectionId { get; set; }

    /// <summary>The campaign (专项行动) it was part of, if any.</summary>
    public Guid? CampaignId { get; set; }

    public Guid? TeamId { get; set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public InspectionStatus Status { get; private set; }

    /// <summary>Null until submitted.</summary>
    public InspectionResult? Result { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    /// <summary>The checklist (name and version) the items were filled in with.</summary>
    public string ChecklistName { get; set; } = "";

    public int ChecklistVersion { get; set; }

    /// <summary>
    /// The id the phone's form gave its draft (crypto.randomUUID()): a second submission of the same draft returns the
    /// inspection already stored instead of a duplicate. Unique per business.
    /// </summary>
    public Guid? ClientDraftId { get; set; }

    /// <summary>Any item failed (不符合): a rectification order (责令整改) is required.</summary>
    public bool RequiresRectification { get; private set; }

    /// <summary>The operator's acknowledgement (签收) of the submitted record, with their optional comment.</summary>
    public DateTime? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }
    public string? AcknowledgementComment { get; private set; }

    // Filled by Record only; EF reads and writes the fields (its convention finds them by name).
    private readonly List<InspectionItem> items = [];
    private readonly List<InspectionInspector> inspectors = [];

    public IReadOnlyList<InspectionItem> Items => items;
    public IReadOnlyList<InspectionInspector> Inspectors => inspectors;

    /// <summary>The operator signs for the submitted record; refused when not submitted or already signed.</summary>
    public Problem? Acknowledge(string by, string? comment, DateTime at)
    {
        if (Status != InspectionStatus.Submitted)
        {
            return new Problem("Inspection.NotSubmitted");
        }
        if (AcknowledgedAt is not null)
        {
            return new Problem("Inspection.AlreadyAcknowledged");
        }
        var text = (comment ?? "").Trim();
        if (text.Length > CommentMaxLength)
        {
            return new Problem("Inspection.CommentTooLong", CommentMaxLength);
        }
        AcknowledgedAt = at;
        AcknowledgedBy = by;
        AcknowledgementComment = text.Length == 0 ? null : text;
        return null;
    }

    /// <summary>A draft begun on site: not submitted, so it has no result and counts nowhere until it is.</summary>
    public static Inspection Begin(Guid businessId, Guid townshipId, InspectionKind kind, DateTime startedAt, string by, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), BusinessId = businessId, TownshipId = townshipId, Kind = kind, StartedAt = startedAt, Status = InspectionStatus.Draft,
        CreatedAt = now, CreatedBy = by,
    };

    /// <summary>
    /// A submitted inspection from what was found on site, or the problems that stop it (each naming the field): every
    /// checklist item needs a result; notes are limited; the team is at least <see cref="InspectionTeam.MinimumMembers"/>
    /// distinct inspectors among <paramref name="candidates"/>, the submitting user one of them; the end is not before the
    /// start. The overall result comes from the checklist's rule.
    /// </summary>
    public static (Inspection? Inspection, IReadOnlyList<InspectionProblem> Problems) Record(Checklist checklist, Guid businessId, Guid townshipId,
        InspectionKind kind, IReadOnlyDictionary<string, ItemResult> results, IReadOnlyDictionary<string, string> notes,
        IReadOnlyCollection<Guid> inspectorIds, IReadOnlyCollection<Guid> candidates, Guid currentUser, DateTime startedAt, DateTime endedAt,
        string by, DateTime now)
    {
        var problems = new List<InspectionProblem>();
        foreach (var missing in checklist.MissingItems(results))
        {
            problems.Add(new InspectionProblem($"Item_{missing.Code}", new Problem("Inspection.ItemMissing", missing.Code, missing.Text)));
        }
        foreach (var (code, note) in notes)
        {
            if (note.Trim().Length > NoteMaxLength)
            {
                problems.Add(new InspectionProblem($"Note_{code}", new Problem("Inspection.NoteTooLong", code, NoteMaxLength)));
            }
        }
        var team = inspectorIds.Distinct().ToList();
        if (team.Count < InspectionTeam.MinimumMembers)
        {
            problems.Add(new InspectionProblem("Inspectors", new Problem("Inspection.TooFewInspectors", team.Count)));
        }
        if (team.Any(id => !candidates.Contains(id)))
        {
            problems.Add(new InspectionProblem("Inspectors", new Problem("Inspection.InspectorNotEligible")));
        }
        if (!team.Contains(currentUser))
        {
            problems.Add(new InspectionProblem("Inspectors", new Problem("Inspection.SelfNotInspector")));
        }
        if (endedAt < startedAt)
        {
            problems.Add(new InspectionProblem("EndedAt", new Problem("Inspection.EndBeforeStart")));
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var inspection = new Inspection
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, TownshipId = townshipId, Kind = kind, StartedAt = startedAt, EndedAt = endedAt,
            Status = InspectionStatus.Submitted, Result = checklist.Evaluate(results), CreatedAt = now, CreatedBy = by,
            ChecklistName = checklist.Name, ChecklistVersion = checklist.Version,
            RequiresRectification = checklist.Items.Any(i => results[i.Code] == ItemResult.No),
        };
        var order = 0;
        foreach (var item in checklist.Items)
        {
            var note = notes.GetValueOrDefault(item.Code)?.Trim();
            inspection.items.Add(new InspectionItem
            {
                Id = Guid.CreateVersion7(), InspectionId = inspection.Id, Code = item.Code, Order = ++order, Key = item.Key,
                Result = results[item.Code], Note = string.IsNullOrEmpty(note) ? null : note,
            });
        }
        inspection.inspectors.AddRange(team.Select(id => new InspectionInspector { InspectionId = inspection.Id, UserId = id }));
        return (inspection, []);
    }
}

/// <summary>Why an inspection could not be recorded, and the form field it concerns.</summary>
public sealed record InspectionProblem(string Field, Problem Problem);

/// <summary>One checklist item's finding in an inspection; its photos are <see cref="Common.StoredFile"/>s owned by it (<see cref="Common.FileOwners.InspectionPhoto"/>).</summary>
public class InspectionItem
{
    public Guid Id { get; set; }
    public Guid InspectionId { get; set; }
    public string Code { get; set; } = "";
    public int Order { get; set; }

    /// <summary>Whether the item was a key item (关键项) on the checklist version used.</summary>
    public bool Key { get; set; }

    public ItemResult Result { get; set; }
    public string? Note { get; set; }
}

/// <summary>One inspector of an inspection (执法人员).</summary>
public class InspectionInspector
{
    public Guid InspectionId { get; set; }
    public Guid UserId { get; set; }
}
