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
/// 条码与位置码审核: the office confirms or rejects (with a reason) the GTINs and GLNs businesses claim, seeing the claimant,
/// the code's company prefix and every other claim of the same code. Until confirmed a claim names nobody publicly.
/// </summary>
[Authorize(Policy = Policies.Office)]
public class ClaimsModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public enum Kind { Product, Party }

    public sealed record Rival(string Business, TraceClaimStatus Status);

    public sealed record Row(Kind Kind, Guid Id, string Code, string CompanyPrefix, string Label, string Business, string CreditCode, IReadOnlyList<Rival> Rivals);

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    [BindProperty] public string? Reason { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostConfirmAsync(Kind kind, Guid id) => await DecideAsync(kind, id, confirm: true);

    public async Task<IActionResult> OnPostRejectAsync(Kind kind, Guid id) => await DecideAsync(kind, id, confirm: false);

    private async Task<IActionResult> DecideAsync(Kind kind, Guid id, bool confirm)
    {
        var now = ShianTime.UtcNow(clock);
        Problem? error;
        if (kind == Kind.Product)
        {
            if (await db.TraceProducts.FirstOrDefaultAsync(p => p.Id == id) is not { } product)
            {
                return NotFound();
            }
            error = confirm ? await TraceClaims.ConfirmAsync(db, product, user.Name, now) : product.Reject(Reason, user.Name, now);
        }
        else
        {
            if (await db.TraceParties.FirstOrDefaultAsync(p => p.Id == id) is not { } party)
            {
                return NotFound();
            }
            error = confirm ? await TraceClaims.ConfirmAsync(db, party, user.Name, now) : party.Reject(Reason, user.Name, now);
        }
        if (error is not null)
        {
            ModelState.AddProblem(nameof(Reason), error, l);
            await LoadAsync();
            return Page();
        }
        await db.SaveChangesAsync();
        await Shian.Web.Public.TraceCache.EvictAsync(HttpContext); // public pages name the producer now (or never)
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var products = await (from p in db.TraceProducts.AsNoTracking()
                              join b in db.Businesses.AsNoTracking() on p.BusinessId equals b.Id
                              where p.Status == TraceClaimStatus.Pending
                              orderby p.CreatedAt
                              select new { p.Id, Code = p.Gtin, Label = p.Name, Business = b.Name, b.CreditCode }).Take(500).ToListAsync();
        var parties = await (from p in db.TraceParties.AsNoTracking()
                             join b in db.Businesses.AsNoTracking() on p.BusinessId equals b.Id
                             where p.Status == TraceClaimStatus.Pending
                             orderby p.Key
                             select new { p.Id, Code = p.Key, Label = p.Name, Business = b.Name, b.CreditCode }).Take(500).ToListAsync();
        var gtins = products.Select(p => p.Code).Distinct().ToList();
        var keys = parties.Select(p => p.Code).Distinct().ToList();
        var productRivals = await (from p in db.TraceProducts.AsNoTracking()
                                   join b in db.Businesses.AsNoTracking() on p.BusinessId equals b.Id
                                   where gtins.Contains(p.Gtin)
                                   select new { p.Id, Code = p.Gtin, b.Name, p.Status }).ToListAsync();
        var partyRivals = await (from p in db.TraceParties.AsNoTracking()
                                 join b in db.Businesses.AsNoTracking() on p.BusinessId equals b.Id
                                 where keys.Contains(p.Key)
                                 select new { p.Id, Code = p.Key, b.Name, p.Status }).ToListAsync();
        Pending =
        [
            .. products.Select(p => new Row(Kind.Product, p.Id, p.Code, TraceClaims.CompanyPrefix(p.Code), p.Label, p.Business, p.CreditCode,
                productRivals.Where(r => r.Code == p.Code && r.Id != p.Id).Select(r => new Rival(r.Name, r.Status)).ToList())),
            .. parties.Select(p => new Row(Kind.Party, p.Id, p.Code, TraceClaims.CompanyPrefix(Gln(p.Code)), p.Label, p.Business, p.CreditCode,
                partyRivals.Where(r => r.Code == p.Code && r.Id != p.Id).Select(r => new Rival(r.Name, r.Status)).ToList())),
        ];
    }

    /// <summary>The 13 digits of a location key (<c>414/{gln}[/254/{ext}]</c> or <c>417/{gln}</c>).</summary>
    private static string Gln(string key) => key.Split('/') is [_, var gln, ..] ? gln : key;
}
