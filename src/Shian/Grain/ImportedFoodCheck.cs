using Shian.Common;

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

    public static (ImportedFoodCheck? Check, IReadOnlyList<(string Field, Problem Problem)> Errors) Create(
        Guid businessId, Guid townshipId, Guid? unitId, Input input, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, Problem)>();
        var product = input.Product?.Trim() ?? "";
        if (product.Length == 0) errors.Add((nameof(Input.Product), new Problem("Grain.Required", new Problem.Term("GrainField.Product"))));
        else if (product.Length > TextMax) errors.Add((nameof(Input.Product), new Problem("Grain.TooLong", new Problem.Term("GrainField.Product"), TextMax)));
        var origin = input.OriginCountry?.Trim() ?? "";
        if (origin.Length == 0) errors.Add((nameof(Input.OriginCountry), new Problem("Grain.Required", new Problem.Term("GrainField.OriginCountry"))));
        else if (origin.Length > 50) errors.Add((nameof(Input.OriginCountry), new Problem("Grain.TooLong", new Problem.Term("GrainField.OriginCountry"), 50)));
        var declaration = (input.DeclarationNumber ?? "").Trim();
        if (CustomsDeclarationNumber.Check(declaration, today) is { } problem) errors.Add((nameof(Input.DeclarationNumber), problem));
        var certificate = input.CertificateNumber?.Trim() ?? "";
        if (certificate.Length == 0) errors.Add((nameof(Input.CertificateNumber), new Problem("Grain.Required", new Problem.Term("GrainField.CertificateNumber"))));
        else if (certificate.Length > 50) errors.Add((nameof(Input.CertificateNumber), new Problem("Grain.TooLong", new Problem.Term("GrainField.CertificateNumber"), 50)));
        if (input.QuantityKg is not { } q) errors.Add((nameof(Input.QuantityKg), new Problem("Grain.Required", new Problem.Term("GrainField.QuantityKg"))));
        else if (q <= 0) errors.Add((nameof(Input.QuantityKg), new Problem("Grain.Positive", new Problem.Term("GrainField.QuantityKg"))));
        if (input.Date is not { } date) errors.Add((nameof(Input.Date), new Problem("Grain.Required", new Problem.Term("GrainField.VerifyDate"))));
        else if (date > today) errors.Add((nameof(Input.Date), new Problem("Grain.NotAfterToday", new Problem.Term("GrainField.VerifyDate"))));
        if (input.OnlineVerified && !input.HealthFood) errors.Add((nameof(Input.OnlineVerified), new Problem("Grain.OnlineVerifiedHealthFoodOnly")));
        if (input.Result is not { } result || !Enum.IsDefined(result)) errors.Add((nameof(Input.Result), new Problem("Grain.ImportResultRequired")));
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
    public IReadOnlyList<(string Field, Problem Problem)> Dispose(ImportDisposalMethod? method, DateOnly? date, decimal? quantityKg, string? witness, bool hasEvidence, DateOnly today, string by)
    {
        var errors = new List<(string, Problem)>();
        if (Result != ImportResult.Failed) errors.Add(("", new Problem("Grain.ImportPassedNoDisposal")));
        if (Disposed) errors.Add(("", new Problem("Grain.ImportAlreadyDisposed")));
        if (method is not { } m || !Enum.IsDefined(m)) errors.Add(("Method", new Problem("Grain.ImportDisposalMethodRequired")));
        if (date is not { } d) errors.Add(("Date", new Problem("Grain.Required", new Problem.Term("GrainField.DisposalDate"))));
        else if (d > today) errors.Add(("Date", new Problem("Grain.NotAfterToday", new Problem.Term("GrainField.DisposalDate"))));
        else if (d < Date) errors.Add(("Date", new Problem("Grain.NotBefore", new Problem.Term("GrainField.DisposalDate"), new Problem.Term("GrainField.VerifyDate"), Date)));
        if (quantityKg is not { } q) errors.Add(("QuantityKg", new Problem("Grain.Required", new Problem.Term("GrainField.DisposalKg"))));
        else if (q <= 0) errors.Add(("QuantityKg", new Problem("Grain.Positive", new Problem.Term("GrainField.DisposalKg"))));
        else if (q > QuantityKg) errors.Add(("QuantityKg", new Problem("Grain.ImportDisposalOverQuantity", QuantityKg)));
        var w = witness?.Trim() ?? "";
        if (w.Length == 0) errors.Add(("Witness", new Problem("Grain.Required", new Problem.Term("GrainField.Witness"))));
        else if (w.Length > TextMax) errors.Add(("Witness", new Problem("Grain.TooLong", new Problem.Term("GrainField.Witness"), TextMax)));
        if (!hasEvidence) errors.Add(("Evidence", new Problem("Grain.EvidenceRequired")));
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
    /// <summary>Null when the number is well formed for an import, else what is wrong.</summary>
    public static Problem? Check(string number, DateOnly today)
    {
        if (number.Length == 0) return new Problem("Grain.Required", new Problem.Term("GrainField.DeclarationNumber"));
        if (number.Length != 18 || !number.All(char.IsAsciiDigit)) return new Problem("Grain.DeclarationDigits");
        var year = int.Parse(number.AsSpan(4, 4), System.Globalization.CultureInfo.InvariantCulture);
        if (year < 2000 || year > today.Year) return new Problem("Grain.DeclarationYear", year);
        if (number[8] != '1') return new Problem("Grain.DeclarationNotImport");
        return null;
    }
}
