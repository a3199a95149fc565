using Shian.Common;

namespace Shian.Grain;

/// <summary>
/// 每半年强制检验: one silo's test in one half-year, with the laboratory's values. Each value is stored with the unit and
/// limit it was judged against, so that the record reads the same after a standard changes. The three conclusions
/// follow from the values: quality (质量) fails when a quality item exceeds its limit, storage (储存品质) from the fatty
/// acid value, food safety (食品安全) fails when a mycotoxin or heavy metal exceeds its limit — such grain must be
/// disposed of (<see cref="GrainDisposal"/>) and the silo is flagged until it is.
/// </summary>
public class GrainTest : IGrainRecord
{
    public Guid Id { get; set; }
    public Guid SiloId { get; set; }
    public Guid TownshipId { get; set; }
    public Guid? UnitId { get; set; }

    /// <summary>The <see cref="HalfYear.Code"/> of the test date.</summary>
    public int HalfYearCode { get; set; }
    public DateOnly TestDate { get; set; }
    public string Laboratory { get; set; } = "";
    public bool QualityPassed { get; set; }
    public StorageConclusion Storage { get; set; }
    public bool SafetyPassed { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAt { get; set; }
    public List<GrainTestItem> Items { get; set; } = [];

    public const int LabMax = 100;

    public HalfYear HalfYear => HalfYear.FromCode(HalfYearCode);

    public sealed record Input(DateOnly? TestDate, string? Laboratory, IReadOnlyDictionary<string, decimal?> Values);

    /// <summary>
    /// A test of the silo from the form, or the errors by field (the value fields are <c>Values[code]</c>). At least the
    /// items with a limit for the silo's kind must be given; the date lies between the grain's storing and today.
    /// Whether the silo already has a test in that half-year is the caller's check (<see cref="Duplicate"/>).
    /// </summary>
    public static (GrainTest? Test, IReadOnlyList<(string Field, Problem Problem)> Errors) Create(Silo silo, Input input, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, Problem)>();
        if (input.TestDate is not { } date) errors.Add((nameof(Input.TestDate), new Problem("Grain.Required", new Problem.Term("GrainField.TestDate"))));
        else if (date > today) errors.Add((nameof(Input.TestDate), new Problem("Grain.NotAfterToday", new Problem.Term("GrainField.TestDate"))));
        else if (date < silo.StoredSince) errors.Add((nameof(Input.TestDate), new Problem("Grain.NotBefore", new Problem.Term("GrainField.TestDate"), new Problem.Term("GrainField.StoredSince"), silo.StoredSince)));
        var lab = input.Laboratory?.Trim() ?? "";
        if (lab.Length == 0) errors.Add((nameof(Input.Laboratory), new Problem("Grain.Required", new Problem.Term("GrainField.Laboratory"))));
        else if (lab.Length > LabMax) errors.Add((nameof(Input.Laboratory), new Problem("Grain.TooLong", new Problem.Term("GrainField.Laboratory"), LabMax)));
        var items = new List<GrainTestItem>();
        foreach (var item in GrainStandards.Items)
        {
            var limit = GrainStandards.Limit(silo.GrainKind, item.Code);
            var value = input.Values.GetValueOrDefault(item.Code);
            var field = $"Values[{item.Code}]";
            if (value is null)
            {
                if (limit is not null) errors.Add((field, new Problem("Grain.ItemRequired", item.Name, silo.GrainKind, limit, item.Unit)));
                continue;
            }
            if (value < 0)
            {
                errors.Add((field, new Problem("Grain.ItemNegative", item.Name)));
                continue;
            }
            items.Add(new GrainTestItem
            {
                Id = Guid.CreateVersion7(), Code = item.Code, Value = value.Value, Unit = item.Unit, Limit = limit,
                Judgement = GrainStandards.Judge(silo.GrainKind, item.Code, value.Value),
            });
        }
        if (errors.Count > 0) return (null, errors);
        bool Passed(ItemGroup group) => items.Where(i => GrainStandards.Find(i.Code)!.Group == group).All(i => i.Judgement != Judgement.Fail);
        var test = new GrainTest
        {
            Id = Guid.CreateVersion7(), SiloId = silo.Id, TownshipId = silo.TownshipId, UnitId = silo.UnitId,
            HalfYearCode = HalfYear.Of(input.TestDate!.Value).Code, TestDate = input.TestDate!.Value, Laboratory = lab,
            QualityPassed = Passed(ItemGroup.Quality), SafetyPassed = Passed(ItemGroup.Safety),
            Storage = GrainStandards.Storage(silo.GrainKind, items.FirstOrDefault(i => i.Code == "fatty-acid")?.Value),
            EnteredBy = by, EnteredAt = at, Items = items,
        };
        foreach (var i in items) i.TestId = test.Id;
        return (test, errors);
    }

