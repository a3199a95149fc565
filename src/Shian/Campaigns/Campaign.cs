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
    Closed,  // 已结束
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

    public const int NameMax = 200;

    /// <summary>What is wrong with the campaign as entered, field by field, in Chinese; empty when it can be stored.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add((nameof(Name), "名称：必填。"));
        else if (Name.Trim().Length > NameMax) errors.Add((nameof(Name), $"名称：不能超过 {NameMax} 个字。"));
        if (From == default) errors.Add((nameof(From), "开始日期：必填。"));
        if (To == default) errors.Add((nameof(To), "结束日期：必填。"));
        if (From != default && To != default && To < From) errors.Add((nameof(To), "结束日期：不能早于开始日期。"));
        foreach (var s in Subtypes)
            if (BusinessTypes.Subtypes.All(t => t.Code != s)) errors.Add((nameof(Subtypes), $"业态：无此细分类型“{s}”。"));
        foreach (var t in Tags)
            if (BusinessTypes.Tags.All(x => x.Code != t)) errors.Add((nameof(Tags), $"标签：无此标签“{t}”。"));
        if (Checklist.Length > NameMax) errors.Add((nameof(Checklist), $"检查表：不能超过 {NameMax} 个字。"));
        return errors;
    }

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
        Status == CampaignStatus.Closed ? CampaignStatus.Closed
        : day < From ? CampaignStatus.Planned
        : day > To ? CampaignStatus.Closed
        : CampaignStatus.Running;
}
