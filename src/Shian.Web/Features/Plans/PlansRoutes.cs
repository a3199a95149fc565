namespace Shian.Web.Features.Plans;

/// <summary>The plans module's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.</summary>
public static class PlansRoutes
{
    public const string Plans = "/plans";
    public const string Import = "/plans/import";

    public static string Plan(Guid id) => $"{Plans}/{id}";
    public static string Dashboard(Guid planId) => $"{Plans}/{planId}/dashboard";
    public static string Indicators(Guid planId) => $"{Plans}/{planId}/indicators";
    public static string Task(Guid id) => $"{Plans}/tasks/{id}";
}
