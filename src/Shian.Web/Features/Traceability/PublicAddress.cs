namespace Shian.Web.Features.Traceability;

/// <summary>
/// Absolute addresses printed in QR codes: <c>PublicBaseUrl</c> when the platform runs behind a proxy, otherwise the
/// address the request came in on.
/// </summary>
public static class PublicAddress
{
    public static string Of(HttpRequest request, IConfiguration configuration, string path) =>
        (configuration["PublicBaseUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}") + path;
}
