namespace Shian.Web.Features.Registry;

/// <summary>
/// The register's addresses (businesses and their licences), for links and redirects; the pages' <c>@page</c> templates
/// (and the <c>/businesses/new</c> route in Program.cs) are the other half.
/// </summary>
public static class RegistryRoutes
{
    public const string Businesses = "/businesses";
    public const string NewBusiness = "/businesses/new";
    public const string BusinessImport = "/businesses/import";
    public const string Licences = "/licences";
    public const string LicenceImport = "/licences/import";

    public static string Business(Guid id) => $"{Businesses}/{id}";
    public static string EditBusiness(Guid id) => $"{Businesses}/{id}/edit";
    public static string NewLicence(Guid businessId) => $"{Businesses}/{businessId}/licences/new";
    public static string LicencesWithin(int days) => $"{Licences}?within={days}";

    /// <summary>A licence's QR code for print (<see cref="RegistryApi"/>); the public check page it opens is <c>/l/{code}</c>.</summary>
    public static string LicenceQr(string publicCode) => $"/l/{publicCode}/qr.svg";
}
