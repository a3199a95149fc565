namespace Shian.Web.Features.Common;

/// <summary>The common pages' and endpoints' addresses, for links and redirects; the <c>@page</c> templates and <see cref="FilesApi"/> are the other half.</summary>
public static class CommonRoutes
{
    public const string Calendar = "/admin/calendar";
    public const string CalendarNotice = "/admin/calendar/notice";

    public static string CalendarOf(int year) => $"{Calendar}?year={year}";
    public static string File(Guid id) => $"/files/{id}";
}
