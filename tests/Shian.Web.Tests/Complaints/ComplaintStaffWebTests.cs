using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Registry;
using Shian.Sampling;
using Shian.Web.Features.Complaints;
using Shian.Web.Features.Inspections;
using Shian.Web.Features.Sampling;

namespace Shian.Web.Tests.Complaints;

/// <summary>
/// The staff side of complaints: who sees which (the handling township, the triage department, a released business
/// without the informant, no laboratory), each handling form calling its transition (a refused one worded, nothing
/// changed), a verified violation feeding the risk grade, a hotline ticket entered once, an export without informants.
/// Complaints are seeded through <see cref="ComplaintIntake"/>, the one way in.
/// </summary>
public sealed class ComplaintStaffWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    /// <summary>鑫源超市 in 文昌街道 (the demo township user's).</summary>
    private const string WenchangCode = "91120119AY4CL12THD";

    /// <summary>老王家常菜馆 in 渔阳镇 (another township).</summary>
    private const string YuyangCode = "921201193BJ1XG612E";

    private async Task EnsureBusinessesAsync()
    {
        await factory.QueryAsync(async db =>
        {
            if (!await db.Businesses.AnyAsync(b => b.CreditCode == WenchangCode))
            {
                Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
            }
            return 0;
        });
    }

    private async Task<Complaint> SeedAsync(ComplaintKind kind, string? creditCode, string address, string description, string? name = "王小明",
        string? phone = "13912345678", ComplaintField field = ComplaintField.FoodBusiness, DateTime? at = null)
    {
        await EnsureBusinessesAsync();
        return await factory.QueryAsync(async (db, services) =>
        {
            var input = new Complaint.Input(kind, "被投诉商户", creditCode, address, description, null, name, phone, Field: field);
            var (complaint, errors) = await ComplaintIntake.ReceiveAsync(db, input, ComplaintChannel.Online, services.GetRequiredService<ComplaintSettings>(),
                "test", at ?? DateTime.UtcNow);
            Assert.Empty(errors);
            return complaint!;
        });
    }

    /// <summary>The demo operator runs the business (the complaints against it reach them once released).</summary>
    private Task LinkOperatorAsync(Guid business) => factory.QueryAsync(async db =>
    {
        var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
        if (!await db.OperatorBusinesses.AnyAsync(o => o.UserId == operatorId && o.BusinessId == business))
        {
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = business });
            await db.SaveChangesAsync();
        }
        return 0;
    });

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private Task<Complaint> ReloadAsync(Guid id) =>
        factory.QueryAsync(db => db.Complaints.AsNoTracking().Include(c => c.Entries).SingleAsync(c => c.Id == id));

    private static string Page(Guid id) => $"/complaints/{id}";

    [Fact]
    public async Task Each_role_sees_what_its_scope_allows_and_the_informant_only_where_it_handles()
    {
        var mine = await SeedAsync(ComplaintKind.Complaint, WenchangCode, "文昌街道府君路18号", "买到过期的牛奶，要求退货赔偿");
        var other = await SeedAsync(ComplaintKind.Complaint, YuyangCode, "渔阳镇北大街8号", "菜里有异物，要求赔偿");
        var triage = await SeedAsync(ComplaintKind.Report, null, "不知道在哪个镇的小摊", "无证经营卤味", name: null, phone: null);

        var township = await factory.SignedInAsync("township");
        var html = await township.GetStringAsync(Page(mine.Id));
        Assert.Contains("13912345678", html);
        Assert.Contains("data-testid=\"accept\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(Page(other.Id))).StatusCode);
        var list = await township.GetStringAsync("/complaints");
        Assert.Contains(mine.Id.ToString(), list);
        Assert.DoesNotContain(other.Id.ToString(), list);

        var department = await factory.SignedInAsync("department");
        Assert.Equal(HttpStatusCode.OK, (await department.GetAsync(Page(triage.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync(Page(mine.Id))).StatusCode);

        // A district-wide inspector reads it, but not who made it, and does not handle it.
        var inspector = await factory.SignedInAsync("inspector");
        var read = await inspector.GetStringAsync(Page(mine.Id));
        Assert.DoesNotContain("13912345678", read);
        Assert.Contains("139****5678", read);
        Assert.DoesNotContain("data-testid=\"accept\"", read);

        var lab = await factory.SignedInAsync("lab");
        Assert.NotEqual(HttpStatusCode.OK, (await lab.GetAsync("/complaints")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await lab.GetAsync(Page(mine.Id))).StatusCode);

        // The business: nothing until it is released, then the substance without the informant.
        await LinkOperatorAsync(mine.BusinessId!.Value);
        var business = await factory.SignedInAsync("operator");
        Assert.Equal(HttpStatusCode.NotFound, (await business.GetAsync(Page(mine.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(Page(mine.Id), [], Page(mine.Id) + "?handler=Release")).StatusCode);
        var released = await business.GetStringAsync(Page(mine.Id));
        Assert.Contains("买到过期的牛奶", released);
        Assert.DoesNotContain("13912345678", released);
        Assert.DoesNotContain("王小明", released);
        Assert.DoesNotContain("王*", released);
        Assert.DoesNotContain("data-testid=\"log\"", released);
        // The detail page with every handling form, the list, as each role: no resource key asked for and missing.
        Assert.Empty(factory.Services.GetRequiredService<Shian.Web.Infrastructure.MissingResources>().Keys);
    }

    [Fact]
    public async Task A_complaint_is_accepted_mediated_with_a_verified_violation_closed_and_visited_through_its_forms()
    {
        var c = await SeedAsync(ComplaintKind.Complaint, WenchangCode, "文昌街道府君路18号", "熟食变质导致腹泻，要求赔偿医药费");
        var township = await factory.SignedInAsync("township");
        var page = Page(c.Id);

        // Mediation before acceptance is refused, worded, and changes nothing.
        var refused = await township.PostFormAsync(page, new() { ["Note"] = "双方达成协议", ["Agreement"] = "true" }, page + "?handler=Mediate");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("field-error", await refused.Content.ReadAsStringAsync());
        Assert.Equal(ComplaintStatus.Received, (await ReloadAsync(c.Id)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, [], page + "?handler=Accept")).StatusCode);
        Assert.Equal(ComplaintStatus.Accepted, (await ReloadAsync(c.Id)).Status);

        var before = await factory.QueryAsync(db => db.RiskFactors.CountAsync(f => f.BusinessId == c.BusinessId && f.Source == ComplaintRisk.RiskSource));
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page,
            new() { ["Note"] = "经调解，商户赔偿500元", ["Agreement"] = "true", ["ViolationFound"] = "true" }, page + "?handler=Mediate")).StatusCode);
        var mediated = await ReloadAsync(c.Id);
        Assert.Equal(ComplaintStatus.Mediated, mediated.Status);
        Assert.Equal(ComplaintOutcome.Agreement, mediated.Outcome);
        Assert.Equal(before + 1, await factory.QueryAsync(db => db.RiskFactors.CountAsync(f => f.BusinessId == c.BusinessId && f.Source == ComplaintRisk.RiskSource)));

        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, new() { ["Reply"] = "已调解，商户赔偿500元" }, page + "?handler=Close")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, new() { ["Satisfaction"] = "Satisfied" }, page + "?handler=Visit")).StatusCode);
        var done = await ReloadAsync(c.Id);
        Assert.Equal(ComplaintStatus.Closed, done.Status);
        Assert.Equal(Satisfaction.Satisfied, done.Satisfaction);
        Assert.Contains(done.Entries, e => e.Kind == ComplaintEntryKind.ReturnVisit);
    }

    [Fact]
    public async Task The_signed_mediation_record_is_kept_with_the_mediation_and_opens_to_the_handler_and_the_released_business_only()
    {
        var c = await SeedAsync(ComplaintKind.Complaint, WenchangCode, "文昌街道府君路18号", "调解协议上传：买到变质月饼", name: "孙签字", phone: "13566667777");
        var township = await factory.SignedInAsync("township");
        var page = Page(c.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, [], page + "?handler=Accept")).StatusCode);
        Task<List<StoredFile>> FilesAsync() => factory.QueryAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.OwnerId == c.Id).ToListAsync());

        // Neither a picture nor a PDF: refused on its field, the mediation not ended, nothing stored.
        var refused = await township.PostFilesAsync(page, new() { ["Note"] = "双方达成协议", ["Agreement"] = "true" },
            [("SignedRecord", "协议.exe", "MZ\u0090\0 not a record"u8.ToArray())], page + "?handler=Mediate");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("data-testid=\"error-SignedRecord\"[^>]*>[^<]*协议.exe", await refused.Content.ReadAsStringAsync());
        Assert.Equal(ComplaintStatus.Accepted, (await ReloadAsync(c.Id)).Status);
        Assert.Empty(await FilesAsync());

        // Mediated with the signed record, a photo its phone named after the complainant: kept under a neutral name.
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFilesAsync(page, new() { ["Note"] = "经调解商户退款并赔偿200元", ["Agreement"] = "true" },
            [("SignedRecord", "孙签字-调解协议.png", Png)], page + "?handler=Mediate")).StatusCode);
        Assert.Equal(ComplaintOutcome.Agreement, (await ReloadAsync(c.Id)).Outcome);
        var record = Assert.Single(await FilesAsync());
        Assert.Equal((FileOwners.ComplaintMediationRecord, "image/png"), (record.OwnerKind, record.ContentType));
        Assert.DoesNotContain("孙签字", record.FileName);
        // The submitter's own photo, as the public form stores it.
        var evidence = await factory.QueryAsync(async db =>
        {
            var (file, _) = StoredFile.Photo("receipt.png", Png, FileOwners.ComplaintEvidence, c.Id, "public", DateTime.UtcNow);
            db.StoredFiles.Add(file!);
            await db.SaveChangesAsync();
            return file!;
        });
        var recordUrl = $"/files/{record.Id}";
        var evidenceUrl = $"/files/{evidence.Id}";

        // The handling township sees both on the detail and opens them.
        var html = await township.GetStringAsync(page);
        Assert.Contains($"href=\"{recordUrl}\"", html);
        Assert.Contains($"href=\"{evidenceUrl}\"", html);
        var download = await township.GetAsync(recordUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());

        // A district inspector reads the complaint with the informant masked, and neither file; the laboratory nothing.
        var inspector = await factory.SignedInAsync("inspector");
        var read = await inspector.GetStringAsync(page);
        Assert.DoesNotContain(record.Id.ToString(), read);
        Assert.DoesNotContain(evidence.Id.ToString(), read);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync(recordUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync(evidenceUrl)).StatusCode);
        var lab = await factory.SignedInAsync("lab");
        Assert.NotEqual(HttpStatusCode.OK, (await lab.GetAsync(recordUrl)).StatusCode);

        // The business: nothing before the complaint is released to it; then the signed record (it signed it too), never
        // the submitter's evidence or name.
        await LinkOperatorAsync(c.BusinessId!.Value);
        var business = await factory.SignedInAsync("operator");
        Assert.Equal(HttpStatusCode.NotFound, (await business.GetAsync(recordUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, [], page + "?handler=Release")).StatusCode);
        var released = await business.GetStringAsync(page);
        Assert.Contains($"href=\"{recordUrl}\"", released);
        Assert.DoesNotContain(evidence.Id.ToString(), released);
        Assert.DoesNotContain("孙签字", released);
        Assert.Equal(HttpStatusCode.OK, (await business.GetAsync(recordUrl)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await business.GetAsync(evidenceUrl)).StatusCode);
    }

    [Fact]
    public async Task An_inspection_started_from_a_complaint_is_linked_from_it_and_links_back()
    {
        var c = await SeedAsync(ComplaintKind.Complaint, WenchangCode, "文昌街道府君路18号", "超市冷柜温度过高，酸奶胀袋");
        var township = await factory.SignedInAsync("township");
        var (me, colleague) = await factory.QueryAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShianUser>>();
            var me = await db.Users.SingleAsync(u => u.UserName == "township");
            var colleague = new ShianUser { UserName = "cinsp" + Guid.NewGuid().ToString("N")[..6], DisplayName = "文昌检查员小钱", TownshipId = me.TownshipId, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(colleague, "Test@2020pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(colleague, Roles.Inspector)).Succeeded);
            return (me.Id, colleague.Id);
        });

        // The complaint's own button leads to the inspection form for its business, tied to it.
        var start = InspectionsRoutes.NewComplaintInspection(c.BusinessId!.Value, c.Id);
        Assert.Contains($"href=\"{start.Replace("&", "&amp;")}\"", await township.GetStringAsync(Page(c.Id)));
        var form = await township.GetStringAsync(start);
        var items = Regex.Matches(form, "name=\"(R_[^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(items);
        List<(string, string)> fields = [("ClientDraftId", Guid.NewGuid().ToString()), ("Inspectors", me.ToString()), ("Inspectors", colleague.ToString()),
            ("StartedAt", TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddHours(-1), ShianTime.Zone).ToString("yyyy-MM-ddTHH:mm")), ("Kind", "Complaint"), .. items.Select(i => (i, "Yes"))];
        var saved = await township.PostFieldsAsync(start, fields, start);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var inspection = Guid.Parse(Regex.Match(saved.Headers.Location!.OriginalString, "/inspections/([0-9a-f-]{36})").Groups[1].Value);

        // Logged on the complaint, linked both ways.
        Assert.Contains((await ReloadAsync(c.Id)).Entries, e => e.Kind == ComplaintEntryKind.InspectionStarted && e.LinkedId == inspection);
        Assert.Matches($"href=\"{InspectionsRoutes.Inspection(inspection)}\"[^>]*data-testid=\"inspection-link\"", await township.GetStringAsync(Page(c.Id)));
        Assert.Matches($"href=\"{ComplaintsRoutes.Complaint(c.Id)}\"[^>]*data-testid=\"complaint-link\"", await township.GetStringAsync(InspectionsRoutes.Inspection(inspection)));
    }

    [Fact]
    public async Task A_linked_sample_and_a_report_s_reward_are_linked_from_the_complaint()
    {
        var c = await SeedAsync(ComplaintKind.Report, WenchangCode, "文昌街道府君路18号", "超市销售过期面粉，有人吃了腹泻", name: "周举报", phone: "13811112222");
        var sample = await factory.QueryAsync(async db =>
        {
            var lab = await db.Units.Where(u => u.Kind == Shian.Organization.UnitKind.Laboratory).Select(u => u.Id).FirstAsync();
            var unit = await db.Units.Where(u => u.Kind == Shian.Organization.UnitKind.Department).Select(u => u.Id).FirstAsync();
            var s = new Sample
            {
                Number = $"JZ-{DateTime.UtcNow.Year}-{Random.Shared.Next(900_000, 999_999)}", TaskSource = "投诉举报核查抽样", BusinessId = c.BusinessId!.Value,
                TownshipId = c.TownshipId!.Value, BusinessName = "鑫源超市", BusinessAddress = "文昌街道府君路18号", FoodCategoryCode = "101", SampleName = "小麦粉",
                Specification = "5kg/袋", BatchNumber = "C1", ShelfLife = "12个月", QuantityTaken = 4, BackupQuantity = 2, QuantityUnit = "袋",
                SampledOn = DateOnly.FromDateTime(DateTime.UtcNow), SamplingUnitId = unit, LaboratoryId = lab, Sampler1 = "张", Sampler2 = "李",
                CreatedAt = DateTime.UtcNow, CreatedBy = "township",
            };
            db.Samples.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        var township = await factory.SignedInAsync("township");
        var page = Page(c.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, new() { ["SampleId"] = sample.ToString() }, page + "?handler=Sample")).StatusCode);
        Assert.Matches($"href=\"{SamplingRoutes.Sample(sample)}\"[^>]*data-testid=\"sample-link\"", await township.GetStringAsync(page));

        // Decided with a case opened; the office proposes a reward on the rewards page and finds it linked from the report.
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, new() { ["Note"] = "抽检不合格，立案查处", ["OpenCase"] = "true" }, page + "?handler=Decide")).StatusCode);
        var office = await factory.SignedInAsync("office");
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(RewardsRoutes.Rewards, new()
        {
            ["Input.ComplaintId"] = c.Id.ToString(), ["Input.DecisionNumber"] = "蓟市监罚〔2026〕" + Random.Shared.Next(1000, 9999) + "号",
            ["Input.FinesAndConfiscations"] = "20000", ["Input.Tier"] = "3", ["Input.NaturalPerson"] = "true",
        }, RewardsRoutes.Rewards + "?handler=Propose")).StatusCode);
        var reward = await factory.QueryAsync(db => db.ComplaintRewards.AsNoTracking().SingleAsync(r => r.ComplaintId == c.Id));
        Assert.Matches($"href=\"{RewardsRoutes.Reward(reward.Id)}\"[^>]*data-testid=\"reward-link\"", await office.GetStringAsync(page));
        var rewards = await office.GetStringAsync(RewardsRoutes.Rewards);
        Assert.Contains($"id=\"reward-{reward.Id}\"", rewards);
        Assert.Contains($"href=\"{ComplaintsRoutes.Complaint(c.Id)}\"", rewards);
        // The township handles the report but does not decide rewards: no link to a page it may not open.
        Assert.DoesNotContain("data-testid=\"reward-link\"", await township.GetStringAsync(page));
    }

    [Fact]
    public async Task A_report_is_decided_a_complaint_refused_and_transferred_and_one_who_does_not_handle_it_is_forbidden()
    {
        var report = await SeedAsync(ComplaintKind.Report, WenchangCode, "文昌街道府君路18号", "超市销售无中文标签进口食品", name: null, phone: null);
        var township = await factory.SignedInAsync("township");
        var page = Page(report.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page,
            new() { ["Note"] = "现场核查属实", ["OpenCase"] = "true" }, page + "?handler=Decide")).StatusCode);
        var decided = await ReloadAsync(report.Id);
        Assert.Equal(ComplaintStatus.Decided, decided.Status);
        Assert.Equal(ComplaintOutcome.CaseOpened, decided.Outcome);

        var complaint = await SeedAsync(ComplaintKind.Complaint, WenchangCode, "文昌街道府君路18号", "会员卡余额无法退还");
        page = Page(complaint.Id);
        // A refusal needs its reason: refused, worded, nothing changed.
        var noReason = await township.PostFormAsync(page, new() { ["Reason"] = "" }, page + "?handler=Refuse");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(ComplaintStatus.Received, (await ReloadAsync(complaint.Id)).Status);

        // The inspector reads it but may not handle it.
        var inspector = await factory.SignedInAsync("inspector");
        var forbidden = await inspector.PostFormAsync(page, new() { ["Reason"] = "不属于食品安全" }, page + "?handler=Refuse");
        Assert.DoesNotContain("done=", forbidden.Headers.Location?.ToString() ?? "");
        Assert.Equal(ComplaintStatus.Received, (await ReloadAsync(complaint.Id)).Status);

        // Assigned to an officer of the township; someone of another township is not offered and is refused.
        var officer = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "township").Select(u => u.Id).SingleAsync());
        var stranger = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "department").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await township.PostFormAsync(page, new() { ["HandlerUserId"] = stranger.ToString() }, page + "?handler=Assign")).StatusCode);
        Assert.Null((await ReloadAsync(complaint.Id)).HandlerId);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, new() { ["HandlerUserId"] = officer.ToString() }, page + "?handler=Assign")).StatusCode);
        Assert.Equal(officer, (await ReloadAsync(complaint.Id)).HandlerId);

        var yuyang = await factory.QueryAsync(db => db.Townships.Where(t => t.Name == "渔阳镇").Select(t => t.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page,
            new() { ["Destination"] = $"township:{yuyang}", ["Reason"] = "实际经营地在渔阳镇" }, page + "?handler=Transfer")).StatusCode);
        Assert.Equal(yuyang, (await ReloadAsync(complaint.Id)).TownshipId);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task A_hotline_ticket_enters_once_and_the_export_names_no_informant()
    {
        await EnsureBusinessesAsync();
        var township = await factory.SignedInAsync("township");
        var ticket = "T" + Guid.NewGuid().ToString("N")[..10];
        var fields = new Dictionary<string, string>
        {
            ["Channel"] = "Hotline12315", ["HotlineTicket"] = ticket, ["Kind"] = "Complaint", ["Field"] = "FoodBusiness", ["BusinessName"] = "鑫源超市",
            ["BusinessCreditCode"] = WenchangCode, ["Address"] = "文昌街道府君路18号", ["Description"] = "热线反映：购买的面包已发霉",
            ["ContactName"] = "赵热线", ["ContactPhone"] = "13700001111",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync("/complaints/hotline", new(fields))).StatusCode);
        var stored = await factory.QueryAsync(db => db.Complaints.SingleAsync(c => c.HotlineTicket == ticket));
        Assert.Equal(ComplaintChannel.Hotline12315, stored.Channel);

        // The same ticket again is refused and stores nothing.
        var again = await township.PostFormAsync("/complaints/hotline", new(fields));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.Complaints.CountAsync(c => c.HotlineTicket == ticket)));
        // Without a ticket a hotline order is refused.
        fields["HotlineTicket"] = "";
        Assert.Equal(HttpStatusCode.OK, (await township.PostFormAsync("/complaints/hotline", new(fields))).StatusCode);

        var export = await township.GetAsync("/complaints?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = (await export.Content.ReadAsStreamAsync()).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => string.Join("|", r.Values)).ToList();
        Assert.Contains(rows, r => r.Contains("购买的面包已发霉"));
        Assert.DoesNotContain(rows, r => r.Contains("13700001111") || r.Contains("赵热线"));
    }

    [Fact]
    public async Task The_workbench_counts_the_township_s_overdue_complaints_and_links_to_them()
    {
        var township = await factory.SignedInAsync("township");
        static int Overdue(string html) => int.Parse(System.Text.RegularExpressions.Regex
            .Match(html, "data-testid=\"complaints-overdue\"><span class=\"tag bad\">(\\d+)</span>").Groups[1].Value);
        await EnsureBusinessesAsync();
        var before = Overdue(await township.GetStringAsync("/workbench"));
        // Received a month ago and never accepted: the 7 working days have run out.
        var late = await SeedAsync(ComplaintKind.Complaint, WenchangCode, "文昌街道府君路18号", "一个月前的投诉，至今无人受理", at: DateTime.UtcNow.AddDays(-30));
        var workbench = await township.GetStringAsync("/workbench");
        Assert.Equal(before + 1, Overdue(workbench));
        Assert.Contains("/complaints?clock=Overdue", workbench);
        var list = await township.GetStringAsync("/complaints?clock=Overdue");
        Assert.Contains(late.Id.ToString(), list);
        Assert.DoesNotContain(late.Id.ToString(), await township.GetStringAsync("/complaints?clock=Running"));
    }

    [Fact]
    public async Task The_audit_trail_shows_a_complaint_s_informant_masked()
    {
        var c = await SeedAsync(ComplaintKind.Complaint, WenchangCode, "文昌街道府君路18号", "审计脱敏检查用的投诉", name: "钱审计", phone: "13655556666");
        var admin = await factory.SignedInAsync("admin");
        var html = await admin.GetStringAsync($"/admin/audit?entity=Complaint&entityId={c.Id}");
        Assert.Contains("审计脱敏检查用的投诉", html);
        Assert.DoesNotContain("13655556666", html);
        Assert.DoesNotContain("钱审计", html);
        Assert.Contains("136****6666", html);
    }
}
