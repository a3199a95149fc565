namespace Shian.Web.Features.Campaigns;

/// <summary>
/// The campaigns module's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half
/// (<see cref="New"/> is the edit page's second route, added in Program.cs).
/// </summary>
public static class CampaignsRoutes
{
    public const string Campaigns = "/campaigns";
    public const string New = "/campaigns/new";

    public static string Campaign(Guid id) => $"{Campaigns}/{id}";
    public static string Edit(Guid id) => $"{Campaigns}/{id}/edit";
}
