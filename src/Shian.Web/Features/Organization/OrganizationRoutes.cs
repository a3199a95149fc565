namespace Shian.Web.Features.Organization;

/// <summary>The organization module's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.</summary>
public static class OrganizationRoutes
{
    public const string Jurisdiction = "/admin/jurisdiction";
    public const string Townships = "/admin/townships";
    public const string NewTownship = "/admin/townships/edit";
    public const string Units = "/admin/units";
    public const string NewUnit = "/admin/units/edit";

    public static string Township(Guid id) => $"{NewTownship}/{id}";
    public static string Unit(Guid id) => $"{NewUnit}/{id}";
}
