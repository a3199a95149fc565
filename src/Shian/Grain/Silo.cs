using Shian.Common;

namespace Shian.Grain;

/// <summary>
/// 仓房: one silo (or warehouse) of the district grain reserve (区级储备粮) at a depot (库点). Its half-yearly tests and
/// the disposals of grain that failed food-safety limits make up its single-silo quality record (单仓质量档案).
/// The owner unit is the district grain centre (区粮食中心) when the jurisdiction has one: its staff see and edit the
/// silo, other departments do not; the township's staff read it.
/// </summary>
public class Silo : IGrainRecord
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string DepotName { get; set; } = "";
    public Guid TownshipId { get; set; }
    public string GrainKind { get; set; } = "";
    public decimal CapacityTonnes { get; set; }
    public decimal StockTonnes { get; set; }
    public int HarvestYear { get; set; }
    public DateOnly StoredSince { get; set; }
    public Guid? UnitId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public const int CodeMax = 30;
    public const int NameMax = 100;

    public sealed record Input(string? Code, string? DepotName, Guid? TownshipId, string? GrainKind, decimal? CapacityTonnes,
        decimal? StockTonnes, int? HarvestYear, DateOnly? StoredSince);

    /// <summary>A silo from the form, or what is wrong field by field (nothing is made then).</summary>
    public static (Silo? Silo, IReadOnlyList<(string Field, Problem Problem)> Errors) Create(Input input, Guid? ownerUnitId, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, Problem)>();
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) errors.Add((nameof(Input.Code), new Problem("Grain.Required", new Problem.Term("GrainField.SiloCode"))));
        else if (code.Length > CodeMax) errors.Add((nameof(Input.Code), new Problem("Grain.TooLong", new Problem.Term("GrainField.SiloCode"), CodeMax)));
        var depot = input.DepotName?.Trim() ?? "";
        if (depot.Length == 0) errors.Add((nameof(Input.DepotName), new Problem("Grain.Required", new Problem.Term("GrainField.DepotName"))));
        else if (depot.Length > NameMax) errors.Add((nameof(Input.DepotName), new Problem("Grain.TooLong", new Problem.Term("GrainField.DepotName"), NameMax)));
        if (input.TownshipId is null || input.TownshipId == Guid.Empty) errors.Add((nameof(Input.TownshipId), new Problem("Grain.Required", new Problem.Term("GrainField.Township"))));
        var kind = input.GrainKind?.Trim() ?? "";
        if (!GrainStandards.Kinds.Contains(kind)) errors.Add((nameof(Input.GrainKind), new Problem("Grain.KindUnknown", string.Join("、", GrainStandards.Kinds))));
        if (input.CapacityTonnes is not { } capacity) errors.Add((nameof(Input.CapacityTonnes), new Problem("Grain.Required", new Problem.Term("GrainField.CapacityTonnes"))));
        else if (capacity <= 0) errors.Add((nameof(Input.CapacityTonnes), new Problem("Grain.Positive", new Problem.Term("GrainField.CapacityTonnes"))));
        if (input.StockTonnes is not { } stock) errors.Add((nameof(Input.StockTonnes), new Problem("Grain.Required", new Problem.Term("GrainField.StockTonnes"))));
        else if (stock < 0) errors.Add((nameof(Input.StockTonnes), new Problem("Grain.NotNegative", new Problem.Term("GrainField.StockTonnes"))));
        else if (input.CapacityTonnes is { } c && c > 0 && stock > c) errors.Add((nameof(Input.StockTonnes), new Problem("Grain.StockOverCapacity", c)));
        if (input.HarvestYear is not { } year) errors.Add((nameof(Input.HarvestYear), new Problem("Grain.Required", new Problem.Term("GrainField.HarvestYear"))));
        else if (year < today.Year - 10 || year > today.Year) errors.Add((nameof(Input.HarvestYear), new Problem("Grain.HarvestYearRange", today.Year - 10, today.Year)));
        if (input.StoredSince is not { } since) errors.Add((nameof(Input.StoredSince), new Problem("Grain.Required", new Problem.Term("GrainField.StoredSince"))));
        else if (since > today) errors.Add((nameof(Input.StoredSince), new Problem("Grain.NotAfterToday", new Problem.Term("GrainField.StoredSince"))));
        else if (input.HarvestYear is { } y && since.Year < y) errors.Add((nameof(Input.StoredSince), new Problem("Grain.StoredBeforeHarvest")));
        if (errors.Count > 0) return (null, errors);
        return (new Silo
        {
            Id = Guid.CreateVersion7(), Code = code, DepotName = depot, TownshipId = input.TownshipId!.Value, GrainKind = kind,
            CapacityTonnes = input.CapacityTonnes!.Value, StockTonnes = input.StockTonnes!.Value, HarvestYear = input.HarvestYear!.Value,
            StoredSince = input.StoredSince!.Value, UnitId = ownerUnitId, CreatedBy = by, CreatedAt = at,
        }, errors);
    }

    public static Problem DuplicateCode(string code) => new("Grain.SiloCodeTaken", code);
}
