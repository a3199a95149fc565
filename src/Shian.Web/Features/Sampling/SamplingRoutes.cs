namespace Shian.Web.Features.Sampling;

/// <summary>
/// The sampling module's addresses, for links and redirects; the pages' <c>@page</c> templates are the other half.
/// Links built here break the build when a page moves, where a literal "/sampling/…" would break in production.
/// </summary>
public static class SamplingRoutes
{
    public const string Plans = "/sampling";
    public const string Categories = "/sampling/categories";
    public const string Results = "/sampling/results";
    public const string Samples = "/sampling/samples";
    public const string NewSample = "/sampling/samples/new";
    public const string ResultsImport = "/sampling/samples/import";
    public const string Failures = "/sampling/failures";
    public const string Announcements = "/sampling/announcements";
    public const string NewAnnouncement = "/sampling/announcements/new";

    public static string PlansOf(int year) => $"{Plans}?year={year}";
    public const string NewPlanPage = "/sampling/plans/new";
    public static string NewPlan(int year) => $"{NewPlanPage}?year={year}";
    public static string Plan(Guid id) => $"/sampling/plans/{id}";
    public static string ResultsOf(int year) => $"{Results}?year={year}";
    public static string Sample(Guid id) => $"{Samples}/{id}";
    public static string SamplePrint(Guid id) => $"{Samples}/{id}/print";
    public static string Failure(Guid id) => $"{Failures}/{id}";
    public static string FailureNotice(Guid id) => $"{Failures}/{id}/notice";
    public static string Announcement(Guid id) => $"{Announcements}/{id}";
}
