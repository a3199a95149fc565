using Shian.Common;

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
    /// A record from the form, or what is wrong field by field (nothing is made then). The date may not be in
    /// the future nor before the current term began (a record is written on the day, not reconstructed months later).
    /// Whether the canteen already has a record for the day and meal is the caller's check (<see cref="Duplicate"/>).
    /// </summary>
    public static (SchoolMealRecord? Record, IReadOnlyList<(string Field, Problem Problem)> Errors) Create(
        Guid businessId, Guid townshipId, Input input, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, Problem)>();
        var term = SchoolTerm.Of(today);
        if (input.Date is not { } date) errors.Add((nameof(Input.Date), new Problem("SchoolMeal.DateRequired")));
        else if (date > today) errors.Add((nameof(Input.Date), new Problem("SchoolMeal.DateInFuture")));
        else if (date < term.From) errors.Add((nameof(Input.Date), new Problem("SchoolMeal.DateBeforeTerm", term.From)));
        if (input.Meal is not { } meal || !Enum.IsDefined(meal)) errors.Add((nameof(Input.Meal), new Problem("SchoolMeal.MealRequired")));
        var name = input.PersonName?.Trim() ?? "";
        if (name.Length == 0) errors.Add((nameof(Input.PersonName), new Problem("SchoolMeal.PersonNameRequired")));
        else if (name.Length > NameMax) errors.Add((nameof(Input.PersonName), new Problem("SchoolMeal.PersonNameTooLong", NameMax)));
        var role = input.PersonRole?.Trim() ?? "";
        if (role.Length == 0) errors.Add((nameof(Input.PersonRole), new Problem("SchoolMeal.PersonRoleRequired")));
        else if (!PersonRoles.Contains(role)) errors.Add((nameof(Input.PersonRole), new Problem("SchoolMeal.PersonRoleInvalid", string.Join("、", PersonRoles))));
        var dishes = input.Dishes?.Trim() ?? "";
        if (dishes.Length == 0) errors.Add((nameof(Input.Dishes), new Problem("SchoolMeal.DishesRequired")));
        else if (dishes.Length > TextMax) errors.Add((nameof(Input.Dishes), new Problem("SchoolMeal.DishesTooLong", TextMax)));
        var findings = input.Findings?.Trim() ?? "";
        if (findings.Length > TextMax) errors.Add((nameof(Input.Findings), new Problem("SchoolMeal.FindingsTooLong", TextMax)));
        if (errors.Count > 0) return (null, errors);
        return (new SchoolMealRecord
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, TownshipId = townshipId, Date = input.Date!.Value, Meal = input.Meal!.Value,
            PersonName = name, PersonRole = role, Dishes = dishes, Findings = findings, EnteredBy = by, EnteredAt = at,
        }, errors);
    }

    /// <summary>The refusal when the canteen already has a record of that day and meal.</summary>
    public static Problem Duplicate(DateOnly date, SchoolMeal meal) => new("SchoolMeal.Duplicate", date, Problem.TermFor(meal));

    /// <summary>How many days without a record make a school flagged on the coverage page.</summary>
    public const int FlagAfterDays = 30;

    /// <summary>Whether a school whose last record is <paramref name="last"/> (null: none) is flagged on <paramref name="today"/>.</summary>
    public static bool Overdue(DateOnly? last, DateOnly today) => last is not { } d || d < today.AddDays(-FlagAfterDays + 1);
}
