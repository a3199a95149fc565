namespace Shian.Web.Features.Grain;

/// <summary>The grain module's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.</summary>
public static class GrainRoutes
{
    public const string Silos = "/grain";
    public const string Purchase = "/grain/purchase";
    public const string Imports = "/grain/imports";

    public static string Silo(Guid id) => $"{Silos}/silos/{id}";
}
