using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Assessment;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Features.Assessment;
using Shian.Web.Features.Campaigns;
using Shian.Web.Features.Common;
using Shian.Web.Features.Grain;
using Shian.Web.Features.Organization;
using Shian.Web.Features.Plans;
using Shian.Web.Features.Schools;
using Shian.Web.Features.Traceability;
using Shian.Web.Public;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// Every address the route helpers of traceability, plans, grain, assessment, schools, organization, campaigns, the
/// common pages and the public pages build, opened with a real record of the demo district by a role that may see it:
/// a helper that drifts from its page's <c>@page</c> template answers 404 here, not in a user's browser. The list must
/// name every member of those helpers, so a new one comes with its check.
/// </summary>
public sealed class RouteHelpersBTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly Type[] Helpers =
    [
        typeof(TraceabilityRoutes), typeof(PlansRoutes), typeof(GrainRoutes), typeof(AssessmentRoutes), typeof(SchoolsRoutes),
        typeof(OrganizationRoutes), typeof(CampaignsRoutes), typeof(CommonRoutes), typeof(PublicRoutes),
    ];

    private static readonly ConcurrentDictionary<ShianWebFactory, Task> Seeded = new();

    /// <summary>The demo district's work (plans, grain, schools, samples, trace...), once per host.</summary>
    private Task SeededAsync() => Seeded.GetOrAdd(factory, async f =>
    {
        await using var scope = f.Services.CreateAsyncScope();
        await Shian.Demo.DemoWork.SeedAsync(scope.ServiceProvider.GetRequiredService<ShianDb>(), TimeProvider.System);
    });

    private sealed record Check(Type Helper, string Member, string Role, string Url);

    private const string Anonymous = "";

    /// <summary>The demo operator through an EPCIS capture key, as a capture client calls the API.</summary>
    private const string CaptureKey = "epcis-capture-key";

    private string? _captureSecret;

    private async Task<List<Check>> ChecksAsync() => await factory.QueryAsync(async db =>
    {
        var plan = await db.Plans.Select(p => p.Id).FirstAsync();
        var task = await db.PlanTasks.Select(t => t.Id).FirstAsync();
        var scheme = await db.AssessmentSchemes.Select(s => s.Id).FirstAsync();
        // The demo scores no period: one round of the demo scheme, as the scheme page's Score would store it.
        var round = new AssessmentRound { Id = Guid.CreateVersion7(), SchemeId = scheme, Period = "2020", Start = new(2020, 1, 1), End = new(2020, 12, 31) };
        db.AssessmentRounds.Add(round);
        await db.SaveChangesAsync();
        var silo = await db.Silos.Select(s => s.Id).FirstAsync();
        var meal = await db.SchoolMealRecords.OrderBy(m => m.Id).Select(m => new { m.Id, m.BusinessId }).FirstAsync();
        var township = await db.Townships.Select(t => t.Id).FirstAsync();
        var unit = await db.Units.Select(u => u.Id).FirstAsync();
        var campaign = await db.Campaigns.Select(c => c.Id).FirstAsync();
        var file = await db.StoredFiles.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        var product = await db.TraceProducts.OrderBy(p => p.Id).Select(p => new { p.Id, p.Gtin }).FirstAsync();
        var code = await db.TraceCodes.OrderBy(c => c.Code).FirstAsync();
        var certificate = await db.ProduceCertificates.OrderBy(c => c.Id).Select(c => new { c.Id, c.Code }).FirstAsync();
        var licence = await db.Licences.Where(l => l.PublicCode != "").OrderBy(l => l.Id).Select(l => l.PublicCode).FirstAsync();
        var lot = await db.EpcisEventEpcs.OrderBy(e => e.Key).Select(e => e.Key).FirstAsync();
        var published = await SamplingPublication.PublishedSamples(db).Select(x => x.Sample.Id).FirstAsync();
        var token = await db.Samples.Where(s => s.PublicToken != null && s.Number != null).Select(s => s.PublicToken!).FirstAsync();
        var year = DateTime.UtcNow.Year;
        // A demo capture job, read by the demo operator (made one of its business's operators) with a capture key.
        var job = await db.CaptureJobs.OrderBy(j => j.Id).Select(j => new { j.Id, j.BusinessId }).FirstAsync();
        var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
        if (!await db.OperatorBusinesses.AnyAsync(o => o.UserId == operatorId && o.BusinessId == job.BusinessId))
        {
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = job.BusinessId });
        }
        var (key, secret) = ApiKey.Create(operatorId, "route-helpers", [ApiScopes.EpcisCapture], DateTime.UtcNow);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        _captureSecret = secret;
        return new List<Check>
        {
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.Lots), "admin", TraceabilityRoutes.Lots),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.Products), "admin", TraceabilityRoutes.Products),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.Claims), "admin", TraceabilityRoutes.Claims),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.Certificates), "admin", TraceabilityRoutes.Certificates),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.NewCertificate), "operator", TraceabilityRoutes.NewCertificate),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.UploadRate), "admin", TraceabilityRoutes.UploadRate),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.UploadRequirement), "admin", TraceabilityRoutes.UploadRequirement),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.EpcisKeys), "operator", TraceabilityRoutes.EpcisKeys),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.Parties), "operator", TraceabilityRoutes.Parties),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.Lot), "admin", TraceabilityRoutes.Lot(lot)),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.Labels), "admin", TraceabilityRoutes.Labels(product.Id)),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.LabelsFor), "admin", TraceabilityRoutes.LabelsFor(product.Id, "A 1/2", 4)),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.Certificate), "admin", TraceabilityRoutes.Certificate(certificate.Id)),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.CertificatePrint), "admin", TraceabilityRoutes.CertificatePrint(certificate.Id)),
            new(typeof(TraceabilityRoutes), nameof(TraceabilityRoutes.CaptureJob), CaptureKey, TraceabilityRoutes.CaptureJob(job.Id)),
            new(typeof(PlansRoutes), nameof(PlansRoutes.Plans), "office", PlansRoutes.Plans),
            new(typeof(PlansRoutes), nameof(PlansRoutes.Import), "office", PlansRoutes.Import),
            new(typeof(PlansRoutes), nameof(PlansRoutes.Plan), "office", PlansRoutes.Plan(plan)),
            new(typeof(PlansRoutes), nameof(PlansRoutes.Dashboard), "office", PlansRoutes.Dashboard(plan)),
            new(typeof(PlansRoutes), nameof(PlansRoutes.Indicators), "office", PlansRoutes.Indicators(plan)),
            new(typeof(PlansRoutes), nameof(PlansRoutes.Task), "office", PlansRoutes.Task(task)),
            new(typeof(GrainRoutes), nameof(GrainRoutes.Silos), "admin", GrainRoutes.Silos),
            new(typeof(GrainRoutes), nameof(GrainRoutes.Purchase), "admin", GrainRoutes.Purchase),
            new(typeof(GrainRoutes), nameof(GrainRoutes.Imports), "admin", GrainRoutes.Imports),
            new(typeof(GrainRoutes), nameof(GrainRoutes.Silo), "admin", GrainRoutes.Silo(silo)),
            new(typeof(AssessmentRoutes), nameof(AssessmentRoutes.Schemes), "office", AssessmentRoutes.Schemes),
            new(typeof(AssessmentRoutes), nameof(AssessmentRoutes.Scheme), "office", AssessmentRoutes.Scheme(scheme)),
            new(typeof(AssessmentRoutes), nameof(AssessmentRoutes.Round), "office", AssessmentRoutes.Round(round.Id)),
            new(typeof(SchoolsRoutes), nameof(SchoolsRoutes.Schools), "admin", SchoolsRoutes.Schools),
            new(typeof(SchoolsRoutes), nameof(SchoolsRoutes.Meals), "admin", SchoolsRoutes.Meals),
            new(typeof(SchoolsRoutes), nameof(SchoolsRoutes.MealsOf), "admin", SchoolsRoutes.MealsOf(meal.BusinessId)),
            new(typeof(SchoolsRoutes), nameof(SchoolsRoutes.Meal), "admin", SchoolsRoutes.Meal(meal.Id)),
            new(typeof(OrganizationRoutes), nameof(OrganizationRoutes.Jurisdiction), "admin", OrganizationRoutes.Jurisdiction),
            new(typeof(OrganizationRoutes), nameof(OrganizationRoutes.Townships), "admin", OrganizationRoutes.Townships),
            new(typeof(OrganizationRoutes), nameof(OrganizationRoutes.NewTownship), "admin", OrganizationRoutes.NewTownship),
            new(typeof(OrganizationRoutes), nameof(OrganizationRoutes.Township), "admin", OrganizationRoutes.Township(township)),
            new(typeof(OrganizationRoutes), nameof(OrganizationRoutes.Units), "admin", OrganizationRoutes.Units),
            new(typeof(OrganizationRoutes), nameof(OrganizationRoutes.NewUnit), "admin", OrganizationRoutes.NewUnit),
            new(typeof(OrganizationRoutes), nameof(OrganizationRoutes.Unit), "admin", OrganizationRoutes.Unit(unit)),
            new(typeof(CampaignsRoutes), nameof(CampaignsRoutes.Campaigns), "office", CampaignsRoutes.Campaigns),
            new(typeof(CampaignsRoutes), nameof(CampaignsRoutes.New), "office", CampaignsRoutes.New),
            new(typeof(CampaignsRoutes), nameof(CampaignsRoutes.Campaign), "office", CampaignsRoutes.Campaign(campaign)),
            new(typeof(CampaignsRoutes), nameof(CampaignsRoutes.Edit), "office", CampaignsRoutes.Edit(campaign)),
            new(typeof(CommonRoutes), nameof(CommonRoutes.Calendar), "admin", CommonRoutes.Calendar),
            new(typeof(CommonRoutes), nameof(CommonRoutes.CalendarNotice), "admin", CommonRoutes.CalendarNotice),
            new(typeof(CommonRoutes), nameof(CommonRoutes.CalendarOf), "admin", CommonRoutes.CalendarOf(year)),
            new(typeof(CommonRoutes), nameof(CommonRoutes.File), "admin", CommonRoutes.File(file)),
            new(typeof(PublicRoutes), nameof(PublicRoutes.Home), Anonymous, PublicRoutes.Home),
            new(typeof(PublicRoutes), nameof(PublicRoutes.Report), Anonymous, PublicRoutes.Report),
            new(typeof(PublicRoutes), nameof(PublicRoutes.RedBlack), Anonymous, PublicRoutes.RedBlack),
            new(typeof(PublicRoutes), nameof(PublicRoutes.Sampling), Anonymous, PublicRoutes.Sampling),
            new(typeof(PublicRoutes), nameof(PublicRoutes.Error), Anonymous, PublicRoutes.Error),
            new(typeof(PublicRoutes), nameof(PublicRoutes.SamplingResult), Anonymous, PublicRoutes.SamplingResult(published)),
            new(typeof(PublicRoutes), nameof(PublicRoutes.SampleForm), Anonymous, PublicRoutes.SampleForm(token)),
            new(typeof(PublicRoutes), nameof(PublicRoutes.Trace), Anonymous, PublicRoutes.Trace(product.Gtin)),
            new(typeof(PublicRoutes), nameof(PublicRoutes.Trace), Anonymous, PublicRoutes.Trace(code.Gtin, code.Lot)),
            new(typeof(PublicRoutes), nameof(PublicRoutes.TraceShort), Anonymous, PublicRoutes.TraceShort(code.Code)),
            new(typeof(PublicRoutes), nameof(PublicRoutes.Certificate), Anonymous, PublicRoutes.Certificate(certificate.Code)),
            new(typeof(PublicRoutes), nameof(PublicRoutes.LicenceCheck), Anonymous, PublicRoutes.LicenceCheck(licence)),
        };
    });

    [Fact]
    public async Task Every_address_the_helpers_build_opens_its_page()
    {
        await SeededAsync();
        var checks = await ChecksAsync();

        var members = Helpers.SelectMany(h => h.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is FieldInfo or MethodInfo).Select(m => $"{h.Name}.{m.Name}")).ToHashSet();
        Assert.Equal(members.Order(), checks.Select(c => $"{c.Helper.Name}.{c.Member}").Distinct().Order());

        var clients = new Dictionary<string, HttpClient> { [Anonymous] = factory.NewClient() };
        clients[CaptureKey] = factory.NewClient();
        clients[CaptureKey].DefaultRequestHeaders.Authorization = new("Bearer", _captureSecret);
        foreach (var role in checks.Select(c => c.Role).Distinct().Where(r => r is not (Anonymous or CaptureKey)))
        {
            clients[role] = await factory.SignedInAsync(role);
        }
        var failures = new List<string>();
        foreach (var check in checks)
        {
            var response = await clients[check.Role].GetAsync(check.Url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{check.Helper.Name}.{check.Member} {check.Url} as {(check.Role == Anonymous ? "anonymous" : check.Role)}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
