using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// 商品主数据: the products an operator registers for its businesses (GTIN checked and normalised), each with its trace
/// page and label sheets; staff see those of their scope (a township officer its township's). A registration is a claim
/// to the GTIN, pending until the office confirms it (<c>/trace/claims</c>); a GTIN confirmed to a business is refused.
/// </summary>
[Authorize(Policy = Policies.Traceability)]
public class ProductsModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Gtin, string Name, string Specification, string Brand, string Business, string Origin, TraceClaimStatus Status, string RejectionReason);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Business> OwnBusinesses { get; private set; } = [];

    [BindProperty] public Guid BusinessId { get; set; }
    [BindProperty] public string? Gtin { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Specification { get; set; }
    [BindProperty] public string? Brand { get; set; }
    [BindProperty] public string? FoodCategoryCode { get; set; }
    [BindProperty] public string? Origin { get; set; }
    [BindProperty] public string? ShelfLife { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var business = OwnBusinesses.FirstOrDefault(b => b.Id == BusinessId);
        if (business is null)
        {
            ModelState.AddProblem(nameof(BusinessId), new("TraceProduct.ProducerRequired"), l);
        }
        var product = new TraceProduct
        {
            BusinessId = BusinessId, TownshipId = business?.TownshipId ?? Guid.Empty, Gtin = Gtin ?? "", Name = Name ?? "", Specification = Specification ?? "",
            Brand = Brand ?? "", FoodCategoryCode = FoodCategoryCode ?? "", Origin = Origin ?? "", ShelfLife = ShelfLife ?? "",
            CreatedAt = ShianTime.UtcNow(clock), CreatedBy = user.Name,
        };
        ModelState.AddProblems(product.Validate(), l);
        if (ModelState.IsValid && await TraceClaims.ProductRefusalAsync(db, product.Gtin) is { } refusal)
        {
            ModelState.AddProblem(nameof(Gtin), refusal, l);
        }
        else if (ModelState.IsValid && await db.TraceProducts.AnyAsync(p => p.Gtin == product.Gtin && p.BusinessId == product.BusinessId && p.Status == TraceClaimStatus.Pending))
        {
            ModelState.AddProblem(nameof(Gtin), new("TraceClaim.GtinPending", product.Gtin), l);
        }
        if (!ModelState.IsValid || business is null)
        {
            return Page();
        }
        db.TraceProducts.Add(product);
        await db.SaveChangesAsync();
        await Shian.Web.Public.TraceCache.EvictAsync(HttpContext);
        return Redirect(TraceabilityRoutes.Products);
    }

    private async Task LoadAsync()
    {
        var scope = await user.ScopeAsync();
        if (scope.Level == AccessLevel.OwnBusinesses)
        {
            var own = scope.BusinessIds.ToList();
            OwnBusinesses = await db.Businesses.AsNoTracking().Where(b => own.Contains(b.Id)).OrderBy(b => b.Name).ToListAsync();
        }
        Rows = await (from p in db.TraceProducts.AsNoTracking().VisibleTo(scope)
                      join b in db.Businesses on p.BusinessId equals b.Id
                      orderby b.Name, p.Name
                      select new Row(p.Id, p.Gtin, p.Name, p.Specification, p.Brand, b.Name, p.Origin, p.Status, p.RejectionReason)).Take(500).ToListAsync();
    }
}
