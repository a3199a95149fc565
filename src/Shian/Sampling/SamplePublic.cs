using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Data;

namespace Shian.Sampling;

/// <summary>The public face of a sample form: the unguessable token its printed QR code carries.</summary>
public partial class Sample
{
    public const int PublicTokenLength = 22;

    /// <summary>
    /// The verification token of the printed form (<c>/public/sampling/forms/{token}</c>): 128 random bits, base64url. Given
    /// on submit or, for a form submitted before tokens existed, by <c>shian sampling public-tokens</c>
    /// (<see cref="SamplePublicTokens.GiveMissingAsync"/>); never changed. Printing only reads it.
    /// </summary>
    public string? PublicToken { get; set; }

    /// <summary>Gives the form its verification token if it has none; true when one was given (the caller saves).</summary>
    public bool EnsurePublicToken()
    {
        if (PublicToken is not null)
        {
            return false;
        }
        PublicToken = NewPublicToken();
        return true;
    }

    public static string NewPublicToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The backfill of verification tokens for forms submitted before tokens existed.</summary>
public static class SamplePublicTokens
{
    /// <summary>Gives every submitted form without a token its own, in saves of 500; the number given (0 the second time).</summary>
    public static async Task<int> GiveMissingAsync(ShianDb db, CancellationToken ct = default)
    {
        var given = 0;
        while (true)
        {
            var missing = await db.Samples.Where(s => s.Number != null && s.PublicToken == null).OrderBy(s => s.Id).Take(500).ToListAsync(ct);
            if (missing.Count == 0)
            {
                return given;
            }
            given += missing.Count(s => s.EnsurePublicToken());
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}

internal sealed class SamplePublicConfiguration : IEntityTypeConfiguration<Sample>
{
    public void Configure(EntityTypeBuilder<Sample> e)
    {
        e.Property(s => s.PublicToken).HasMaxLength(Sample.PublicTokenLength);
        e.HasIndex(s => s.PublicToken).IsUnique();
    }
}

/// <summary>The full path of a food category, as the forms and the public pages show it: 食用农产品 › 蔬菜.</summary>
public static class FoodCategoryPaths
{
    public const string Separator = " › ";

    /// <summary>Code → full path of every category (active or not: an old form keeps its category's name).</summary>
    public static async Task<Dictionary<string, string>> AllAsync(ShianDb db, CancellationToken ct = default)
    {
        var all = await db.FoodCategories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name, c.ParentId }).ToListAsync(ct);
        var byId = all.ToDictionary(c => c.Id);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in all)
        {
            var names = new List<string>();
            for (var at = c; at is not null && names.Count <= FoodCategory.Levels; at = at.ParentId is { } p && byId.TryGetValue(p, out var up) ? up : null)
            {
                names.Insert(0, at.Name);
            }
            paths[c.Code] = string.Join(Separator, names);
        }
        return paths;
    }

    /// <summary>The path of one code; the code itself when it names no category (a form filled before the tree was linked).</summary>
    public static async Task<string> OfAsync(ShianDb db, string code, CancellationToken ct = default)
    {
        if (code.Length == 0)
        {
            return "";
        }
        var names = new List<string>();
        // Codes extend their parent's by two digits: 32 → 3202 → 320201.
        var prefixes = Enumerable.Range(1, code.Length / 2).Select(n => code[..(n * 2)]).ToList();
        var found = await db.FoodCategories.AsNoTracking().Where(c => prefixes.Contains(c.Code)).OrderBy(c => c.Level).Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        return found.Any(c => c.Code == code) ? string.Join(Separator, found.Select(c => c.Name)) : code;
    }
}
