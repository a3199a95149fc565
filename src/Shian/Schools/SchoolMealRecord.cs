namespace Shian.Schools;

public enum SchoolMeal
{
    Breakfast, // 早餐
    Lunch,     // 午餐
    Dinner,    // 晚餐
}

/// <summary>
/// 陪餐记录: a school leader (or a parents' representative) ate a meal with the pupils in the school canteen and wrote
/// down what was served and what they found (taste, hygiene, quantity). The school's duty under 学校食品安全与营养健康
/// 管理规定 (2019) art. 10; the canteen's operator enters it, supervisors read it. One record per canteen, day and meal.
/// Photos are <see cref="Common.StoredFile"/>s owned by the record (<see cref="Common.FileOwners.SchoolMealPhoto"/>).
/// </summary>
public class SchoolMealRecord
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>The canteen's township when entered, so that township staff find it without a join.</summary>
    public Guid TownshipId { get; set; }

    public DateOnly Date { get; set; }
    public SchoolMeal Meal { get; set; }
    public string PersonName { get; set; } = "";

    /// <summary>One of <see cref="PersonRoles"/> (stored in Chinese as the record reads).</summary>
    public string PersonRole { get; set; } = "";

    public string Dishes { get; set; } = "";

    /// <summary>Problems found with taste, hygiene or quantity, or comments; empty when none were written.</summary>
    public string Findings { get; set; } = "";

    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAt { get; set; }

    public const int NameMax = 50;
    public const int TextMax = 1000;

    /// <summary>Who eats with the pupils: the school's leaders (校长负责制, 陪餐制) and parents' representatives.</summary>
    public static readonly IReadOnlyList<string> PersonRoles = ["校长", "副校长", "园长", "副园长", "分管负责人", "食堂管理员", "家长代表", "其他"];

    public sealed record Input(DateOnly? Date, SchoolMeal? Meal, string? PersonName, string? PersonRole, string? Dishes, string? Findings);

    /// <summary>
    /// A record from the form, or what is wrong field by field in Chinese (nothing is made then). The date may not be in
    /// the future nor before the current term began (a record is written on the day, not reconstructed months later).
    /// Whether the canteen already has a record for the day and meal is the caller's check (<see cref="Duplicate"/>).
    /// </summary>
    public static (SchoolMealRecord? Record, IReadOnlyList<(string Field, string Message)> Errors) Create(
        Guid businessId, Guid townshipId, Input input, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, string)>();
        var term = SchoolTerm.Of(today);
        if (input.Date is not { } date) errors.Add((nameof(Input.Date), "陪餐日期：必填。"));
        else if (date > today) errors.Add((nameof(Input.Date), "陪餐日期：不能晚于今天。"));
        else if (date < term.From) errors.Add((nameof(Input.Date), $"陪餐日期：不能早于本学期开始（{term.From:yyyy-MM-dd}）。"));
        if (input.Meal is not { } meal || !Enum.IsDefined(meal)) errors.Add((nameof(Input.Meal), "餐次：请选择早餐、午餐或晚餐。"));
        var name = input.PersonName?.Trim() ?? "";
        if (name.Length == 0) errors.Add((nameof(Input.PersonName), "陪餐人姓名：必填。"));
        else if (name.Length > NameMax) errors.Add((nameof(Input.PersonName), $"陪餐人姓名：不能超过 {NameMax} 个字。"));
        var role = input.PersonRole?.Trim() ?? "";
        if (role.Length == 0) errors.Add((nameof(Input.PersonRole), "陪餐人职务：必填。"));
        else if (!PersonRoles.Contains(role)) errors.Add((nameof(Input.PersonRole), $"陪餐人职务：请从 {string.Join("、", PersonRoles)} 中选择。"));
        var dishes = input.Dishes?.Trim() ?? "";
        if (dishes.Length == 0) errors.Add((nameof(Input.Dishes), "菜品：必填。"));
        else if (dishes.Length > TextMax) errors.Add((nameof(Input.Dishes), $"菜品：不能超过 {TextMax} 个字。"));
        var findings = input.Findings?.Trim() ?? "";
        if (findings.Length > TextMax) errors.Add((nameof(Input.Findings), $"发现问题及意见：不能超过 {TextMax} 个字。"));
        if (errors.Count > 0) return (null, errors);
        return (new SchoolMealRecord
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, TownshipId = townshipId, Date = input.Date!.Value, Meal = input.Meal!.Value,
            PersonName = name, PersonRole = role, Dishes = dishes, Findings = findings, EnteredBy = by, EnteredAt = at,
        }, errors);
    }

    /// <summary>The refusal when the canteen already has a record of that day and meal.</summary>
    public static string Duplicate(DateOnly date, SchoolMeal meal) =>
        $"陪餐日期：{date:yyyy-MM-dd} {MealName(meal)}已有陪餐记录，同一餐次只能记录一次。";

    public static string MealName(SchoolMeal meal) => meal switch
    {
        SchoolMeal.Breakfast => "早餐",
        SchoolMeal.Lunch => "午餐",
        _ => "晚餐",
    };

    /// <summary>How many days without a record make a school flagged on the coverage page.</summary>
    public const int FlagAfterDays = 30;

    /// <summary>Whether a school whose last record is <paramref name="last"/> (null: none) is flagged on <paramref name="today"/>.</summary>
    public static bool Overdue(DateOnly? last, DateOnly today) => last is not { } d || d < today.AddDays(-FlagAfterDays + 1);
}
