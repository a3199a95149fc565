using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// 追溯标签: for one product and lot, a sheet of up to 500 QR labels (SVG, or PNG page by page). Every label carries the
/// lot's short address <c>https://{host}/t/{code}</c>: a short URL makes a small, sparse QR code that prints and scans
/// well on cheap labels, and the code can be typed from the label; the Digital Link address <c>/01/{gtin}/10/{lot}</c>
/// opens the same page for scanners that build it from the barcode.
/// </summary>
[Authorize(Policy = Policies.Traceability)]
public class LabelsModel(ShianDb db, CurrentUser user, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    public TraceProduct Product { get; private set; } = null!;
    public TraceCode? Code { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Lot { get; set; }
    [BindProperty(SupportsGet = true)] public int? Count { get; set; }

    public int Pages => (Math.Clamp(Count ?? 1, 1, LabelSheet.MaxCount) + LabelSheet.PerPage - 1) / LabelSheet.PerPage;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Count ??= 24;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var lot = Lot?.Trim() ?? "";
        if (lot.Length == 0)
        {
            ModelState.AddProblem(nameof(Lot), new("TraceLabel.LotRequired"), l);
        }
        else if (lot.Length > 20 || lot.Any(c => c < 0x21 || c > 0x7E || c is '/' or '?' or '#' or '%'))
        {
            ModelState.AddProblem(nameof(Lot), new("TraceLabel.LotInvalid", 20), l);
        }
        if (Count is not (>= 1 and <= LabelSheet.MaxCount))
        {
            ModelState.AddProblem(nameof(Count), new("TraceLabel.CountRange", LabelSheet.MaxCount), l);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await TraceCode.ForLotAsync(db, Product.Gtin, lot, Product.BusinessId, ShianTime.UtcNow(clock));
        await db.SaveChangesAsync();
        await Shian.Web.Public.TraceCache.EvictAsync(HttpContext);
        return Redirect(TraceabilityRoutes.LabelsFor(id, lot, Count));
    }

    public async Task<IActionResult> OnGetSvgAsync(Guid id)
    {
        if (CountOutOfRange() is { } refused)
        {
            return refused;
        }
        return await SheetAsync(id) is { } sheet ? File(System.Text.Encoding.UTF8.GetBytes(sheet.Svg()), "image/svg+xml", $"labels-{Product.Gtin}-{Code!.Lot}.svg") : NotFound();
    }

    public async Task<IActionResult> OnGetPngAsync(Guid id, int sheet = 1)
    {
        if (CountOutOfRange() is { } refused)
        {
            return refused;
        }
        return await SheetAsync(id) is { } labels && sheet >= 1 && sheet <= labels.Pages
            ? File(labels.Png(sheet), "image/png", $"labels-{Product.Gtin}-{Code!.Lot}-{sheet}.png")
            : NotFound();
    }

    /// <summary>A download address edited by hand: say which number is wrong rather than "not found".</summary>
    private BadRequestObjectResult? CountOutOfRange() => Count is >= 1 and <= LabelSheet.MaxCount ? null
        : BadRequest(l.Word(new("TraceLabel.CountParameter", LabelSheet.MaxCount)));

    public string LabelUrl(TraceCode code) => PublicAddress.Of(Request, configuration, Public.PublicRoutes.TraceShort(code.Code));

    private async Task<LabelSheet?> SheetAsync(Guid id)
    {
        if (!await LoadAsync(id) || Code is null || Count is not (>= 1 and <= LabelSheet.MaxCount))
        {
            return null;
        }
        return new LabelSheet(LabelUrl(Code), Product.Name, Code.Lot, Code.Code, Count.Value);
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var scope = await user.ScopeAsync();
        var product = await db.TraceProducts.AsNoTracking().VisibleTo(scope).FirstOrDefaultAsync(p => p.Id == id);
        if (product is null)
        {
            return false;
        }
        Product = product;
        var lot = Lot?.Trim();
        if (!string.IsNullOrEmpty(lot))
        {
            Code = await db.TraceCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Gtin == product.Gtin && c.Lot == lot);
        }
        return true;
    }
}
