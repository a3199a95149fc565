using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// The 抽样单 on one A4 page, for signing and filing: no navigation, a print stylesheet, and a QR code of the form's public
/// verification address (<c>/public/sampling/forms/{token}</c>) so that anyone holding the paper can check it is genuine.
/// The token is given on submit; a form submitted before tokens existed is printed without the code until
/// <c>shian sampling public-tokens</c> gives it one (printing only reads).
/// </summary>
[Authorize(Policy = Policies.Samples)]
public class SamplesPrintModel(ShianDb db, CurrentUser user, IConfiguration configuration) : PageModel
{
    public Sample Sample { get; private set; } = null!;
    public string Laboratory { get; private set; } = "";
    public string SamplingUnit { get; private set; } = "";
    public string VerificationUrl { get; private set; } = "";
    public string CategoryPath { get; private set; } = "";
    public bool HasSignature { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var names = await db.Units.AsNoTracking().Where(u => u.Id == Sample.LaboratoryId || u.Id == Sample.SamplingUnitId).ToDictionaryAsync(u => u.Id, u => u.Name);
        Laboratory = names.GetValueOrDefault(Sample.LaboratoryId, "");
        SamplingUnit = names.GetValueOrDefault(Sample.SamplingUnitId, "");
        HasSignature = await db.SignatureIdAsync(id, HttpContext.RequestAborted) is not null;
        CategoryPath = await FoodCategoryPaths.OfAsync(db, Sample.FoodCategoryCode, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The QR code of the verification address, as PNG.</summary>
    public async Task<IActionResult> OnGetQrAsync(Guid id)
    {
        if (!await LoadAsync(id) || VerificationUrl.Length == 0)
        {
            return NotFound();
        }
        using var data = QRCodeGenerator.GenerateQrCode(VerificationUrl, QRCodeGenerator.ECCLevel.M);
        return File(new PngByteQRCode(data).GetGraphic(8), "image/png");
    }

    /// <summary>The absolute public verification address of a form; <c>PublicBaseUrl</c> names the site behind a proxy.</summary>
    public static string AddressOf(HttpRequest request, IConfiguration configuration, string token) =>
        (configuration["PublicBaseUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}") + Public.PublicRoutes.SampleForm(token);

    private async Task<bool> LoadAsync(Guid id)
    {
        var scope = await user.ScopeAsync();
        // Only a numbered (submitted) form is printed: a draft is not a form yet.
        if (await db.FindVisibleAsync(scope, id, track: false, HttpContext.RequestAborted) is not { Number: not null } sample)
        {
            return false;
        }
        Sample = sample;
        VerificationUrl = sample.PublicToken is { } token ? AddressOf(Request, configuration, token) : "";
        return true;
    }
}
