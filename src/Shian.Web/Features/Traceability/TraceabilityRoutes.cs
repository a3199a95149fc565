namespace Shian.Web.Features.Traceability;

/// <summary>
/// The traceability module's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.
/// The consumer-facing addresses printed on labels (<c>/01/…</c>, <c>/t/…</c>, <c>/c/…</c>) are public pages: see
/// <see cref="Public.PublicRoutes"/>.
/// </summary>
public static class TraceabilityRoutes
{
    public const string Lots = "/trace/lots";
    public const string Products = "/trace/products";
    public const string Claims = "/trace/claims";
    public const string Certificates = "/trace/certificates";
    public const string NewCertificate = "/trace/certificates/new";
    public const string UploadRate = "/traceability/upload-rate";
    public const string UploadRequirement = "/traceability/upload-rate/requirement";
    public const string EpcisKeys = "/traceability/keys";
    public const string Parties = "/traceability/parties";

    /// <summary>A lot's page; each segment of the key is escaped on its own, the slashes between them stay.</summary>
    public static string Lot(string key) => $"{Lots}/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
    public static string Labels(Guid productId) => $"{Products}/{productId}/labels";
    public static string LabelsFor(Guid productId, string lot, int? count) => $"{Labels(productId)}?lot={Uri.EscapeDataString(lot)}&count={count}";
    public static string Certificate(Guid id) => $"{Certificates}/{id}";
    public static string CertificatePrint(Guid id) => $"{Certificates}/{id}/print";
    /// <summary>An EPCIS capture job, the <c>Location</c> of an accepted capture (<see cref="EpcisApi"/>).</summary>
    public static string CaptureJob(Guid id) => $"/epcis/capture/{id}";
}
