using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 填写抽样单: a sampler fills the form on site, on a phone. The business is picked from the registry by name or credit
/// code and its particulars copied; "提交" numbers the form (or takes the pre-printed number) and starts the 5-working-day
/// limit to the lab; "保存草稿" keeps it to finish later. A refused form stores nothing and names each bad field.
/// </summary>
[Authorize(Policy = Policies.SamplesTake)]
public class SamplesNewModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Option(Guid Id, string Name);

    /// <summary>An active food category as the picker lists it: in tree order, indented by level, searchable by its full path.</summary>
    public sealed record CategoryOption(string Code, string Name, int Level, string Path);

    public sealed class InputModel
    {
        public string? Number { get; set; }
        public string? TaskSource { get; set; }
        public SamplingKind Kind { get; set; }
        public SamplingEnvironment Environment { get; set; } = SamplingEnvironment.Distribution;
        public string? Business { get; set; }
        public string? FoodCategoryCode { get; set; }
        public string? SampleName { get; set; }
        public string? Brand { get; set; }
        public string? Specification { get; set; }
        public string? BatchNumber { get; set; }
        public string? Gtin { get; set; }
        public string? ProductionDate { get; set; }
        public string? ShelfLife { get; set; }
        public string? Standard { get; set; }
        public string? ScNumber { get; set; }
        public string? Price { get; set; }
        public bool Imported { get; set; }
        public string? Origin { get; set; }
        public string? Packaging { get; set; }
        public string? StorageCondition { get; set; }
        public string? BatchSize { get; set; }
        public string? QuantityTaken { get; set; }
        public string? BackupQuantity { get; set; }
        public string? QuantityUnit { get; set; }
        public string? ProducerName { get; set; }
        public string? ProducerAddress { get; set; }
        public string? SampledOn { get; set; }
        public Guid? SamplingUnitId { get; set; }
        public Guid? LaboratoryId { get; set; }
        public string? Sampler1 { get; set; }
        public string? Sampler2 { get; set; }
        public bool OperatorConfirmed { get; set; }
        public string? SignerName { get; set; }

        /// <summary>The signature drawn on the phone, as a PNG data URL (optional; the checkbox and name suffice).</summary>
        public string? SignatureImage { get; set; }
    }

    private const string PngDataUrl = "data:image/png;base64,";
    private const int MaxSignatureBytes = 512 * 1024;

    [BindProperty] public InputModel Input { get; set; } = new();

    public IReadOnlyList<Option> Laboratories { get; private set; } = [];
    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadOptionsAsync();
        Input.SampledOn = ShianTime.LocalDate(ShianTime.UtcNow(clock)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Input.SamplingUnitId = await user.WorkingUnitAsync();
        Input.Sampler1 = User.FindFirst(ShianClaims.DisplayName)?.Value;
        Input.QuantityUnit = "件";
        if (Laboratories.Count == 1)
        {
            Input.LaboratoryId = Laboratories[0].Id;
        }
    }

    public sealed record BusinessOption(string Name, string CreditCode, string Address);

    /// <summary>Up to 10 businesses the user may see whose name contains, or whose credit code starts with, the text typed.</summary>
    public async Task<IActionResult> OnGetBusinessesAsync(string? q)
    {
        var text = Clean(q);
        if (text.Length < 2)
        {
            return new JsonResult(Array.Empty<BusinessOption>());
        }
        var code = text.ToUpperInvariant();
        var scope = await user.ScopeAsync();
        var found = await db.Businesses.AsNoTracking().VisibleTo(scope)
            .Where(b => b.Name.Contains(text) || b.CreditCode.StartsWith(code))
            .OrderBy(b => b.Name).Take(10)
            .Select(b => new BusinessOption(b.Name, b.CreditCode, b.Address)).ToListAsync();
        return new JsonResult(found);
    }

    public Task<IActionResult> OnPostAsync() => SaveAsync(submit: true);

    public Task<IActionResult> OnPostDraftAsync() => SaveAsync(submit: false);

    private async Task<IActionResult> SaveAsync(bool submit)
    {
        await LoadOptionsAsync();
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        var i = Input;
        var sample = new Sample
        {
            Number = Clean(i.Number).ToUpperInvariant() is { Length: > 0 } n ? n : null,
            TaskSource = Clean(i.TaskSource), Kind = i.Kind, Environment = i.Environment, FoodCategoryCode = Clean(i.FoodCategoryCode),
            SampleName = Clean(i.SampleName), Brand = Clean(i.Brand), Specification = Clean(i.Specification), BatchNumber = Clean(i.BatchNumber), Gtin = Clean(i.Gtin),
            ShelfLife = Clean(i.ShelfLife), Standard = Clean(i.Standard), ScNumber = Clean(i.ScNumber), Imported = i.Imported, Origin = Clean(i.Origin),
            Packaging = Clean(i.Packaging), StorageCondition = Clean(i.StorageCondition), QuantityUnit = Clean(i.QuantityUnit),
            ProducerName = Clean(i.ProducerName), ProducerAddress = Clean(i.ProducerAddress), Sampler1 = Clean(i.Sampler1), Sampler2 = Clean(i.Sampler2),
            OperatorConfirmed = i.OperatorConfirmed, SignerName = Clean(i.SignerName), SignedAt = i.OperatorConfirmed ? now : null,
            CreatedAt = now, CreatedBy = user.Name, Id = Guid.CreateVersion7(),
        };
        var errors = new Dictionary<string, Problem>();
        sample.ProductionDate = ParseDate(i.ProductionDate, nameof(InputModel.ProductionDate), errors);
        sample.SampledOn = ParseDate(i.SampledOn, nameof(InputModel.SampledOn), errors) ?? default;
        sample.Price = ParseNumber(i.Price, nameof(InputModel.Price), errors);
        sample.BatchSize = ParseNumber(i.BatchSize, nameof(InputModel.BatchSize), errors);
        sample.QuantityTaken = ParseNumber(i.QuantityTaken, nameof(InputModel.QuantityTaken), errors) ?? 0;
        sample.BackupQuantity = ParseNumber(i.BackupQuantity, nameof(InputModel.BackupQuantity), errors) ?? 0;

        // The business: one the user may see, found by its credit code or its name; its particulars as of today.
        var scope = await user.ScopeAsync();
        var business = await FindBusinessAsync(scope, Clean(i.Business), errors);
        if (business is not null)
        {
            sample.BusinessId = business.Id;
            sample.TownshipId = business.TownshipId;
            sample.BusinessName = business.Name;
            sample.BusinessAddress = business.Address;
            sample.CreditCode = business.CreditCode;
            sample.ContactName = business.ContactName;
            sample.ContactPhone = business.ContactPhone;
            sample.LicenceNumber = await db.Licences.AsNoTracking()
                .Where(l => l.BusinessId == business.Id && l.Status == LicenceStatus.Valid)
                .OrderByDescending(l => l.IssuedOn).Select(l => l.Number).FirstOrDefaultAsync() ?? "";
        }
        if (i.LaboratoryId is { } lab && Laboratories.Any(l => l.Id == lab))
        {
            sample.LaboratoryId = lab;
        }
        else
        {
            errors[nameof(InputModel.LaboratoryId)] = new Problem("SampleForm.LaboratoryRequired");
        }
        if (i.SamplingUnitId is { } unit && Units.Any(u => u.Id == unit))
        {
            sample.SamplingUnitId = unit;
        }
        else
        {
            errors[nameof(InputModel.SamplingUnitId)] = new Problem("SampleForm.SamplingUnitRequired");
        }
        if (sample.FoodCategoryCode.Length > 0 && !Categories.Any(c => c.Code == sample.FoodCategoryCode))
        {
            errors[nameof(InputModel.FoodCategoryCode)] = new Problem("SampleForm.CategoryUnknown", sample.FoodCategoryCode);
        }
        var signature = ReadSignature(Clean(i.SignatureImage), sample.Id, now, errors);
        foreach (var (field, message) in sample.Validate(today))
        {
            var key = field is nameof(Sample.BusinessName) or nameof(Sample.BusinessAddress) ? nameof(InputModel.Business) : field;
            errors.TryAdd(key, message);
        }
        if (sample.Number is { } wanted && !errors.ContainsKey(nameof(Sample.Number)) && await db.Samples.AnyAsync(s => s.Number == wanted))
        {
            errors[nameof(Sample.Number)] = new Problem("SampleForm.NumberTaken", wanted);
        }
        if (errors.Count == 0 && submit)
        {
            var number = sample.Number ?? Sample.NextNumber(today.Year,
                await db.Samples.Where(s => s.Number != null && s.Number.StartsWith($"{Sample.NumberPrefix}-{today.Year:D4}-")).Select(s => s.Number).ToListAsync());
            if (sample.Submit(number, await db.LoadCalendarAsync(), now) is { } error)
            {
                errors[nameof(Sample.Number)] = error;
            }
        }
        ModelState.AddProblems(errors, l, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Samples.Add(sample);
        if (signature is not null)
        {
            db.StoredFiles.Add(signature);
        }
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException) when (sample.Number is not null)
        {
            // Two samplers submitting at the same moment: the unique index keeps the numbers apart.
            ModelState.AddProblem($"{nameof(Input)}.{nameof(Sample.Number)}", new Problem("SampleForm.NumberTakenRetry", sample.Number), l);
            return Page();
        }
        return Redirect($"{SamplingRoutes.Sample(sample.Id)}?done={(submit ? "submitted" : "draft")}");
    }

    private StoredFile? ReadSignature(string dataUrl, Guid sampleId, DateTime now, Dictionary<string, Problem> errors)
    {
        if (dataUrl.Length == 0)
        {
            return null;
        }
        byte[]? bytes = null;
        if (dataUrl.StartsWith(PngDataUrl, StringComparison.Ordinal) && dataUrl.Length <= PngDataUrl.Length + MaxSignatureBytes * 4 / 3 + 4)
        {
            try
            {
                bytes = Convert.FromBase64String(dataUrl[PngDataUrl.Length..]);
            }
            catch (FormatException)
            {
            }
        }
        var (file, _) = bytes is null ? (null, null) : StoredFile.Photo("签名.png", bytes, FileOwners.SampleSignature, sampleId, user.Name, now);
        if (file is null || file.ContentType != "image/png")
        {
            errors[nameof(InputModel.SignatureImage)] = new Problem("SampleForm.SignatureUnreadable");
            return null;
        }
        return file;
    }

    private async Task<Business?> FindBusinessAsync(AccessScope scope, string text, Dictionary<string, Problem> errors)
    {
        if (text.Length == 0)
        {
            errors[nameof(InputModel.Business)] = new Problem("SampleForm.BusinessRequired");
            return null;
        }
        var visible = db.Businesses.AsNoTracking().VisibleTo(scope);
        var code = text.ToUpperInvariant();
        var matches = await visible.Where(b => b.CreditCode == code || b.Name == text).Take(2).ToListAsync();
        if (matches.Count == 0)
        {
            matches = await visible.Where(b => b.Name.Contains(text)).Take(2).ToListAsync();
        }
        if (matches.Count == 1)
        {
            return matches[0];
        }
        errors[nameof(InputModel.Business)] = matches.Count == 0
            ? new Problem("SampleForm.BusinessNotFound", text)
            : new Problem("SampleForm.BusinessAmbiguous", text);
        return null;
    }

    private async Task LoadOptionsAsync()
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Active).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync();
        Laboratories = units.Where(u => u.Kind == UnitKind.Laboratory).Select(u => new Option(u.Id, u.Name)).ToList();
        Units = units.Where(u => u.Kind is not (UnitKind.Townships or UnitKind.Group)).Select(u => new Option(u.Id, u.Name)).ToList();
        // Codes extend their parent's by two digits, so ordering by code lists the tree depth first (01, 0101, 0102, 02 …).
        var paths = await FoodCategoryPaths.AllAsync(db);
        var active = await db.FoodCategories.AsNoTracking().Where(c => c.Active).OrderBy(c => c.Code).Select(c => new { c.Code, c.Name, c.Level }).ToListAsync();
        var activeCodes = active.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        // A category under a switched-off parent is not offered either.
        Categories = active.Where(c => Enumerable.Range(1, c.Level - 1).All(n => activeCodes.Contains(c.Code[..(n * 2)])))
            .Select(c => new CategoryOption(c.Code, c.Name, c.Level, paths.GetValueOrDefault(c.Code, c.Name))).ToList();
    }

    private static string Clean(string? value) => (value ?? "").Trim();

    private static DateOnly? ParseDate(string? value, string field, Dictionary<string, Problem> errors)
    {
        value = Clean(value);
        if (value.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[field] = new Problem("SampleForm.InvalidDate", new Problem.Term("SampleField." + field), value);
        return null;
    }

    private static decimal? ParseNumber(string? value, string field, Dictionary<string, Problem> errors)
    {
        value = Clean(value);
        if (value.Length == 0)
        {
            return null;
        }
        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < 1_000_000_000)
        {
            return number;
        }
        errors[field] = new Problem("SampleForm.InvalidNumber", new Problem.Term("SampleField." + field), value);
        return null;
    }
}
