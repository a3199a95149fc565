using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Shian.Data;

namespace Shian.Web.Features.Registry;

/// <summary>The QR codes printed on licence certificates: they open the public check page of the licence.</summary>
public static class RegistryApi
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var qr = app.MapGroup("/l/{code}").WithTags("Registry").AllowAnonymous();
        qr.MapGet("/qr.svg", async Task<Results<ContentHttpResult, NotFound>> (string code, ShianDb db, HttpRequest request, IConfiguration configuration) =>
                await db.Licences.AnyAsync(l => l.PublicCode == code)
                    ? TypedResults.Content(new SvgQRCode(Encode(CheckAddress(request, configuration, code))).GetGraphic(8), "image/svg+xml")
                    : TypedResults.NotFound())
            .WithSummary("The licence's QR code as SVG (for print)");
        qr.MapGet("/qr.png", async Task<Results<FileContentHttpResult, NotFound>> (string code, ShianDb db, HttpRequest request, IConfiguration configuration) =>
                await db.Licences.AnyAsync(l => l.PublicCode == code)
                    ? TypedResults.File(new PngByteQRCode(Encode(CheckAddress(request, configuration, code))).GetGraphic(10), "image/png")
                    : TypedResults.NotFound())
            .WithSummary("The licence's QR code as PNG");
        return app;
    }

    /// <summary>
    /// The absolute address the code opens. <c>PublicBaseUrl</c> names the public site when the platform runs behind a
    /// proxy; otherwise the address the request came in on.
    /// </summary>
    public static string CheckAddress(HttpRequest request, IConfiguration configuration, string code) =>
        (configuration["PublicBaseUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}") + "/l/" + Uri.EscapeDataString(code);

    // Medium error correction survives a scratched or creased printed label.
    private static QRCodeData Encode(string text) => QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
}
