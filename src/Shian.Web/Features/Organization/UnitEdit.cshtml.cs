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

/// <summary>Adds or edits a member unit. Units are deactivated, never deleted: accounts and tasks refer to them.</summary>
[Authorize(Policy = Policies.Admin)]
public class UnitEditModel(ShianDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Unit.Name")]
        public string Name { get; set; } = "";

        [Display(Name = "Unit.Kind")]
        public UnitKind Kind { get; set; } = UnitKind.Department;

        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Unit.Aliases")]
        public string? Aliases { get; set; }

        public bool Active { get; set; } = true;
    }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null)
        {
            return Page();
        }
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == Id);
        if (unit is null)
        {
            return NotFound();
        }
        Input = new InputModel { Name = unit.Name, Kind = unit.Kind, Aliases = unit.Aliases, Active = unit.Active };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = Input.Name?.Trim() ?? "";
        if (ModelState.IsValid && await db.Units.AnyAsync(u => u.Name == name && u.Id != Id))
        {
            ModelState.AddModelError("Input.Name", l["Unit.NameTaken", name]);
        }
        if (!Enum.IsDefined(Input.Kind))
        {
            ModelState.AddModelError("Input.Kind", l["Validation.Invalid", l["Unit.Kind"]]);
        }
        var jurisdiction = await db.JurisdictionIdAsync();
        if (jurisdiction is null)
        {
            ModelState.AddModelError(string.Empty, l["Home.NoJurisdiction"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Unit? unit;
        if (Id is null)
        {
            unit = new Unit { JurisdictionId = jurisdiction!.Value };
            db.Units.Add(unit);
        }
        else if ((unit = await db.Units.FirstOrDefaultAsync(u => u.Id == Id)) is null)
        {
            return NotFound();
        }
        unit.Name = name;
        unit.Kind = Input.Kind;
        // Aliases are written 、-separated in documents; accept commas too.
        unit.Aliases = string.Join("、", (Input.Aliases ?? "").Split(['、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        unit.Active = Input.Active;
        await db.SaveChangesAsync();
        return Redirect(OrganizationRoutes.Units);
    }
}
