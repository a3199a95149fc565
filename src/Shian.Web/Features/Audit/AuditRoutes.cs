namespace Shian.Web.Features.Audit;

/// <summary>
/// The audit trail's address, for links; the page's <c>@page</c> template is the other half.
/// </summary>
public static class AuditRoutes
{
    public const string Trail = "/admin/audit";
}