    public static Problem Duplicate(HalfYear half) => new("Grain.TestDuplicate", half.Name);
}

public class GrainTestItem
{
    public Guid Id { get; set; }
    public Guid TestId { get; set; }
    public string Code { get; set; } = "";
    public decimal Value { get; set; }
    public string Unit { get; set; } = "";
    public decimal? Limit { get; set; }
    public Judgement Judgement { get; set; }
}

/// <summary>
/// 超标粮食处置: what was done with grain of a test that failed food-safety limits — sold for a designated use, turned
/// into feed, destroyed. One per failing test; until it exists the silo is flagged.
/// </summary>
public class GrainDisposal : IGrainRecord
{
    public Guid Id { get; set; }
    public Guid TestId { get; set; }
    public Guid SiloId { get; set; }
    public Guid TownshipId { get; set; }
    public Guid? UnitId { get; set; }
    public string Method { get; set; } = "";
    public DateOnly Date { get; set; }
    public decimal QuantityTonnes { get; set; }
    public string Note { get; set; } = "";
    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAt { get; set; }

    public static readonly IReadOnlyList<string> Methods = ["定向销售", "转作饲料", "转作工业用粮", "销毁"];
    public const int NoteMax = 500;

    public sealed record Input(string? Method, DateOnly? Date, decimal? QuantityTonnes, string? Note);

    public static (GrainDisposal? Disposal, IReadOnlyList<(string Field, Problem Problem)> Errors) Create(Silo silo, GrainTest test, Input input, DateOnly today, string by, DateTime at)
    {
        var errors = new List<(string, Problem)>();
        if (test.SafetyPassed) errors.Add(("", new Problem("Grain.DisposalNotNeeded")));
        var method = input.Method?.Trim() ?? "";
        if (!Methods.Contains(method)) errors.Add((nameof(Input.Method), new Problem("Grain.DisposalMethodUnknown", string.Join("、", Methods))));
        if (input.Date is not { } date) errors.Add((nameof(Input.Date), new Problem("Grain.Required", new Problem.Term("GrainField.DisposalDate"))));
        else if (date > today) errors.Add((nameof(Input.Date), new Problem("Grain.NotAfterToday", new Problem.Term("GrainField.DisposalDate"))));
        else if (date < test.TestDate) errors.Add((nameof(Input.Date), new Problem("Grain.NotBefore", new Problem.Term("GrainField.DisposalDate"), new Problem.Term("GrainField.TestDate"), test.TestDate)));
        if (input.QuantityTonnes is not { } q) errors.Add((nameof(Input.QuantityTonnes), new Problem("Grain.Required", new Problem.Term("GrainField.DisposalTonnes"))));
        else if (q <= 0) errors.Add((nameof(Input.QuantityTonnes), new Problem("Grain.Positive", new Problem.Term("GrainField.DisposalTonnes"))));
        else if (q > silo.CapacityTonnes) errors.Add((nameof(Input.QuantityTonnes), new Problem("Grain.DisposalOverCapacity", silo.CapacityTonnes)));
        var note = input.Note?.Trim() ?? "";
        if (note.Length > NoteMax) errors.Add((nameof(Input.Note), new Problem("Grain.TooLong", new Problem.Term("GrainField.Note"), NoteMax)));
        if (errors.Count > 0) return (null, errors);
        return (new GrainDisposal
        {
            Id = Guid.CreateVersion7(), TestId = test.Id, SiloId = silo.Id, TownshipId = silo.TownshipId, UnitId = silo.UnitId,
            Method = method, Date = input.Date!.Value, QuantityTonnes = input.QuantityTonnes!.Value, Note = note, EnteredBy = by, EnteredAt = at,
        }, errors);
    }
}
