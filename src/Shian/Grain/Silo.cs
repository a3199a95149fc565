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

    /// <summary>A silo from the form, or what is wrong field by field in Chinese (nothing is made then).</summary>
    public static (Silo? Silo, IReadOnlyList<(string Field, string Message)> Errors) Create(Input input, Guid? ownerUnitId, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, string)>();
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) errors.Add((nameof(Input.Code), "仓房编号：必填。"));
        else if (code.Length > CodeMax) errors.Add((nameof(Input.Code), $"仓房编号：不能超过 {CodeMax} 个字符。"));
        var depot = input.DepotName?.Trim() ?? "";
        if (depot.Length == 0) errors.Add((nameof(Input.DepotName), "库点：必填。"));
        else if (depot.Length > NameMax) errors.Add((nameof(Input.DepotName), $"库点：不能超过 {NameMax} 个字。"));
        if (input.TownshipId is null || input.TownshipId == Guid.Empty) errors.Add((nameof(Input.TownshipId), "所在乡镇：必填。"));
        var kind = input.GrainKind?.Trim() ?? "";
        if (!GrainStandards.Kinds.Contains(kind)) errors.Add((nameof(Input.GrainKind), $"粮食品种：请从 {string.Join("、", GrainStandards.Kinds)} 中选择。"));
        if (input.CapacityTonnes is not { } capacity) errors.Add((nameof(Input.CapacityTonnes), "仓容（吨）：必填。"));
        else if (capacity <= 0) errors.Add((nameof(Input.CapacityTonnes), "仓容（吨）：必须大于 0。"));
        if (input.StockTonnes is not { } stock) errors.Add((nameof(Input.StockTonnes), "实际库存（吨）：必填。"));
        else if (stock < 0) errors.Add((nameof(Input.StockTonnes), "实际库存（吨）：不能为负数。"));
        else if (input.CapacityTonnes is { } c && c > 0 && stock > c) errors.Add((nameof(Input.StockTonnes), $"实际库存（吨）：不能超过仓容 {c} 吨。"));
        if (input.HarvestYear is not { } year) errors.Add((nameof(Input.HarvestYear), "收获年份：必填。"));
        else if (year < today.Year - 10 || year > today.Year) errors.Add((nameof(Input.HarvestYear), $"收获年份：应在 {today.Year - 10} 至 {today.Year} 之间。"));
        if (input.StoredSince is not { } since) errors.Add((nameof(Input.StoredSince), "入仓日期：必填。"));
        else if (since > today) errors.Add((nameof(Input.StoredSince), "入仓日期：不能晚于今天。"));
        else if (input.HarvestYear is { } y && since.Year < y) errors.Add((nameof(Input.StoredSince), "入仓日期：不能早于收获年份。"));
        if (errors.Count > 0) return (null, errors);
        return (new Silo
        {
            Id = Guid.CreateVersion7(), Code = code, DepotName = depot, TownshipId = input.TownshipId!.Value, GrainKind = kind,
            CapacityTonnes = input.CapacityTonnes!.Value, StockTonnes = input.StockTonnes!.Value, HarvestYear = input.HarvestYear!.Value,
            StoredSince = input.StoredSince!.Value, UnitId = ownerUnitId, CreatedBy = by, CreatedAt = at,
        }, errors);
    }

    public static string DuplicateCode(string code) => $"仓房编号：{code} 已存在。";
}
