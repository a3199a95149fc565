namespace Shian.Accounts;

/// <summary>The roles of the platform. The names are stored; the labels live in the web resource files.</summary>
public static class Roles
{
    public const string Admin = "admin";            // 系统管理员
    public const string Office = "office";          // 食安办
    public const string Department = "department";  // 部门工作人员 (belongs to a unit)
    public const string Township = "township";      // 乡镇街道工作人员 (belongs to a township)
    public const string Inspector = "inspector";    // 执法检查人员
    public const string Laboratory = "lab";         // 承检机构
    public const string Operator = "operator";      // 食品生产经营者

    public static readonly IReadOnlyList<string> All = [Admin, Office, Department, Township, Inspector, Laboratory, Operator];

    /// <summary>Everyone who works for or with the regulator, as opposed to the businesses it supervises.</summary>
    public static readonly IReadOnlyList<string> Staff = [Admin, Office, Department, Township, Inspector, Laboratory];
}

/// <summary>What an account of a role must belong to, so that its access scope is never accidentally empty or wide.</summary>
public static class RoleAttachments
{
    public static bool NeedsUnit(string role) => role is Roles.Department or Roles.Laboratory;

    public static bool NeedsTownship(string role) => role is Roles.Township;

    /// <summary>Null when the attachments suit the role; otherwise which one is missing: "unit" or "township".</summary>
    public static string? Missing(string role, Guid? unitId, Guid? townshipId) =>
        NeedsUnit(role) && unitId is null ? "unit"
        : NeedsTownship(role) && townshipId is null ? "township"
        : null;
}
