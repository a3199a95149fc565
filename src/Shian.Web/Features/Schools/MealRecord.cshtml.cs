using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Schools;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Schools;

/// <summary>One 陪餐 record with its photos, to whoever may see the canteen's records; anyone else gets "not found".</summary>
[Authorize(Policy = Policies.SchoolMeals)]
public class MealRecordModel(ShianDb db, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }

    public SchoolMealRecord Record { get; private set; } = null!;
    public string BusinessName { get; private set; } = "";
    public IReadOnlyList<Guid> Photos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var scope = await user.ScopeAsync();
        var record = await db.SchoolMealRecords.AsNoTracking().VisibleTo(scope).FirstOrDefaultAsync(r => r.Id == Id);
        if (record is null)
        {
            return NotFound();
        }
        Record = record;
        BusinessName = await db.Businesses.Where(b => b.Id == record.BusinessId).Select(b => b.Name).SingleAsync();
        Photos = await db.StoredFiles.Where(f => f.OwnerKind == FileOwners.SchoolMealPhoto && f.OwnerId == record.Id)
            .OrderBy(f => f.UploadedAt).Select(f => f.Id).ToListAsync();
        return Page();
    }

    /// <summary>One photo of the record, under the same rule as the record.</summary>
    public async Task<IActionResult> OnGetPhotoAsync(Guid photo)
    {
        return (await FileRules.OpenAsync(HttpContext, photo, Id, FileOwners.SchoolMealPhoto)).ToActionResult(inline: true);
    }
}
