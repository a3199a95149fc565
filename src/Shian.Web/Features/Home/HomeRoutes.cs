namespace Shian.Web.Features.Home;

/// <summary>
/// The start pages after signing in, for links and redirects; the pages' <c>@page</c> templates are the other half.
/// </summary>
public static class HomeRoutes
{
    public const string Workbench = "/workbench";
    public const string OperatorHome = "/operator";
}
