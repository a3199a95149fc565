namespace Shian.Web.Features.Risk;

/// <summary>
/// The risk grading's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.
/// </summary>
public static class RiskRoutes
{
    public const string Overview = "/risk";

    /// <summary>Recording a dynamic risk factor of one business.</summary>
    public static string NewFactor(Guid businessId) => $"{Overview}/factors/{businessId}";
    public static string Sheet(Guid id) => $"{Overview}/sheets/{id}";
}
