using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Grain;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Grain;

/// <summary>
/// 进口食品核查: verifications of imported food at the importers and sellers of the registry (businesses tagged
/// <see cref="ImporterTag"/>, a tag the office sets on the business's edit page), the online verification of imported
/// health food, and the return or destruction of failed goods with the completion against the plan's 100%.
/// </summary>
[Authorize(Policy = Policies.Grain)]
public class ImportsModel(ShianDb db, CurrentUser user, TimeProvider clock, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string ImporterTag = "imported-food";

    public sealed class CheckInput
    {
        public Guid Business { get; set; }
        public string? Product { get; set; }
        public string? OriginCountry { get; set; }
        public string? DeclarationNumber { get; set; }
        public string? CertificateNumber { get; set; }
        public decimal? QuantityKg { get; set; }
        public DateOnly? Date { get; set; }
        public bool HealthFood { get; set; }
        public bool OnlineVerified { get; set; }
        public ImportResult? Result { get; set; }
    }

    public sealed class DisposalInput
    {
        public Guid Check { get; set; }
        public ImportDisposalMethod? Method { get; set; }
        public DateOnly? Date { get; set; }
        public decimal? QuantityKg { get; set; }
        public string? Witness { get; set; }
    }

    [BindProperty] public CheckInput Input { get; set; } = new();
    [BindProperty] public DisposalInput Disposal { get; set; } = new();
    [BindProperty] public IFormFile? Evidence { get; set; }

    public IReadOnlyList<Business> Importers { get; private set; } = [];
    public IReadOnlyList<ImportedFoodCheck> Checks { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();
    public int Failed { get; private set; }
    public int Disposed { get; private set; }
    public GrainRights Rights { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        string YesNo(bool b) => b ? l["Common.Yes"].Value : l["Common.No"].Value;
        return Export.Of(Checks)
            .Column("Imports.Date", c => c.Date.ToString("yyyy-MM-dd")).Column("Imports.Business", c => Names.GetValueOrDefault(c.BusinessId))
            .Column("Imports.Export.Product", c => c.Product).Column("Imports.Origin", c => c.OriginCountry).Column("Imports.Declaration", c => c.DeclarationNumber)
            .Column("Imports.Certificate", c => c.CertificateNumber).Column("Imports.QuantityKg", c => c.QuantityKg)
            .Column("Imports.HealthFood", c => YesNo(c.HealthFood)).Column("Imports.OnlineVerified", c => YesNo(c.OnlineVerified))
            .Column("Imports.Result", c => ImportedFoodCheck.ResultName(c.Result))
            .Column("Imports.DisposalMethod", c => c.DisposalMethod is { } m ? ImportedFoodCheck.MethodName(m) : null)
            .Column("Imports.Export.DisposalDate", c => c.DisposalDate?.ToString("yyyy-MM-dd")).Column("Imports.Export.DisposalQuantityKg", c => c.DisposalQuantityKg)
            .Column("Imports.Export.Witness", c => c.DisposalWitness)
            .Xlsx(l, "imported-food-checks.xlsx", l["Imports.Title"]);
    }

    public async Task<IActionResult> OnGetEvidenceAsync(Guid check)
    {
        var file = await db.StoredFiles.Where(f => f.OwnerKind == FileOwners.ImportDisposalEvidence && f.OwnerId == check).Select(f => (Guid?)f.Id).FirstOrDefaultAsync();
        return file is null ? NotFound() : (await FileRules.OpenAsync(HttpContext, file.Value, check, FileOwners.ImportDisposalEvidence)).ToActionResult();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var scope = await user.ScopeAsync();
        if (!(await GrainRights.ForAsync(User, user, authorization)).MayAdd) return Forbid();
        await LoadAsync();
        ModelState.Clear();
        var target = Importers.FirstOrDefault(b => b.Id == Input.Business);
        if (target is null)
        {
            ModelState.AddProblem("Input.Business", new Problem("Grain.ImporterNotListed"), l);
            return Page();
        }
        var (check, errors) = ImportedFoodCheck.Create(target.Id, target.TownshipId, Rights.NewRecordUnit,
            new ImportedFoodCheck.Input(Input.Product, Input.OriginCountry, Input.DeclarationNumber, Input.CertificateNumber, Input.QuantityKg, Input.Date,
                Input.HealthFood, Input.OnlineVerified, Input.Result), Today, user.Name, ShianTime.UtcNow(clock));
        foreach (var (field, problem) in errors) ModelState.AddProblem($"Input.{field}", problem, l);
        if (check is null) return Page();
        db.ImportedFoodChecks.Add(check);
        await db.SaveChangesAsync();
        return Redirect($"{GrainRoutes.Imports}?saved=1");
    }

    public async Task<IActionResult> OnPostDisposeAsync()
    {
        var scope = await user.ScopeAsync();
        var check = await db.ImportedFoodChecks.VisibleTo(scope).FirstOrDefaultAsync(c => c.Id == Disposal.Check);
        if (check is null) return NotFound();
        if (!(await GrainRights.ForAsync(User, user, authorization)).MayEdit(check.UnitId)) return Forbid(); // a department: its own unit's checks, not the office's
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        ModelState.Clear();
        StoredFile? evidence = null;
        string? fileError = null;
        if (Evidence is { Length: > 0 } upload)
        {
            if (upload.Length > StoredFile.MaxBytes)
            {
                fileError = l["Grain.EvidenceRefused", l.Word(StoredFile.TooLarge(Path.GetFileName(upload.FileName)))];
            }
            else
            {
                using var buffer = new MemoryStream();
                await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
                (evidence, var error) = StoredFile.From(upload.FileName, buffer.ToArray(), FileOwners.ImportDisposalEvidence, check.Id, user.Name, now);
                if (error is not null) fileError = l["Grain.EvidenceRefused", l.Word(error)];
            }
        }
        var errors = check.Dispose(Disposal.Method, Disposal.Date, Disposal.QuantityKg, Disposal.Witness, evidence is not null || fileError is not null, today, user.Name);
        foreach (var (field, problem) in errors) ModelState.AddProblem(field.Length == 0 ? "" : $"Disposal.{field}", problem, l);
        if (fileError is not null) ModelState.AddModelError("Disposal.Evidence", fileError);
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear(); // nothing of a refused disposal is stored
            await LoadAsync();
            return Page();
        }
        db.StoredFiles.Add(evidence!);
        await db.SaveChangesAsync();
        return Redirect($"{GrainRoutes.Imports}?saved=1");
    }

    private async Task LoadAsync()
    {
        var scope = await user.ScopeAsync();
        Rights = await GrainRights.ForAsync(User, user, authorization);
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var tag = $"|{ImporterTag}|";
        Importers = await db.Businesses.AsNoTracking().VisibleTo(scope).Where(b => b.Tags.Contains(tag) && b.Status != BusinessStatus.Closed)
            .OrderBy(b => b.Name).ToListAsync();
        var yearStart = new DateOnly(Today.Year, 1, 1);
        Checks = await db.ImportedFoodChecks.AsNoTracking().VisibleTo(scope).Where(c => c.Date >= yearStart).OrderByDescending(c => c.Date).Take(500).ToListAsync();
        (Disposed, Failed) = await GrainMetrics.FailedImportsAsync(db, scope, Today);
        var ids = Checks.Select(c => c.BusinessId).Distinct().ToList(); // at most the 500 checks shown
        Names = await db.Businesses.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name);
    }
}
