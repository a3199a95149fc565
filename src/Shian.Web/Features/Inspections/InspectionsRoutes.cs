using Shian.Inspections;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// The inspections module's addresses (visits, the schedule, teams, inspection forms), for links and redirects; the
/// pages' <c>@page</c> templates (and the <c>/inspections/teams/new</c> route in Program.cs) are the other half.
/// </summary>
public static class InspectionsRoutes
{
    public const string Inspections = "/inspections";
    public const string NewInspectionPage = "/inspections/new";
    public const string Schedule = "/inspections/schedule";
    public const string Teams = "/inspections/teams";
    public const string NewTeam = "/inspections/teams/new";
    public const string Checklists = "/inspections/checklists";
    public const string NewChecklist = "/inspections/checklists/new";

    public static string Inspection(Guid id) => $"{Inspections}/{id}";
    public static string NewInspection(Guid businessId, InspectionKind kind) => $"{NewInspectionPage}?business={businessId}&kind={kind}";
    public static string NewCampaignInspection(Guid businessId, Guid campaignId) => $"{NewInspectionPage}?business={businessId}&campaign={campaignId}";
    /// <summary>An inspection a complaint calls for: recorded, it is logged on the complaint (and links back to it).</summary>
    public static string NewComplaintInspection(Guid businessId, Guid complaintId) => $"{NewInspectionPage}?business={businessId}&kind={InspectionKind.Complaint}&complaint={complaintId}";
    public static string NewPlannedInspection(Guid businessId, Guid plannedVisitId) => $"{NewInspectionPage}?business={businessId}&planned={plannedVisitId}";

    public static string ScheduleOfTeam(Guid teamId, int? year = null) =>
        year is { } y ? $"{Schedule}?year={y}&team={teamId}" : $"{Schedule}?team={teamId}";

    public static string TeamsOf(Guid townshipId) => $"{Teams}?township={townshipId}";
    public static string NewTeamOfTownship(Guid townshipId) => $"{NewTeam}?township={townshipId}";
    public static string NewTeamOfUnit(Guid unitId) => $"{NewTeam}?unit={unitId}";
    public static string EditTeam(Guid id) => $"{Teams}/{id}/edit";

    /// <summary>A form by its name, which is free text: escaped.</summary>
    public static string Checklist(string name) => $"{Checklists}/{Uri.EscapeDataString(name)}";
    public static string ChecklistIssue(string name) => $"{Checklist(name)}/issue";
    public static string NewChecklistFrom(string name) => $"{NewChecklist}?from={Uri.EscapeDataString(name)}";
}
