using Shian.Common;
using Shian.Inspections;

namespace Shian.Grain;

/// <summary>
/// 粮食收购企业检查: a check of a grain purchase enterprise — a registry business of sub-type
/// <see cref="Subtype"/> (the office marks one by choosing that sub-type). The plan asks that at least 5% of the
/// district's purchase enterprises are checked each year and that they keep single-silo quality records (单仓质量档案).
/// </summary>
public class GrainPurchaseCheck : IGrainRecord
{
    public const string Subtype = "grain-purchase";

    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid TownshipId { get; set; }

    /// <summary>The unit of the staff who entered it (null: the office); departments see their unit's checks.</summary>
    public Guid? UnitId { get; set; }
    public DateOnly Date { get; set; }
    public string Inspectors { get; set; } = "";
    public string Findings { get; set; } = "";
    public InspectionResult Result { get; set; }

    /// <summary>Whether the enterprise was required to set up single-silo quality records (督促建立单仓质量档案).</summary>
    public bool SiloRecordsRequired { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAt { get; set; }

    public const int TextMax = 1000;
    public const int InspectorsMax = 200;

    public sealed record Input(DateOnly? Date, string? Inspectors, string? Findings, InspectionResult? Result, bool SiloRecordsRequired);

    public static (GrainPurchaseCheck? Check, IReadOnlyList<(string Field, Problem Problem)> Errors) Create(
        Guid businessId, Guid townshipId, Guid? unitId, Input input, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, Problem)>();
        if (input.Date is not { } date) errors.Add((nameof(Input.Date), new Problem("Grain.Required", new Problem.Term("GrainField.CheckDate"))));
        else if (date > today) errors.Add((nameof(Input.Date), new Problem("Grain.NotAfterToday", new Problem.Term("GrainField.CheckDate"))));
        var inspectors = input.Inspectors?.Trim() ?? "";
        if (inspectors.Length == 0) errors.Add((nameof(Input.Inspectors), new Problem("Grain.Required", new Problem.Term("GrainField.Inspectors"))));
        else if (inspectors.Length > InspectorsMax) errors.Add((nameof(Input.Inspectors), new Problem("Grain.TooLong", new Problem.Term("GrainField.Inspectors"), InspectorsMax)));
        var findings = input.Findings?.Trim() ?? "";
        if (findings.Length > TextMax) errors.Add((nameof(Input.Findings), new Problem("Grain.TooLong", new Problem.Term("GrainField.Findings"), TextMax)));
        if (input.Result is not { } result || !Enum.IsDefined(result)) errors.Add((nameof(Input.Result), new Problem("Grain.PurchaseResultRequired")));
        if (errors.Count > 0) return (null, errors);
        return (new GrainPurchaseCheck
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, TownshipId = townshipId, UnitId = unitId, Date = input.Date!.Value,
            Inspectors = inspectors, Findings = findings, Result = input.Result!.Value, SiloRecordsRequired = input.SiloRecordsRequired,
            EnteredBy = by, EnteredAt = at,
        }, errors);
    }

    /// <summary>The plan's floor: at least 5% of the purchase enterprises checked in a year.</summary>
    public const decimal FloorPercent = 5m;

    /// <summary>How many enterprises must be checked for the floor: 5% rounded up (one of 1–20, two of 21–40).</summary>
    public static int Required(int enterprises) => enterprises <= 0 ? 0 : (int)Math.Ceiling(enterprises * FloorPercent / 100m);

    public static bool MeetsFloor(int checkedCount, int enterprises) => checkedCount >= Required(enterprises);
}
