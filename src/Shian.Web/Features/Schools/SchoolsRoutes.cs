namespace Shian.Web.Features.Schools;

/// <summary>The schools module's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.</summary>
public static class SchoolsRoutes
{
    public const string Schools = "/schools";
    public const string Meals = "/schools/meals";

    public static string MealsOf(Guid businessId) => $"{Meals}?business={businessId}";
    public static string Meal(Guid id) => $"{Meals}/{id}";
}
