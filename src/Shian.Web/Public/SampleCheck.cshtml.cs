using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Sampling;

namespace Shian.Web.Public;

/// <summary>
/// 抽样单核验: what the QR code on a printed form opens. It confirms that the form is genuine (number, date, sampled unit,
/// sample, sampling unit and laboratory) and shows the result only once an approved announcement has published it.
/// </summary>
[AllowAnonymous]
public class SampleCheckModel(ShianDb db) : PageModel
{
    public sealed record View(string Number, DateOnly SampledOn, string BusinessName, string SampleName, string SamplingUnit, string Laboratory);

    public View Form { get; private set; } = null!;
    public SamplingPublicRow? Published { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (token.Length != Sample.PublicTokenLength)
        {
            return NotFound();
        }
        var sample = await db.Samples.AsNoTracking().Where(s => s.PublicToken == token && s.Number != null).FirstOrDefaultAsync();
        if (sample is null)
        {
            return NotFound();
        }
        var names = await db.Units.AsNoTracking().Where(u => u.Id == sample.LaboratoryId || u.Id == sample.SamplingUnitId).ToDictionaryAsync(u => u.Id, u => u.Name);
        Form = new View(sample.Number!, sample.SampledOn, sample.BusinessName, sample.SampleName, names.GetValueOrDefault(sample.SamplingUnitId, ""),
            names.GetValueOrDefault(sample.LaboratoryId, ""));
        var published = await SamplingPublication.PublishedSamples(db).AsNoTracking().Where(x => x.Sample.Id == sample.Id)
            .OrderByDescending(x => x.PublishedOn).FirstOrDefaultAsync();
        if (published is not null)
        {
            Published = (await SamplingPublicRow.LoadAsync(db, [(published.Sample, published.Number, published.PublishedOn)], HttpContext.RequestAborted))[0];
        }
        return Page();
    }
}
