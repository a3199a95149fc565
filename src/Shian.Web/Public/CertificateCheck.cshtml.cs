using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Public;

/// <summary>
/// 合格证核验: what the certificate's QR code opens. Anyone sees whether it is genuine or revoked, its fields and which
/// businesses recorded its receipt; a signed-in operator of another business records its own receipt (确认收货) here.
/// </summary>
[AllowAnonymous]
public class CertificateCheckModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public ProduceCertificate Certificate { get; private set; } = null!;

    /// <summary>The operator's businesses that may record a receipt (not the producer, not one that already has).</summary>
    public IReadOnlyList<(Guid Id, string Name)> Buyers { get; private set; } = [];

    public bool IsOperator { get; private set; }

    [BindProperty] public Guid BuyerId { get; set; }
    [BindProperty] public decimal? Quantity { get; set; }
    [BindProperty] public DateOnly? ReceivedOn { get; set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (!await LoadAsync(code, track: false))
        {
            return NotFound();
        }
        Quantity = Certificate.Quantity;
        ReceivedOn = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostReceiveAsync(string code)
    {
        if (!user.IsSignedIn)
        {
            return Challenge();
        }
        if (!await LoadAsync(code, track: true))
        {
            return NotFound();
        }
        if (!IsOperator)
        {
            return Forbid();
        }
        var scope = await user.ScopeAsync();
        if (!scope.BusinessIds.Contains(BuyerId))
        {
            ModelState.AddProblem(nameof(BuyerId), new("Certificate.BuyerRequired"), l);
            return Page();
        }
        if (Quantity is null)
        {
            ModelState.AddProblem(nameof(Quantity), new("Certificate.ReceiptQuantityRequired"), l);
            return Page();
        }
        if (ReceivedOn is null)
        {
            ModelState.AddProblem(nameof(ReceivedOn), new("Certificate.ReceiptDateRequired"), l);
            return Page();
        }
        var buyer = await db.Businesses.AsNoTracking().Where(b => b.Id == BuyerId).Select(b => b.Name).FirstAsync();
        var now = ShianTime.UtcNow(clock);
        if (Certificate.Receive(BuyerId, buyer, Quantity.Value, ReceivedOn.Value, ShianTime.LocalDate(now), user.Name, now) is { } error)
        {
            ModelState.AddProblem(nameof(Quantity), error, l);
            return Page();
        }
        await db.SaveChangesAsync();
        await Shian.Web.Public.TraceCache.EvictAsync(HttpContext);
        return Redirect(PublicRoutes.Certificate(code));
    }

    private async Task<bool> LoadAsync(string code, bool track)
    {
        if (code.Length != ProduceCertificate.CodeLength)
        {
            return false;
        }
        var query = db.ProduceCertificates.Include(c => c.Receipts);
        var found = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(c => c.Code == code);
        if (found is null)
        {
            return false;
        }
        Certificate = found;
        var scope = await user.ScopeAsync();
        IsOperator = scope.Level == AccessLevel.OwnBusinesses;
        if (IsOperator)
        {
            var own = scope.BusinessIds.Where(b => b != found.BusinessId && found.Receipts.All(r => r.BuyerBusinessId != b)).ToList();
            Buyers = (await db.Businesses.AsNoTracking().Where(b => own.Contains(b.Id)).OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync())
                .Select(b => (b.Id, b.Name)).ToList();
        }
        return true;
    }
}
