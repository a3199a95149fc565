using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Sampling;

namespace Shian.Web.Public;

/// <summary>One published result; a sample in no published announcement is not found, whoever guesses its id.</summary>
[AllowAnonymous]
public class SamplingResultModel(ShianDb db) : PageModel
{
    public SamplingPublicRow Row { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await SamplingPublication.PublishedSamples(db).AsNoTracking().Where(x => x.Sample.Id == id)
            .OrderByDescending(x => x.PublishedOn).FirstOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        Row = (await SamplingPublicRow.LoadAsync(db, [(found.Sample, found.Number, found.PublishedOn)], HttpContext.RequestAborted))[0];
        return Page();
    }
}
