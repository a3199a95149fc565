using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Common;
using Shian.Registry;

namespace Shian.Traceability;

/// <summary>The five kinds of edible agricultural product the 2020 合格证 trial covers.</summary>
public enum ProduceCategory
{
    Vegetables,   // 蔬菜
    Fruit,        // 水果
    Livestock,    // 畜禽
    Eggs,         // 禽蛋
    AquaticFarmed, // 养殖水产品
}

/// <summary>What the producer's promise rests on (开具依据).</summary>
public enum CertificateBasis
{
    SelfControl,      // 自我管控
    SelfTest,         // 自行检测
    CommissionedTest, // 委托检测
}

/// <summary>One certificate per package (with a copy per package) or one per batch or vehicle (散装).</summary>
public enum CertificateMode
{
    PerPackage,
    PerBatch,
}

public enum CertificateStatus
{
    Issued,
    Revoked,
}

/// <summary>
/// 食用农产品合格证 (2020 trial): the producer's signed promise that a lot of produce is safe, travelling with the goods.
/// Packaged produce gets one certificate with one numbered copy per package (第 k/N 份) rather than N records: the
/// copies carry the same promise, the same verify code and go to whichever buyers, each of whom records its own receipt;
/// a per-batch (or per-vehicle) certificate has one copy. Revoked with a reason, never deleted.
/// </summary>
public class ProduceCertificate
{
    public const int MaxCopies = 500;
    public const int MaxText = 100;
    public const int CodeLength = 10;

    public static readonly IReadOnlyList<string> Units = ["千克", "吨", "头", "只", "羽", "枚", "箱", "件", "筐"];

    /// <summary>The four statements of the promise, each ticked by the producer (all required).</summary>
    public static readonly IReadOnlyList<string> Promises =
    [
        "不使用禁限用农药兽药",
        "不使用非法添加物",
        "遵守农药安全间隔期、兽药休药期规定",
        "销售的食用农产品符合农药兽药残留食品安全国家强制性标准",
    ];

    public Guid Id { get; set; }

    /// <summary>The random code of the verify address (/c/{code}) printed as a QR code.</summary>
    public string Code { get; set; } = "";

    public Guid BusinessId { get; set; }

    /// <summary>The producer's township, kept so that township staff see its certificates.</summary>
    public Guid TownshipId { get; set; }

    public string ProductName { get; set; } = "";
    public ProduceCategory Category { get; set; }
    public decimal Quantity { get; set; }
    public string Unit { get; set; } = "";
    public CertificateMode Mode { get; set; }

    /// <summary>Copies printed: the package count for <see cref="CertificateMode.PerPackage"/>, 1 for a batch.</summary>
    public int Copies { get; set; } = 1;

