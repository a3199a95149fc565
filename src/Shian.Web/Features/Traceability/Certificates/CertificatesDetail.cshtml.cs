using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;
using Shian.Common;
using Shian.Data;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>One 合格证: its fields, who received it, the print and verify links; its producer may revoke it with a reason.</summary>
[Authorize(Policy = Policies.Traceability)]
public class CertificatesDetailModel(ShianDb db, CurrentUser user, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    public ProduceCertificate Certificate { get; private set; } = null!;
    public bool CanRevoke { get; private set; }
    public string VerifyUrl { get; private set; } = "";

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!CanRevoke)
        {
            return Forbid();
        }
        if (Certificate.Revoke(Reason, user.Name, ShianTime.UtcNow(clock)) is { } error)
        {
            ModelState.AddProblem(nameof(Reason), error, l);
            return Page();
        }
        await db.SaveChangesAsync();
        await Shian.Web.Public.TraceCache.EvictAsync(HttpContext);
        return Redirect(TraceabilityRoutes.Certificate(id));
    }

    /// <summary>The verify QR code (PNG) for the printed certificate.</summary>
    public async Task<IActionResult> OnGetQrAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        using var data = QRCodeGenerator.GenerateQrCode(VerifyUrl, QRCodeGenerator.ECCLevel.M);
        return File(new PngByteQRCode(data).GetGraphic(8), "image/png");
    }

    private async Task<bool> LoadAsync(Guid id, bool track = false)
    {
        var scope = await user.ScopeAsync();
        var query = db.ProduceCertificates.VisibleTo(scope).Include(c => c.Receipts);
        var found = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id);
        if (found is null)
        {
            return false;
        }
        Certificate = found;
        CanRevoke = scope.BusinessIds.Contains(found.BusinessId);
        VerifyUrl = PublicAddress.Of(Request, configuration, Public.PublicRoutes.Certificate(found.Code));
        return true;
    }
}
