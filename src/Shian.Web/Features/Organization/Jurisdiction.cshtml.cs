using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Data;
using Shian.Organization;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Organization;

/// <summary>辖区设置: the jurisdiction's codes and names, and its resident population by year.</summary>
[Authorize(Policy = Policies.Admin)]
public class JurisdictionModel(ShianDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [RegularExpression(@"^\d{6}$", ErrorMessage = "Jurisdiction.RegionCodeInvalid")]
        [Display(Name = "Jurisdiction.RegionCode")]
        public string RegionCode { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Jurisdiction.Name")]
        public string Name { get; set; } = "";

        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Jurisdiction.NameEn")]
        public string? NameEn { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Jurisdiction.Parent")]
        public string? Parent { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Jurisdiction.PlatformName")]
        public string PlatformName { get; set; } = "";

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Jurisdiction.PlatformNameEn")]
        public string? PlatformNameEn { get; set; }
    }

    public sealed class PopulationInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Range(1949, 2100, ErrorMessage = "Validation.Range")]
        [Display(Name = "Jurisdiction.Year")]
        public int? Year { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Range(1, 100_000_000, ErrorMessage = "Validation.Range")]
        [Display(Name = "Home.Population")]
        public int? Population { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Jurisdiction.Source")]
        public string? Source { get; set; }
    }

    public sealed record PopulationRow(Guid Id, int Year, int Population, string Source);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public PopulationInput Population { get; set; } = new();

    public IReadOnlyList<PopulationRow> Populations { get; private set; } = [];

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var jurisdiction = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync();
        if (jurisdiction is not null)
        {
            Input = new InputModel
            {
                RegionCode = jurisdiction.RegionCode, Name = jurisdiction.Name, NameEn = jurisdiction.NameEn,
                Parent = jurisdiction.Parent, PlatformName = jurisdiction.PlatformName, PlatformNameEn = jurisdiction.PlatformNameEn,
            };
        }
        await LoadPopulationsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!ModelState.IsValidFor(nameof(Input)))
        {
            await LoadPopulationsAsync();
            return Page();
        }
        var jurisdiction = await db.Jurisdictions.FirstOrDefaultAsync();
        if (jurisdiction is null)
        {
            jurisdiction = new Jurisdiction();
            db.Jurisdictions.Add(jurisdiction);
        }
        jurisdiction.RegionCode = Input.RegionCode.Trim();
        jurisdiction.Name = Input.Name.Trim();
        jurisdiction.NameEn = Input.NameEn?.Trim() ?? "";
        jurisdiction.Parent = Input.Parent?.Trim() ?? "";
        jurisdiction.PlatformName = Input.PlatformName.Trim();
        jurisdiction.PlatformNameEn = Input.PlatformNameEn?.Trim() ?? "";
        await db.SaveChangesAsync();
        Saved = "Common.Saved";
        await LoadPopulationsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSetPopulationAsync()
    {
        var valid = ModelState.IsValidFor(nameof(Population));
        var jurisdiction = await db.Jurisdictions.Include(j => j.Populations).FirstOrDefaultAsync();
        if (!valid || jurisdiction is null)
        {
            if (jurisdiction is null)
            {
                ModelState.AddModelError(string.Empty, l["Home.NoJurisdiction"]);
            }
            var population = Population;
            await OnGetAsync();
            Population = population;
            return Page();
        }
        var row = jurisdiction.Populations.FirstOrDefault(p => p.Year == Population.Year);
        if (row is null)
        {
            row = new JurisdictionPopulation { JurisdictionId = jurisdiction.Id, Year = Population.Year!.Value };
            db.JurisdictionPopulations.Add(row);
        }
        row.Population = Population.Population!.Value;
        row.Source = Population.Source?.Trim() ?? "";
        await db.SaveChangesAsync();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeletePopulationAsync(Guid populationId)
    {
        // Deleted through the change tracker, never ExecuteDelete: the audit trail must see it.
        db.JurisdictionPopulations.RemoveRange(await db.JurisdictionPopulations.Where(p => p.Id == populationId).ToListAsync());
        await db.SaveChangesAsync();
        return RedirectToPage();
    }

    private async Task LoadPopulationsAsync() => Populations = await db.JurisdictionPopulations.AsNoTracking()
        .OrderBy(p => p.Year)
        .Select(p => new PopulationRow(p.Id, p.Year, p.Population, p.Source))
        .ToListAsync();
}
