using System.Net;
using Microsoft.EntityFrameworkCore;
using Shian.Inspections;
using Shian.Web.Features.Accounts;
using Shian.Web.Features.Audit;
using Shian.Web.Features.Credit;
using Shian.Web.Features.Home;
using Shian.Web.Features.Inspections;
using Shian.Web.Features.KitchenVideo;
using Shian.Web.Features.Ledger;
using Shian.Web.Features.Rectification;
using Shian.Web.Features.Registry;
using Shian.Web.Features.Risk;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// Every address the route helpers of Registry, Inspections, Credit, Rectification, Risk, KitchenVideo, Ledger, Accounts,
/// Home and Audit build, with real ids of the demo district, answers as a role that may use it with something other than
/// 404: a helper that drifts from its page's <c>@page</c> template fails here, not in production.
/// </summary>
public sealed class RouteHelpersATests(CrawlerTests.DemoDistrictFactory factory) : IClassFixture<CrawlerTests.DemoDistrictFactory>
{
    [Fact]
    public async Task Every_helper_address_reaches_its_page()
    {
        using var office = await factory.SignedInAsync("office");
        var business = await factory.QueryAsync(db => db.OperatorBusinesses.Join(db.Businesses, o => o.BusinessId, b => b.Id, (o, b) => b)
            .Select(b => new { b.Id, b.CreditCode }).FirstAsync());
        // The demo has red and black lists but no serious-violation listing: the office makes one.
        await office.PostFormAsync(CreditRoutes.NewSerious, new()
        {
            ["Input.Business"] = business.CreditCode, ["Input.Basis"] = "津市监罚〔2025〕7 号",
            ["Input.Provision"] = "《市场监督管理严重违法失信名单管理办法》第二条第一项",
            ["Input.DecidedOn"] = DateTime.Today.AddDays(-30).ToString("yyyy-MM-dd"),
        });

        var ids = await factory.QueryAsync(async db => new
        {
            Inspection = await db.Inspections.Select(i => i.Id).FirstAsync(),
            Order = await db.RectificationOrders.Select(o => o.Id).FirstAsync(),
            Team = await db.InspectionTeams.Where(t => t.TownshipId != null).Select(t => new { t.Id, Township = t.TownshipId!.Value }).FirstAsync(),
            Unit = await db.Units.Select(u => u.Id).FirstAsync(),
            Planned = await db.PlannedInspections.Select(p => new { p.Id, p.BusinessId }).FirstAsync(), // a visit of its own business

            Checklist = await db.Checklists.Select(c => c.Name).FirstAsync(),
            Sheet = await db.RiskSheets.Select(s => s.Id).FirstAsync(),
            Video = await db.KitchenVideoLinks.Select(v => v.BusinessId).FirstAsync(),
            Serious = await db.SeriousViolations.Select(s => s.Id).FirstAsync(),
            RedBlack = await db.RedBlackLists.Select(r => r.Id).FirstAsync(),
            Leaf = await db.LedgerEntries.MinAsync(e => e.Index),
            User = await db.Users.Where(u => u.UserName == "township").Select(u => u.Id).SingleAsync(),
        });

        (string Role, string Address)[] addresses =
        [
            ("office", RegistryRoutes.Businesses), ("office", RegistryRoutes.NewBusiness), ("office", RegistryRoutes.BusinessImport),
            ("office", RegistryRoutes.Licences), ("office", RegistryRoutes.LicenceImport), ("office", RegistryRoutes.Business(business.Id)),
            ("office", RegistryRoutes.EditBusiness(business.Id)), ("office", RegistryRoutes.NewLicence(business.Id)), ("office", RegistryRoutes.LicencesWithin(30)),
            ("anonymous", RegistryRoutes.LicenceQr(await factory.QueryAsync(db => db.Licences.Select(l => l.PublicCode).FirstAsync()))),

            ("office", InspectionsRoutes.Inspections), ("office", InspectionsRoutes.Inspection(ids.Inspection)),
            ("office", InspectionsRoutes.NewInspection(business.Id, InspectionKind.Routine)),
            ("office", InspectionsRoutes.NewCampaignInspection(business.Id, await factory.QueryAsync(db => db.Campaigns.Select(c => c.Id).FirstAsync()))),
            ("office", InspectionsRoutes.NewPlannedInspection(ids.Planned.BusinessId, ids.Planned.Id)),
            ("office", InspectionsRoutes.Schedule), ("office", InspectionsRoutes.ScheduleOfTeam(ids.Team.Id)), ("office", InspectionsRoutes.ScheduleOfTeam(ids.Team.Id, DateTime.Today.Year)),
            ("office", InspectionsRoutes.Teams), ("office", InspectionsRoutes.TeamsOf(ids.Team.Township)), ("office", InspectionsRoutes.NewTeam),
            ("office", InspectionsRoutes.NewTeamOfTownship(ids.Team.Township)), ("office", InspectionsRoutes.NewTeamOfUnit(ids.Unit)), ("office", InspectionsRoutes.EditTeam(ids.Team.Id)),
            ("office", InspectionsRoutes.Checklists), ("office", InspectionsRoutes.NewChecklist), ("office", InspectionsRoutes.Checklist(ids.Checklist)),
            ("office", InspectionsRoutes.ChecklistIssue(ids.Checklist)), ("office", InspectionsRoutes.NewChecklistFrom(ids.Checklist)),

            ("office", CreditRoutes.Serious), ("office", CreditRoutes.NewSerious), ("office", CreditRoutes.SeriousPendingRemoval), ("office", CreditRoutes.SeriousListing(ids.Serious)),
            ("office", CreditRoutes.RedBlack), ("office", CreditRoutes.RedBlackRules), ("office", CreditRoutes.RedBlackList(ids.RedBlack)), ("operator", CreditRoutes.Repair),

            ("office", RectificationRoutes.Orders), ("office", RectificationRoutes.OrdersShowing("overdue")), ("office", RectificationRoutes.Order(ids.Order)),
            ("office", RectificationRoutes.NewOrder(ids.Inspection)),

            ("office", RiskRoutes.Overview), ("office", RiskRoutes.NewFactor(business.Id)), ("office", RiskRoutes.Sheet(ids.Sheet)),
            ("office", KitchenVideoRoutes.Overview), ("office", KitchenVideoRoutes.Business(ids.Video)),
            ("office", LedgerRoutes.Overview), ("office", LedgerRoutes.LatestTreeHead), ("office", LedgerRoutes.PublicKey), ("office", LedgerRoutes.InclusionProof(ids.Leaf)),

            ("anonymous", AccountsRoutes.Login), ("office", AccountsRoutes.Logout), ("office", AccountsRoutes.AccessDenied), ("office", AccountsRoutes.ChangePassword),
            ("admin", AccountsRoutes.Users), ("admin", AccountsRoutes.NewUser), ("admin", AccountsRoutes.EditUser(ids.User)), ("admin", AccountsRoutes.ApiKeys),
            ("office", HomeRoutes.Workbench), ("operator", HomeRoutes.OperatorHome), ("admin", AuditRoutes.Trail),
        ];

        using var admin = await factory.SignedInAsync("admin");
        using var @operator = await factory.SignedInAsync("operator");
        using var anonymous = factory.NewClient();
        var clients = new Dictionary<string, HttpClient> { ["office"] = office, ["admin"] = admin, ["operator"] = @operator, ["anonymous"] = anonymous };
        var failures = new List<string>();
        foreach (var (role, address) in addresses)
        {
            using var response = await clients[role].GetAsync(address);
            if (response.StatusCode == HttpStatusCode.NotFound || (int)response.StatusCode >= 500)
            {
                failures.Add($"{role} {address}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(failures);
    }
}
