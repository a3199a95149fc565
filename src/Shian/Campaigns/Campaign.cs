using Shian.Accounts;
using Shian.Common;
using Shian.Registry;

namespace Shian.Campaigns;

public enum CampaignKind
{
    Special, // 专项行动
    Holiday, // 节假日专项检查
}

public enum CampaignStatus
{
    Planned, // 计划中
    Running, // 进行中
    Closed,    // 已结束 (by its dates, or closed early by hand)
    Cancelled, // 已取消 (called off by hand)
}

/// <summary>
/// A campaign (专项行动 / 节假日专项检查): inspections of the businesses in its scope within its period, on one
/// checklist. The scope lists categories, sub-type codes, tag codes and townships; an empty list means "all", and a
/// business is in scope when it matches every non-empty list (a sub-type or a category counts as one "type" filter:
/// a business matches it by either).
/// </summary>
public class Campaign
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public CampaignKind Kind { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public List<BusinessCategory> Categories { get; set; } = [];
    public List<string> Subtypes { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<Guid> TownshipIds { get; set; } = [];

    /// <summary>The checklist's name; a reference to the checklist module once it exists.</summary>
    public string Checklist { get; set; } = "";

    public CampaignStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>Why it was closed early or cancelled by hand, when, by whom; null while it runs by its dates.</summary>
    public string? StopReason { get; set; }

    public DateTime? StoppedAt { get; set; }
    public string? StoppedBy { get; set; }

    public const int NameMax = 200;
    public const int ReasonMax = 500;

    /// <summary>What is wrong with the campaign as entered, field by field; empty when it can be stored.</summary>
    /// <remarks>
    /// With <paramref name="checklists"/> (the names of the active checklists) an unknown checklist is refused; with
    /// <paramref name="townships"/> (the jurisdiction's township ids) an unknown township is.
    /// </remarks>
    public IReadOnlyList<(string Field, Problem Problem)> Validate(IReadOnlyCollection<string>? checklists = null, IReadOnlyCollection<Guid>? townships = null)
    {
        var errors = new List<(string, Problem)>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add((nameof(Name), new Problem("Campaign.NameRequired")));
        else if (Name.Trim().Length > NameMax) errors.Add((nameof(Name), new Problem("Campaign.NameTooLong", NameMax)));
        if (From == default) errors.Add((nameof(From), new Problem("Campaign.FromRequired")));
        if (To == default) errors.Add((nameof(To), new Problem("Campaign.ToRequired")));
        if (From != default && To != default && To < From) errors.Add((nameof(To), new Problem("Campaign.ToBeforeFrom")));
        foreach (var s in Subtypes)
            if (BusinessTypes.Subtypes.All(t => t.Code != s)) errors.Add((nameof(Subtypes), new Problem("Campaign.SubtypeUnknown", s)));
        foreach (var t in Tags)
            if (BusinessTypes.Tags.All(x => x.Code != t)) errors.Add((nameof(Tags), new Problem("Campaign.TagUnknown", t)));
        foreach (var c in Categories)
            if (!Enum.IsDefined(c)) errors.Add((nameof(Categories), new Problem("Campaign.CategoryUnknown", c)));
        if (Checklist.Length > NameMax) errors.Add((nameof(Checklist), new Problem("Campaign.ChecklistTooLong", NameMax)));
        else if (checklists is not null && Checklist.Length > 0 && !checklists.Contains(Checklist))
            errors.Add((nameof(Checklist), new Problem("Campaign.ChecklistUnknown", Checklist)));
        if (townships is not null)
            foreach (var t in TownshipIds.Where(t => !townships.Contains(t)))
                errors.Add((nameof(TownshipIds), new Problem("Campaign.TownshipUnknown", t)));
        return errors;
    }

    /// <summary>Whether it has ended (by its dates or by hand) on the day: an ended campaign is a record, no longer edited.</summary>
    public bool IsFinished(DateOnly day) => StatusOn(day) is CampaignStatus.Closed or CampaignStatus.Cancelled;

    /// <summary>Why it cannot be changed on the day; null when it can.</summary>
    public Problem? WhyNotEditable(DateOnly day) => StatusOn(day) switch
    {
        CampaignStatus.Cancelled => new Problem("Campaign.Cancelled"),
        CampaignStatus.Closed when Status == CampaignStatus.Closed => new Problem("Campaign.ClosedEarly"),
        CampaignStatus.Closed => new Problem("Campaign.Ended", To),
        _ => null,
    };

    /// <summary>
    /// Ends it by hand before its end date: <see cref="CampaignStatus.Closed"/> (结束) or <see cref="CampaignStatus.Cancelled"/>
    /// (取消), with a reason. Refused (and nothing changed) when it has already ended, the reason is missing or too long.
    /// </summary>
    public (string Field, Problem Problem)? Stop(CampaignStatus to, string? reason, string by, DateTime at, DateOnly today)
    {
        if (to is not (CampaignStatus.Closed or CampaignStatus.Cancelled)) return ("Status", new Problem("Campaign.StopStatusInvalid"));
        if (WhyNotEditable(today) is { } why) return ("Status", why);
        var text = (reason ?? "").Trim();
        if (text.Length == 0) return ("Reason", new Problem("Campaign.ReasonRequired"));
        if (text.Length > ReasonMax) return ("Reason", new Problem("Campaign.ReasonTooLong", ReasonMax));
        Status = to;
        StopReason = text;
        StoppedAt = at;
        StoppedBy = by;
        return null;
    }

    /// <summary>
    /// Whether the reader may see the campaign: the district's and units' staff all of them, a township's staff those that
    /// touch their township (whole-district ones included), operators and the public none.
    /// </summary>
    public bool VisibleTo(AccessScope scope) => scope.Level switch
    {
        AccessLevel.Jurisdiction or AccessLevel.Unit => true,
        AccessLevel.Township => scope.TownshipId is { } t && (TownshipIds.Count == 0 || TownshipIds.Contains(t)),
        _ => false,
    };

    /// <summary>Whether the campaign's period holds the day.</summary>
    public bool Covers(DateOnly day) => day >= From && day <= To;

    /// <summary>Whether the business is in the campaign's scope (closed businesses never are).</summary>
    public bool InScope(Business b)
    {
        if (b.Status == BusinessStatus.Closed) return false;
        if (TownshipIds.Count > 0 && !TownshipIds.Contains(b.TownshipId)) return false;
        if ((Categories.Count > 0 || Subtypes.Count > 0) && !Categories.Contains(b.Category) && !Subtypes.Contains(b.Subtype)) return false;
        if (Tags.Count > 0 && !b.TagList.Any(Tags.Contains)) return false;
        return true;
    }

    /// <summary>The status the dates suggest on a day, for a campaign nobody closed by hand.</summary>
    public CampaignStatus StatusOn(DateOnly day) =>
        Status is CampaignStatus.Closed or CampaignStatus.Cancelled ? Status
        : day < From ? CampaignStatus.Planned
        : day > To ? CampaignStatus.Closed
        : CampaignStatus.Running;
}
