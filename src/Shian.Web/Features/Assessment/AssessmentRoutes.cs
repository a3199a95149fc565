namespace Shian.Web.Features.Assessment;

/// <summary>The assessment module's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.</summary>
public static class AssessmentRoutes
{
    public const string Schemes = "/assessment";

    public static string Scheme(Guid id) => $"{Schemes}/{id}";
    public static string Round(Guid id) => $"{Schemes}/rounds/{id}";
}
