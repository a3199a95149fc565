namespace Shian.Web.Public;

/// <summary>
/// The public pages' addresses (no sign-in), for links and redirects; the pages' <c>@page</c> templates are the other
/// half. <see cref="Trace(string)"/>, <see cref="TraceShort"/> and <see cref="Certificate"/> are also printed in QR
/// codes, so they never change.
/// </summary>
public static class PublicRoutes
{
    public const string Home = "/";
    /// <summary>The complaint section of the home page.</summary>
    public const string Report = "/#report";
    public const string RedBlack = "/public/redblack";
    public const string Sampling = "/public/sampling";
    public const string Error = "/error";

    public static string SamplingResult(Guid sampleId) => $"{Sampling}/results/{sampleId}";
    public static string SampleForm(string token) => $"{Sampling}/forms/{token}";
    /// <summary>The GS1 Digital Link address of a product.</summary>
    public static string Trace(string gtin) => $"/01/{gtin}";
    /// <summary>The GS1 Digital Link address of one lot (application identifier 10).</summary>
    public static string Trace(string gtin, string lot) => $"/01/{gtin}/10/{Uri.EscapeDataString(lot)}";
    public static string TraceShort(string code) => $"/t/{code}";
    public static string Certificate(string code) => $"/c/{code}";
    public static string LicenceCheck(string publicCode) => $"/l/{publicCode}";
}
