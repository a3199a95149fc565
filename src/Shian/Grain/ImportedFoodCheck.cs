namespace Shian.Grain;

public enum ImportResult
{
    Passed, // 合格
    Failed, // 不合格
}

public enum ImportDisposalMethod
{
    Returned,  // 退运
    Destroyed, // 销毁
}

/// <summary>
/// 进口食品核查: a verification of imported food at an importer or seller in the registry — the customs declaration
/// (报关单) and the entry inspection and quarantine certificate (入境货物检验检疫证明), and for imported health food
/// (进口保健食品) whether it was verified online (联网核查, the plan's 100%). Failed goods must be returned or destroyed
/// (退运/销毁, the plan's 100%); the disposal is recorded on the check with its witness and evidence file
/// (<see cref="Common.FileOwners.ImportDisposalEvidence"/>).
/// </summary>
public class ImportedFoodCheck : IGrainRecord
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid TownshipId { get; set; }
    public Guid? UnitId { get; set; }
    public string Product { get; set; } = "";
    public string OriginCountry { get; set; } = "";
    public string DeclarationNumber { get; set; } = "";
    public string CertificateNumber { get; set; } = "";
    public decimal QuantityKg { get; set; }
    public DateOnly Date { get; set; }
    public bool HealthFood { get; set; }
    public bool OnlineVerified { get; set; }
    public ImportResult Result { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAt { get; set; }

    public ImportDisposalMethod? DisposalMethod { get; set; }
    public DateOnly? DisposalDate { get; set; }
    public decimal? DisposalQuantityKg { get; set; }
    public string DisposalWitness { get; set; } = "";
    public string? DisposedBy { get; set; }

    public const int TextMax = 100;

    public bool Disposed => DisposalDate is not null;

    public sealed record Input(string? Product, string? OriginCountry, string? DeclarationNumber, string? CertificateNumber,
        decimal? QuantityKg, DateOnly? Date, bool HealthFood, bool OnlineVerified, ImportResult? Result);

    public static (ImportedFoodCheck? Check, IReadOnlyList<(string Field, string Message)> Errors) Create(
        Guid businessId, Guid townshipId, Guid? unitId, Input input, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, string)>();
        var product = input.Product?.Trim() ?? "";
        if (product.Length == 0) errors.Add((nameof(Input.Product), "产品名称：必填。"));
        else if (product.Length > TextMax) errors.Add((nameof(Input.Product), $"产品名称：不能超过 {TextMax} 个字。"));
        var origin = input.OriginCountry?.Trim() ?? "";
        if (origin.Length == 0) errors.Add((nameof(Input.OriginCountry), "原产国（地区）：必填。"));
        else if (origin.Length > 50) errors.Add((nameof(Input.OriginCountry), "原产国（地区）：不能超过 50 个字。"));
        var declaration = (input.DeclarationNumber ?? "").Trim();
        if (CustomsDeclarationNumber.Check(declaration, today) is { } problem) errors.Add((nameof(Input.DeclarationNumber), "报关单号：" + problem));
        var certificate = input.CertificateNumber?.Trim() ?? "";
        if (certificate.Length == 0) errors.Add((nameof(Input.CertificateNumber), "入境货物检验检疫证明编号：必填。"));
        else if (certificate.Length > 50) errors.Add((nameof(Input.CertificateNumber), "入境货物检验检疫证明编号：不能超过 50 个字符。"));
        if (input.QuantityKg is not { } q) errors.Add((nameof(Input.QuantityKg), "数量（千克）：必填。"));
        else if (q <= 0) errors.Add((nameof(Input.QuantityKg), "数量（千克）：必须大于 0。"));
        if (input.Date is not { } date) errors.Add((nameof(Input.Date), "核查日期：必填。"));
        else if (date > today) errors.Add((nameof(Input.Date), "核查日期：不能晚于今天。"));
        if (input.OnlineVerified && !input.HealthFood) errors.Add((nameof(Input.OnlineVerified), "联网核查：仅适用于进口保健食品。"));
        if (input.Result is not { } result || !Enum.IsDefined(result)) errors.Add((nameof(Input.Result), "核查结果：请选择合格或不合格。"));
        if (errors.Count > 0) return (null, errors);
        return (new ImportedFoodCheck
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, TownshipId = townshipId, UnitId = unitId, Product = product,
            OriginCountry = origin, DeclarationNumber = declaration, CertificateNumber = certificate, QuantityKg = input.QuantityKg!.Value,
            Date = input.Date!.Value, HealthFood = input.HealthFood, OnlineVerified = input.OnlineVerified, Result = input.Result!.Value,
            EnteredBy = by, EnteredAt = at,
        }, errors);
    }

    /// <summary>Records the return or destruction of failed goods; refuses (saying why, by field) and changes nothing otherwise.</summary>
    public IReadOnlyList<(string Field, string Message)> Dispose(ImportDisposalMethod? method, DateOnly? date, decimal? quantityKg, string? witness, bool hasEvidence, DateOnly today, string by)
    {
        var errors = new List<(string, string)>();
        if (Result != ImportResult.Failed) errors.Add(("", "该批进口食品核查合格，无需退运或销毁。"));
        if (Disposed) errors.Add(("", "该批进口食品已登记退运/销毁。"));
        if (method is not { } m || !Enum.IsDefined(m)) errors.Add(("Method", "处置方式：请选择退运或销毁。"));
        if (date is not { } d) errors.Add(("Date", "处置日期：必填。"));
        else if (d > today) errors.Add(("Date", "处置日期：不能晚于今天。"));
        else if (d < Date) errors.Add(("Date", $"处置日期：不能早于核查日期（{Date:yyyy-MM-dd}）。"));
        if (quantityKg is not { } q) errors.Add(("QuantityKg", "处置数量（千克）：必填。"));
        else if (q <= 0) errors.Add(("QuantityKg", "处置数量（千克）：必须大于 0。"));
        else if (q > QuantityKg) errors.Add(("QuantityKg", $"处置数量（千克）：不能超过该批数量 {QuantityKg} 千克。"));
        var w = witness?.Trim() ?? "";
        if (w.Length == 0) errors.Add(("Witness", "监督见证人：必填。"));
        else if (w.Length > TextMax) errors.Add(("Witness", $"监督见证人：不能超过 {TextMax} 个字。"));
        if (!hasEvidence) errors.Add(("Evidence", "证明材料：请上传退运或销毁的证明文件。"));
        if (errors.Count > 0) return errors;
        DisposalMethod = method; DisposalDate = date; DisposalQuantityKg = quantityKg; DisposalWitness = w; DisposedBy = by;
        return errors;
    }

    public static string ResultName(ImportResult r) => r == ImportResult.Passed ? "合格" : "不合格";
    public static string MethodName(ImportDisposalMethod m) => m == ImportDisposalMethod.Returned ? "退运" : "销毁";
}

/// <summary>
/// 报关单号: 18 digits — the customs district code (4), the year (4), the import/export flag (1: 1 import, 0 export)
/// and a serial (9). An import check needs an import declaration.
/// </summary>
public static class CustomsDeclarationNumber
{
    /// <summary>Null when the number is well formed for an import, else what is wrong in Chinese.</summary>
    public static string? Check(string number, DateOnly today)
    {
        if (number.Length == 0) return "必填。";
        if (number.Length != 18 || !number.All(char.IsAsciiDigit)) return "应为 18 位数字。";
        var year = int.Parse(number.AsSpan(4, 4), System.Globalization.CultureInfo.InvariantCulture);
        if (year < 2000 || year > today.Year) return $"第 5–8 位为申报年份，{year} 不合理。";
        if (number[8] != '1') return "第 9 位为进出口标志，进口报关单应为 1。";
        return null;
    }
}