    public string ProducerName { get; set; } = "";
    public string Origin { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public DateOnly IssuedOn { get; set; }

    /// <summary>The producer ticked all four statements and signed (its name).</summary>
    public bool Promised { get; set; }
    public string SignedBy { get; set; } = "";

    public CertificateBasis Basis { get; set; }

    /// <summary>The test report's number, required for a self test or a commissioned test.</summary>
    public string ReportNumber { get; set; } = "";

    /// <summary>An optional trace lot: GTIN-14 and lot number (both or neither).</summary>
    public string Gtin { get; set; } = "";
    public string Lot { get; set; } = "";

    public CertificateStatus Status { get; private set; }
    public string RevokedReason { get; private set; } = "";
    public DateTime? RevokedAt { get; private set; }
    public string RevokedBy { get; private set; } = "";

    /// <summary>When and by whom it was issued (<see cref="Issue"/>).</summary>
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    private readonly List<CertificateReceipt> _receipts = [];

    /// <summary>The buyers' receipts, added by <see cref="Receive"/> only.</summary>
    public IReadOnlyList<CertificateReceipt> Receipts => _receipts;

    /// <summary>Whether a business of this kind may issue certificates: edible agricultural (and forest) producers.</summary>
    public static bool MayIssue(Business business) =>
        business.Category is BusinessCategory.AgriculturalProducer or BusinessCategory.ForestProducer && business.Status == BusinessStatus.Active;

    /// <summary>
    /// The producers expected to issue (plan task 13: 规模化农业企业、农民专业合作社、家庭农场): active agricultural producers of
    /// sub-type farm, cooperative or family farm. Slaughterhouses are left out: their meat travels with the quarantine and
    /// meat-quality certificates instead.
    /// </summary>
    public static readonly IReadOnlyList<string> ExpectedSubtypes = ["farm", "cooperative", "family-farm"];

    /// <summary>
    /// Checks the fields as entered (trimmed here); field name → problem. Empty when the certificate may be
    /// issued. The GTIN, if any, is checked and normalised by the caller.
    /// </summary>
    public Dictionary<string, Problem> Validate(DateOnly today, bool promisesAllTicked)
    {
        ProductName = ProductName.Trim();
        Unit = Unit.Trim();
        ProducerName = ProducerName.Trim();
        Origin = Origin.Trim();
        ContactPhone = ContactPhone.Trim();
        SignedBy = SignedBy.Trim();
        ReportNumber = ReportNumber.Trim();
        Lot = Lot.Trim();
        var errors = new Dictionary<string, Problem>();
        void Required(string field, string value)
        {
            if (value.Length == 0)
            {
                errors[field] = new("Certificate.Required", new Problem.Term("Certificate." + field));
            }
            else if (value.Length > MaxText)
            {
                errors[field] = new("Certificate.TooLong", new Problem.Term("Certificate." + field), MaxText);
            }
        }
        Required(nameof(ProductName), ProductName);
        Required(nameof(ProducerName), ProducerName);
        Required(nameof(Origin), Origin);
        Required(nameof(ContactPhone), ContactPhone);
        Required(nameof(SignedBy), SignedBy);
        if (!Enum.IsDefined(Category))
        {
            errors[nameof(Category)] = new("Certificate.CategoryRequired");
        }
        if (Quantity <= 0 || Quantity > 1_000_000_000)
        {
            errors[nameof(Quantity)] = new("Certificate.QuantityInvalid");
        }
        if (!Units.Contains(Unit))
        {
            errors[nameof(Unit)] = new("Certificate.UnitRequired");
        }
        if (ContactPhone.Length > 0 && !ContactPhone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+'))
        {
            errors[nameof(ContactPhone)] = new("Certificate.PhoneInvalid");
        }
        if (!Enum.IsDefined(Mode))
        {
            errors[nameof(Mode)] = new("Certificate.ModeRequired");
        }
        else if (Mode == CertificateMode.PerPackage && Copies is < 1 or > MaxCopies)
        {
            errors[nameof(Copies)] = new("Certificate.CopiesRange", MaxCopies);
        }
        else if (Mode == CertificateMode.PerBatch)
        {
            Copies = 1;
        }
        if (IssuedOn == default)
        {
            errors[nameof(IssuedOn)] = new("Certificate.IssuedOnRequired");
        }
        else if (IssuedOn > today)
        {
            errors[nameof(IssuedOn)] = new("Certificate.IssuedOnFuture");
        }
        else if (IssuedOn < today.AddDays(-30))
        {
            errors[nameof(IssuedOn)] = new("Certificate.IssuedOnTooOld", 30);
        }
        if (!promisesAllTicked)
        {
            errors[nameof(Promised)] = new("Certificate.PromisesRequired");
        }
        if (!Enum.IsDefined(Basis))
        {
            errors[nameof(Basis)] = new("Certificate.BasisRequired");
        }
        else if (Basis is CertificateBasis.SelfTest or CertificateBasis.CommissionedTest && ReportNumber.Length == 0)
        {
            errors[nameof(ReportNumber)] = new("Certificate.ReportNumberRequired");
        }
        else if (ReportNumber.Length > MaxText)
        {
            errors[nameof(ReportNumber)] = new("Certificate.TooLong", new Problem.Term("Certificate." + nameof(ReportNumber)), MaxText);
        }
        if ((Gtin.Length == 0) != (Lot.Length == 0))
        {
            errors[Gtin.Length == 0 ? nameof(Gtin) : nameof(Lot)] = new("Certificate.LotNeedsBoth");
        }
        else if (Lot.Length > 20)
        {
            errors[nameof(Lot)] = new("Certificate.LotTooLong", 20);
        }
        Promised = promisesAllTicked;
        return errors;
    }

    public const int ReasonMax = 500;

    /// <summary>
    /// Stamps a checked certificate as issued by <paramref name="by"/> at <paramref name="at"/>, with a new verify code unless
    /// it has one; <see cref="IssueAsync"/> then stores it. Refused for a certificate issued already.
    /// </summary>
    public Problem? Issue(string by, DateTime at)
    {
        if (CreatedBy.Length > 0)
        {
            return new("Certificate.AlreadyIssued");
        }
        if (Code.Length == 0)
        {
            Code = NewCode();
        }
        (CreatedBy, CreatedAt) = (by, at);
        return null;
    }

    /// <summary>Revokes the certificate (e.g. a failed test after issue): the verify page then says so.</summary>
    public Problem? Revoke(string? reason, string by, DateTime at)
    {
        var why = reason?.Trim() ?? "";
        if (Status == CertificateStatus.Revoked)
        {
            return new("Certificate.AlreadyRevoked");
        }
        if (why.Length == 0)
        {
            return new("Certificate.ReasonRequired");
        }
        if (why.Length > ReasonMax)
        {
            return new("Certificate.ReasonTooLong", ReasonMax);
        }
        Status = CertificateStatus.Revoked;
        RevokedReason = why;
        RevokedAt = at;
        RevokedBy = by;
        return null;
    }

    /// <summary>Records that a buyer received the goods; refuses a revoked certificate, the producer itself and a second receipt.</summary>
    public Problem? Receive(Guid buyerBusinessId, string buyerName, decimal quantity, DateOnly on, DateOnly today, string by, DateTime at)
    {
        if (Status == CertificateStatus.Revoked)
        {
            return new("Certificate.RevokedNoReceipt");
        }
        if (buyerBusinessId == BusinessId)
        {
            return new("Certificate.OwnReceipt");
        }
        if (_receipts.Any(r => r.BuyerBusinessId == buyerBusinessId))
        {
            return new("Certificate.AlreadyReceived");
        }
        if (quantity <= 0 || quantity > Quantity)
        {
            return new("Certificate.ReceiptQuantity", Quantity.ToString("0.###", CultureInfo.InvariantCulture), Unit);
        }
        if (on > today || on < IssuedOn)
        {
            return new("Certificate.ReceiptDate");
        }
        _receipts.Add(new CertificateReceipt
        {
            CertificateId = Id, BuyerBusinessId = buyerBusinessId, BuyerName = buyerName, Quantity = quantity, ReceivedOn = on, RecordedAt = at, RecordedBy = by,
        });
        return null;
    }

    public static string NewCode() =>
        string.Create(CodeLength, 0, (chars, _) =>
        {
            const string alphabet = "23456789abcdefghijkmnpqrstuvwxyz";
            Span<byte> bytes = stackalloc byte[CodeLength];
            RandomNumberGenerator.Fill(bytes);
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[bytes[i] % alphabet.Length];
            }
        });

    public const string LedgerKind = "produce-certificate";

    /// <summary>The certificate's transparency-log entry: SHA-256 of <see cref="ToLedgerJson"/>, referenced by its id.</summary>
    public (string Kind, string Reference, byte[] Data) LedgerEntry() =>
        (LedgerKind, Id.ToString(), SHA256.HashData(Encoding.UTF8.GetBytes(ToLedgerJson())));

    /// <summary>Stores newly issued certificates and appends them to the transparency log, in one transaction.</summary>
    public static async Task IssueAsync(Shian.Data.ShianDb db, IReadOnlyList<ProduceCertificate> certificates, DateTime at, CancellationToken ct = default)
    {
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.ProduceCertificates.AddRange(certificates);
        await db.SaveChangesAsync(ct);
        await Shian.Ledger.TransparencyLog.AppendAsync(db, certificates.Select(c => c.LedgerEntry()).ToList(), at, ct);
        if (owned is not null)
        {
            await owned.CommitAsync(ct);
            await owned.DisposeAsync();
        }
    }

    /// <summary>
    /// The issued fields as canonical JSON for the transparency log: fixed property order, no whitespace, invariant numbers,
    /// ISO dates; the same certificate always gives the same bytes. Status and receipts are not part of it.
    /// </summary>
    public string ToLedgerJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "produce-certificate");
            w.WriteString("code", Code);
            w.WriteString("businessId", BusinessId.ToString("D"));
            w.WriteString("productName", ProductName);
            w.WriteString("category", Category.ToString());
            w.WriteString("quantity", Quantity.ToString("0.###", CultureInfo.InvariantCulture));
            w.WriteString("unit", Unit);
            w.WriteString("mode", Mode.ToString());
            w.WriteNumber("copies", Copies);
            w.WriteString("producerName", ProducerName);
            w.WriteString("origin", Origin);
            w.WriteString("contactPhone", ContactPhone);
            w.WriteString("issuedOn", IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteStartArray("promises");
            foreach (var p in Promised ? Promises : [])
            {
                w.WriteStringValue(p);
            }
            w.WriteEndArray();
            w.WriteString("signedBy", SignedBy);
            w.WriteString("basis", Basis.ToString());
            w.WriteString("reportNumber", ReportNumber);
            w.WriteString("gtin", Gtin);
            w.WriteString("lot", Lot);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>A buyer's record that goods arrived with the certificate (凭证销售): one per buyer per certificate.</summary>
public class CertificateReceipt
{
    public Guid Id { get; set; }
    public Guid CertificateId { get; set; }
    public Guid BuyerBusinessId { get; set; }
    public string BuyerName { get; set; } = "";
    public decimal Quantity { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

internal sealed class ProduceCertificateConfiguration : IEntityTypeConfiguration<ProduceCertificate>
{
    public void Configure(EntityTypeBuilder<ProduceCertificate> e)
    {
        e.Property(c => c.Code).HasMaxLength(ProduceCertificate.CodeLength);
        e.HasIndex(c => c.Code).IsUnique();
        foreach (var p in new[] { nameof(ProduceCertificate.ProductName), nameof(ProduceCertificate.ProducerName), nameof(ProduceCertificate.Origin),
                     nameof(ProduceCertificate.SignedBy), nameof(ProduceCertificate.ReportNumber), nameof(ProduceCertificate.CreatedBy), nameof(ProduceCertificate.RevokedBy) })
        {
            e.Property(p).HasMaxLength(ProduceCertificate.MaxText);
        }
        e.Property(c => c.Unit).HasMaxLength(10);
        e.Property(c => c.ContactPhone).HasMaxLength(40);
        e.Property(c => c.Gtin).HasMaxLength(14);
        e.Property(c => c.Lot).HasMaxLength(20);
        e.Property(c => c.RevokedReason).HasMaxLength(500);
        e.Property(c => c.Quantity).HasPrecision(18, 3);
        e.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.TownshipId, c.IssuedOn });
        e.HasIndex(c => new { c.BusinessId, c.IssuedOn });
        e.HasIndex(c => new { c.Gtin, c.Lot });
        e.HasMany(c => c.Receipts).WithOne().HasForeignKey(r => r.CertificateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificateReceiptConfiguration : IEntityTypeConfiguration<CertificateReceipt>
{
    public void Configure(EntityTypeBuilder<CertificateReceipt> e)
    {
        e.Property(r => r.BuyerName).HasMaxLength(200);
        e.Property(r => r.RecordedBy).HasMaxLength(100);
        e.Property(r => r.Quantity).HasPrecision(18, 3);
        e.HasIndex(r => new { r.CertificateId, r.BuyerBusinessId }).IsUnique();
        e.HasIndex(r => r.BuyerBusinessId);
        e.HasOne<Business>().WithMany().HasForeignKey(r => r.BuyerBusinessId).OnDelete(DeleteBehavior.Restrict);
    }
}
