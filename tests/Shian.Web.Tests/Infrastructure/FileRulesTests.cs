using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// One download route, <c>/files/{id}</c>, with a rule per owner kind: each kind's rule opens the file to a role that
/// sees its record (the office, district-wide) and refuses a role that does not (the laboratory, the operator, a
/// township for another township's record): 404 where the record is out of sight, 403 where the module is closed to
/// the role. Runs on the demo district with its work (inspections, samples, orders...). A checked import waiting for confirmation opens to no one.
/// </summary>
public sealed class FileRulesTests(CrawlerTests.DemoDistrictFactory factory) : IClassFixture<CrawlerTests.DemoDistrictFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4 test"u8.ToArray();

    private async Task<Guid> AttachAsync(string ownerKind, Func<ShianDb, Task<Guid>> owner)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var (file, error) = StoredFile.From("evidence.pdf", Pdf, ownerKind, await owner(db), "test", DateTime.UtcNow);
        Assert.Null(error);
        db.StoredFiles.Add(file!);
        await db.SaveChangesAsync();
        return file!.Id;
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/access-denied") == true);

    private async Task AdmitsAndRefusesAsync(Guid file, string admitted, string refused)
    {
        using var yes = await factory.SignedInAsync(admitted);
        var opened = await yes.GetAsync($"/files/{file}");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(Pdf, await opened.Content.ReadAsByteArrayAsync());
        using var no = await factory.SignedInAsync(refused);
        var response = await no.GetAsync($"/files/{file}");
        Assert.True(Refused(response), $"{refused} got {response.StatusCode} for a file the rule should refuse");
    }

    [Fact]
    public async Task Plan_work_opens_to_staff_and_not_to_an_operator()
    {
        var file = await AttachAsync(FileOwners.TaskReport, _ => Task.FromResult(Guid.NewGuid())); // plan work: the rule asks only for staff
        await AdmitsAndRefusesAsync(file, "office", "operator");
    }

    [Fact]
    public async Task An_inspection_photo_opens_to_who_sees_the_inspection_and_not_to_another_township()
    {
        var wenchang = await factory.QueryAsync(db => db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync());
        var file = await AttachAsync(FileOwners.InspectionPhoto, db => db.Inspections
            .Where(i => db.Businesses.Any(b => b.Id == i.BusinessId && b.TownshipId != wenchang)).SelectMany(i => i.Items.Select(x => x.Id)).FirstAsync());
        await AdmitsAndRefusesAsync(file, "inspector", "township");
        using var township = await factory.SignedInAsync("township");
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/files/{file}")).StatusCode); // out of sight, as the inspection is
    }

    [Fact]
    public async Task Rectification_evidence_opens_to_the_office_and_not_to_the_laboratory()
    {
        var file = await AttachAsync(FileOwners.RectificationResponse, db => db.RectificationOrders.Select(o => o.Id).FirstAsync());
        await AdmitsAndRefusesAsync(file, "office", "lab");
    }

    [Fact]
    public async Task A_school_meal_photo_opens_to_the_office_and_not_to_the_laboratory()
    {
        var file = await AttachAsync(FileOwners.SchoolMealPhoto, db => db.SchoolMealRecords.Select(r => r.Id).FirstAsync());
        await AdmitsAndRefusesAsync(file, "office", "lab");
    }

    [Fact]
    public async Task Import_disposal_evidence_opens_to_the_office_and_not_to_the_laboratory()
    {
        var file = await AttachAsync(FileOwners.ImportDisposalEvidence, db => db.ImportedFoodChecks.Select(c => c.Id).FirstAsync());
        await AdmitsAndRefusesAsync(file, "office", "lab");
    }

    [Fact]
    public async Task Sample_and_failure_files_open_to_the_office_and_not_to_an_operator_of_another_business()
    {
        var mine = await factory.QueryAsync(db => db.OperatorBusinesses
            .Where(x => db.Users.Any(u => u.Id == x.UserId && u.UserName == "operator")).Select(x => x.BusinessId).ToListAsync());
        foreach (var kind in new[] { FileOwners.SampleReport, FileOwners.SampleSignature })
        {
            var file = await AttachAsync(kind, db => db.Samples.Where(s => !mine.Contains(s.BusinessId)).Select(s => s.Id).FirstAsync());
            await AdmitsAndRefusesAsync(file, "office", "operator");
        }
        var failure = await AttachAsync(FileOwners.SampleFailureEvidence, db => db.SampleFailures
            .Where(f => db.Samples.Any(s => s.Id == f.SampleId && !mine.Contains(s.BusinessId))).Select(f => f.Id).FirstAsync());
        await AdmitsAndRefusesAsync(failure, "office", "operator");
    }

    [Fact]
    public async Task Complaint_evidence_opens_to_the_handling_township_and_the_office_and_not_to_a_district_inspector()
    {
        var wenchang = await factory.QueryAsync(db => db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync());
        var file = await AttachAsync(FileOwners.ComplaintEvidence, async db =>
        {
            var business = await db.Businesses.Where(b => b.TownshipId == wenchang).Select(b => new { b.Id, b.Name, b.Address }).FirstAsync();
            var (complaint, errors) = await Shian.Complaints.ComplaintIntake.ReceiveAsync(db,
                new(Shian.Complaints.ComplaintKind.Report, business.Name, null, business.Address, "file rule test", null, "举报人", "13800138000", business.Id),
                Shian.Complaints.ComplaintChannel.Online, new Shian.Complaints.ComplaintSettings(), "test", DateTime.UtcNow);
            Assert.Empty(errors);
            return complaint!.Id;
        });
        // The evidence may show who the informant is: only who may see the informant opens it.
        await AdmitsAndRefusesAsync(file, "township", "inspector");
        await AdmitsAndRefusesAsync(file, "office", "operator");
    }

    [Fact]
    public async Task A_checked_import_waiting_for_confirmation_opens_to_no_one()
    {
        var admin = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "office").Select(u => u.Id).SingleAsync());
        var file = await AttachAsync(FileOwners.BusinessImport, _ => Task.FromResult(admin));
        using var office = await factory.SignedInAsync("office");
        Assert.True(Refused(await office.GetAsync($"/files/{file}")));
    }
}
