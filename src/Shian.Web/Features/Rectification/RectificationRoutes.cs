namespace Shian.Web.Features.Rectification;

/// <summary>
/// The rectification orders' addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.
/// </summary>
public static class RectificationRoutes
{
    public const string Orders = "/rectification";

    /// <summary>The list on one tab: overdue, open, done or awaiting.</summary>
    public static string OrdersShowing(string show) => $"{Orders}?show={Uri.EscapeDataString(show)}";
    public static string Order(Guid id) => $"{Orders}/{id}";
    public static string NewOrder(Guid inspectionId) => $"{Orders}/new/{inspectionId}";
}
