namespace Shian.Organization;

/// <summary>What kind of body a member unit is. Stored as text so that lists stay readable in the database.</summary>
public enum UnitKind
{
    Office,       // 食安办
    Department,   // 区政府部门
    Townships,    // 各乡镇街 as a collective
    Judicial,     // 法院、检察院
    Customs,      // 海关
    Police,       // 公安
    Party,        // 党委部门
    Railway,      // 铁路站段
    Group,        // 成员单位 as a collective
    Laboratory,   // 承检机构
    Other,
}

/// <summary>A member unit of the food-safety committee (食安委成员单位) or another body that owns work.</summary>
public class Unit
{
    public Guid Id { get; set; }
    public Guid JurisdictionId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Other names used for it in documents (区卫健委 for 区卫生健康委), separated by 、.</summary>
    public string Aliases { get; set; } = "";

    public UnitKind Kind { get; set; }
    public bool Active { get; set; } = true;
}
