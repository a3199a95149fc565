namespace Shian.Web.Features.KitchenVideo;

/// <summary>
/// The kitchen-video addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.
/// </summary>
public static class KitchenVideoRoutes
{
    public const string Overview = "/kitchen-video";

    public static string Business(Guid businessId) => $"{Overview}/{businessId}";
}
