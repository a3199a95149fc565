using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Web.Infrastructure;

/// <summary>One entry of the left navigation. <paramref name="Policy"/> decides who sees it.</summary>
public sealed record NavItem(string Label, string Href, string Policy, string? Group = null);

/// <summary>What the page frame shows: the platform's name and the navigation this user may use.</summary>
public sealed class Frame(ShianDb db, IAuthorizationService authorization, IHttpContextAccessor http)
{
    /// <summary>Modules add their pages here; the label is a resource key.</summary>
    public static readonly IReadOnlyList<NavItem> Navigation =
    [
        new("Nav.Workbench", Features.Home.HomeRoutes.Workbench, Policies.Staff),
        new("Nav.Plans", Features.Plans.PlansRoutes.Plans, Policies.Staff),
        new("Nav.Assessment", Features.Assessment.AssessmentRoutes.Schemes, Policies.Staff),
        new("Nav.Registry", Features.Registry.RegistryRoutes.Businesses, Policies.Supervision),
        new("Nav.Licences", Features.Registry.RegistryRoutes.Licences, Policies.Supervision),
        new("Nav.Risk", Features.Risk.RiskRoutes.Overview, Policies.Supervision),
        new("Nav.Credit", Features.Credit.CreditRoutes.Serious, Policies.Supervision),
        new("Nav.RedBlack", Features.Credit.CreditRoutes.RedBlack, Policies.Supervision),
        new("Nav.Schedule", Features.Inspections.InspectionsRoutes.Schedule, Policies.Staff),
        new("Nav.Teams", Features.Inspections.InspectionsRoutes.Teams, Policies.Staff),
        new("Nav.Inspections", Features.Inspections.InspectionsRoutes.Inspections, Policies.Supervision),
        new("Nav.Checklists", Features.Inspections.InspectionsRoutes.Checklists, Policies.Staff),
        new("Nav.Rectification", Features.Rectification.RectificationRoutes.Orders, Policies.Rectification),
        new("Nav.Samples", Features.Sampling.SamplingRoutes.Samples, Policies.Samples),
        new("Nav.SampleFailures", Features.Sampling.SamplingRoutes.Failures, Policies.SampleFailures),
        new("Nav.Complaints", Features.Complaints.ComplaintsRoutes.Complaints, Policies.ComplaintsHandle),
        new("Nav.Lots", Features.Traceability.TraceabilityRoutes.Lots, Policies.Lots),
        new("Nav.Campaigns", Features.Campaigns.CampaignsRoutes.Campaigns, Policies.Staff),
        new("Nav.Sampling", Features.Sampling.SamplingRoutes.Plans, Policies.Staff),
        new("Nav.SamplingAnnouncements", Features.Sampling.SamplingRoutes.Announcements, Policies.SamplingPublish),
        new("Nav.Schools", Features.Schools.SchoolsRoutes.Schools, Policies.Staff),
        new("Nav.SchoolMeals", Features.Schools.SchoolsRoutes.Meals, Policies.SchoolMeals),
        new("Nav.KitchenVideo", Features.KitchenVideo.KitchenVideoRoutes.Overview, Policies.Staff),
        new("Nav.TraceUploadRate", Features.Traceability.TraceabilityRoutes.UploadRate, Policies.Staff),
        new("Nav.Grain", Features.Grain.GrainRoutes.Silos, Policies.Grain),
        new("Nav.TraceProducts", Features.Traceability.TraceabilityRoutes.Products, Policies.Traceability),
        new("Nav.TraceClaims", Features.Traceability.TraceabilityRoutes.Claims, Policies.Office),
        new("Nav.ComplaintRewards", Features.Complaints.RewardsRoutes.Rewards, Policies.Office),
        new("Nav.ComplaintAnalysis", Features.Complaints.RewardsRoutes.Analysis, Policies.Staff),
        new("Nav.ProduceCertificates", Features.Traceability.TraceabilityRoutes.Certificates, Policies.Traceability),
        new("Nav.MyBusinesses", Features.Home.HomeRoutes.OperatorHome, Policies.Operator),
        new("Nav.EpcisKeys", Features.Traceability.TraceabilityRoutes.EpcisKeys, Policies.Operator),
        new("Nav.TraceParties", Features.Traceability.TraceabilityRoutes.Parties, Policies.Operator),
        new("Nav.Jurisdiction", Features.Organization.OrganizationRoutes.Jurisdiction, Policies.Admin, "Nav.Admin"),
        new("Nav.Townships", Features.Organization.OrganizationRoutes.Townships, Policies.Admin, "Nav.Admin"),
        new("Nav.Units", Features.Organization.OrganizationRoutes.Units, Policies.Admin, "Nav.Admin"),
        new("Nav.Users", Features.Accounts.AccountsRoutes.Users, Policies.Admin, "Nav.Admin"),
        new("Nav.ApiKeys", Features.Accounts.AccountsRoutes.ApiKeys, Policies.Admin, "Nav.Admin"),
        new("Nav.Calendar", Features.Common.CommonRoutes.Calendar, Policies.Admin, "Nav.Admin"),
        new("Nav.Audit", Features.Audit.AuditRoutes.Trail, Policies.Admin, "Nav.Admin"),
        new("Nav.Ledger", Features.Ledger.LedgerRoutes.Overview, Policies.Office, "Nav.Admin"),
        new("Nav.ApiReference", "/scalar", Policies.Staff, "Nav.Help"),
    ];

    private (string Zh, string En)? _names;

    public async Task<string> PlatformNameAsync()
    {
        _names ??= await db.Jurisdictions.AsNoTracking()
            .Select(j => new ValueTuple<string, string>(j.PlatformName, j.PlatformNameEn))
            .FirstOrDefaultAsync();
        // A new database has no jurisdiction yet: FirstOrDefault then gives a tuple of nulls.
        var (zh, en) = (_names.Value.Item1 ?? "", _names.Value.Item2 ?? "");
        var name = Localization.IsEnglish && en.Length > 0 ? en : zh;
        return name.Length > 0 ? name : Localization.IsEnglish ? "Shian food-safety platform" : "食安监管平台";
    }

    public async Task<IReadOnlyList<NavItem>> VisibleNavigationAsync()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return [];
        }
        var visible = new List<NavItem>();
        foreach (var item in Navigation)
        {
            if ((await authorization.AuthorizeAsync(user, item.Policy)).Succeeded)
            {
                visible.Add(item);
            }
        }
        return visible;
    }

    /// <summary>Where a user lands after signing in: the workbench for staff, their businesses for operators.</summary>
    public static string HomeFor(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Shian.Accounts.Roles.Operator) && !Shian.Accounts.Roles.Staff.Any(user.IsInRole) ? Features.Home.HomeRoutes.OperatorHome : Features.Home.HomeRoutes.Workbench;
}
