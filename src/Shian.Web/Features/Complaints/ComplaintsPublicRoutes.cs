namespace Shian.Web.Features.Complaints;

/// <summary>
/// The public complaint pages and APIs (no sign-in) and the hotline systems' API, for links, redirects and Location
/// headers; the pages' <c>@page</c> templates and <see cref="ComplaintsApi"/> are the other half.
/// </summary>
public static class ComplaintsPublicRoutes
{
    /// <summary>The public form (投诉举报), linked from every public page.</summary>
    public const string New = "/complaints/new";
    public const string Track = "/complaints/track";
    public const string PublicApi = "/api/v1/public/complaints";
    /// <summary>The anonymous register search the form picks the business with (name, address, township; active businesses only).</summary>
    public const string BusinessSearch = "/api/v1/public/businesses";
    /// <summary>Hotline systems' intake (API key scoped <c>complaints:write</c>).</summary>
    public const string HotlineApi = "/api/v1/complaints";

    /// <summary>The page shown after filing: the tracking code and how to follow it.</summary>
    public static string Filed(string trackingCode) => $"/complaints/filed/{trackingCode}";
    public static string TrackCode(string trackingCode) => $"{Track}?code={Uri.EscapeDataString(trackingCode)}";
    public static string PublicStatus(string trackingCode) => $"{PublicApi}/{Uri.EscapeDataString(trackingCode)}";
}
