using Shian.Complaints;

namespace Shian.Web.Features.Complaints;

/// <summary>
/// The staff side of the complaints module's addresses, for links and redirects; the pages' <c>@page</c> templates are the
/// other half. The public form and tracking page keep their own small class beside this one.
/// </summary>
public static class ComplaintsRoutes
{
    public const string Complaints = "/complaints";
    public const string Hotline = "/complaints/hotline";

    /// <summary>Importing a hotline system's exported work orders (.xlsx / .csv), and its template.</summary>
    public const string Import = "/complaints/import";
    public const string ImportTemplate = Import + "?handler=Template";

    /// <summary>The hotline page after entering a ticket routed to a township or unit the user does not see.</summary>
    public static string HotlineDone(string trackingCode) => $"{Hotline}?done={Uri.EscapeDataString(trackingCode)}";

    public static string Complaint(Guid id) => $"{Complaints}/{id}";
    public static string ComplaintDone(Guid id, string done) => $"{Complaints}/{id}?done={Uri.EscapeDataString(done)}";

    /// <summary>The list filtered to one clock state (the workbench's due-soon and overdue counts).</summary>
    public static string ComplaintsIn(ClockState clock) => $"{Complaints}?clock={clock}";

    public static string Export(string query) => $"{Complaints}?handler=Export&{query}";
}
