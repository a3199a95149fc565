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

/// <summary>Adds or edits one township-level unit. Townships are deactivated, never deleted: records refer to them.</summary>
[Authorize(Policy = Policies.Admin)]
public class TownshipEditModel(ShianDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [RegularExpression(@"^\d{9}$", ErrorMessage = "Township.CodeInvalid")]
        [Display(Name = "Township.Code")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Township.Name")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(20, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Township.Kind")]
        public string Kind { get; set; } = "镇";

        public bool IsTownship { get; set; } = true;
        public bool Active { get; set; } = true;

        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Township.Note")]
        public string? Note { get; set; }
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
        var township = await db.Townships.AsNoTracking().FirstOrDefaultAsync(t => t.Id == Id);
        if (township is null)
        {
            return NotFound();
        }
        Input = new InputModel
        {
            Code = township.Code, Name = township.Name, Kind = township.Kind,
            IsTownship = township.IsTownship, Active = township.Active, Note = township.Note,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var code = Input.Code?.Trim() ?? "";
        if (ModelState.IsValid && await db.Townships.AnyAsync(t => t.Code == code && t.Id != Id))
        {
            ModelState.AddModelError("Input.Code", l["Township.CodeTaken", code]);
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

        Township? township;
        if (Id is null)
        {
            township = new Township { JurisdictionId = jurisdiction!.Value };
            db.Townships.Add(township);
        }
        else if ((township = await db.Townships.FirstOrDefaultAsync(t => t.Id == Id)) is null)
        {
            return NotFound();
        }
        township.Code = code;
        township.Name = Input.Name.Trim();
        township.Kind = Input.Kind.Trim();
        township.IsTownship = Input.IsTownship;
        township.Active = Input.Active;
        township.Note = Input.Note?.Trim() ?? "";
        await db.SaveChangesAsync();
        return Redirect(OrganizationRoutes.Townships);
    }
}
