using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Common;
using Shian.Registry;

namespace Shian.Traceability;

/// <summary>
/// A product in the trace master (商品主数据): its GTIN-14 (unique), what consumers read on the trace page, and the
/// business that owns the brand or produces it. Operators register their own (a pending <see cref="TraceClaim"/> until the
/// office confirms it); staff see their township's.
/// </summary>
public class TraceProduct : TraceClaim
{
    public const int MaxText = 100;

    public Guid Id { get; set; }
    public string Gtin { get; set; } = "";
    public string Name { get; set; } = "";
    public string Specification { get; set; } = "";
    public string Brand { get; set; } = "";
    public Guid BusinessId { get; set; }

    /// <summary>The producer's township, kept so that township staff see its products.</summary>
    public Guid TownshipId { get; set; }

    /// <summary>A code of the food-category tree (optional).</summary>
    public string FoodCategoryCode { get; set; } = "";

    /// <summary>产地.</summary>
    public string Origin { get; set; } = "";

    /// <summary>保质期 as printed (12个月, 7天).</summary>
    public string ShelfLife { get; set; } = "";

    /// <summary>When and by whom the product was entered; set once, when it is created.</summary>
    public DateTime CreatedAt { get; init; }

    public string CreatedBy { get; init; } = "";

    /// <summary>
    /// Checks and normalises the fields as entered (the GTIN to 14 digits); field name → problem. Empty when the product
    /// may be saved.
    /// </summary>
    public Dictionary<string, Problem> Validate()
    {
        var errors = new Dictionary<string, Problem>();
        Name = Name.Trim();
        Specification = Specification.Trim();
        Brand = Brand.Trim();
        Origin = Origin.Trim();
        ShelfLife = ShelfLife.Trim();
        FoodCategoryCode = FoodCategoryCode.Trim();
        var raw = Gtin.Trim();
        if (raw.Length == 0)
        {
            errors[nameof(Gtin)] = new("TraceProduct.GtinRequired");
        }
        else if (Traceability.Gtin.Normalize(raw) is { } gtin14)
        {
            Gtin = gtin14;
        }
        else
        {
            errors[nameof(Gtin)] = raw.All(char.IsAsciiDigit) && raw.Length is 8 or 12 or 13 or 14
                ? new Problem("TraceProduct.GtinCheckDigit")
                : new Problem("TraceProduct.GtinDigits");
        }
        void Text(string field, string value, bool required)
        {
            if (required && value.Length == 0)
            {
                errors[field] = new("TraceProduct.Required", new Problem.Term("TraceProduct." + field));
            }
            else if (value.Length > MaxText)
            {
                errors[field] = new("TraceProduct.TooLong", new Problem.Term("TraceProduct." + field), MaxText);
            }
        }
        Text(nameof(Name), Name, true);
        Text(nameof(Specification), Specification, true);
        Text(nameof(Brand), Brand, false);
        Text(nameof(Origin), Origin, true);
        Text(nameof(ShelfLife), ShelfLife, false);
        if (FoodCategoryCode.Length > 20)
        {
            errors[nameof(FoodCategoryCode)] = new("TraceProduct.TooLong", new Problem.Term("TraceProduct." + nameof(FoodCategoryCode)), 20);
        }
        return errors;
    }
}

/// <summary>
/// A short code for a trace lot (<c>/t/{code}</c>): 8 characters from an alphabet without look-alikes, random, unique, so
/// that a small QR code or a code typed from a label opens the lot's page. One code per lot, reused by every label.
/// </summary>
public class TraceCode
{
    public const int Length = 8;

    /// <summary>Digits and lower-case letters without 0/o, 1/l/i: read from a printed label if need be.</summary>
    public const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Gtin { get; set; } = "";
    public string Lot { get; set; } = "";
    public Guid BusinessId { get; set; }
    public DateTime CreatedAt { get; set; }

    public static string NewCode() =>
        string.Create(Length, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>Whether a string could be a code (length and alphabet), before asking the database.</summary>
    public static bool IsWellFormed(string? code) => code is { Length: Length } && code.All(Alphabet.Contains);

    /// <summary>The lot's code, made (and saved by the caller) when it has none yet.</summary>
    public static async Task<TraceCode> ForLotAsync(Data.ShianDb db, string gtin14, string lot, Guid businessId, DateTime now, CancellationToken ct = default)
    {
        if (await db.TraceCodes.FirstOrDefaultAsync(c => c.Gtin == gtin14 && c.Lot == lot, ct) is { } existing)
        {
            return existing;
        }
        string code;
        do
        {
            code = NewCode();
        }
        while (await db.TraceCodes.AnyAsync(c => c.Code == code, ct));
        var made = new TraceCode { Code = code, Gtin = gtin14, Lot = lot, BusinessId = businessId, CreatedAt = now };
        db.TraceCodes.Add(made);
        return made;
    }
}

internal sealed class TraceProductConfiguration : IEntityTypeConfiguration<TraceProduct>
{
    public void Configure(EntityTypeBuilder<TraceProduct> e)
    {
        e.Property(p => p.Gtin).HasMaxLength(14);
        // Several businesses may claim a GTIN; the office confirms at most one.
        e.HasIndex(p => p.Gtin).IsUnique().HasFilter("\"Status\" = 'Confirmed'").HasDatabaseName("IX_TraceProducts_Gtin_Confirmed");
        e.HasIndex(p => new { p.Gtin, p.Status });
        e.Property(p => p.ReviewedBy).HasMaxLength(TraceProduct.MaxText);
        e.Property(p => p.RejectionReason).HasMaxLength(TraceClaim.ReasonMax);
        e.HasIndex(p => new { p.BusinessId, p.Name });
        e.HasIndex(p => p.TownshipId);
        foreach (var name in new[] { nameof(TraceProduct.Name), nameof(TraceProduct.Specification), nameof(TraceProduct.Brand), nameof(TraceProduct.Origin),
                     nameof(TraceProduct.ShelfLife), nameof(TraceProduct.CreatedBy) })
        {
            e.Property(name).HasMaxLength(TraceProduct.MaxText);
        }
        e.Property(p => p.FoodCategoryCode).HasMaxLength(20);
        e.HasOne<Business>().WithMany().HasForeignKey(p => p.BusinessId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TraceCodeConfiguration : IEntityTypeConfiguration<TraceCode>
{
    public void Configure(EntityTypeBuilder<TraceCode> e)
    {
        e.Property(c => c.Code).HasMaxLength(TraceCode.Length);
        e.HasIndex(c => c.Code).IsUnique();
        e.Property(c => c.Gtin).HasMaxLength(14);
        e.Property(c => c.Lot).HasMaxLength(20);
        e.HasIndex(c => new { c.Gtin, c.Lot }).IsUnique();
        e.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Restrict);
    }
}
