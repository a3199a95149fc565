using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Web.Tests.Inspections;

/// <summary>
/// Recording inspections through the phone form: result by the checklist's rule, risk factor and planned visit done, the
/// draft id stopping duplicates, photos checked by content, the two-inspector rule, and the operator's acknowledgement.
/// The demo township officer (赵干事, user "township") works in 文昌街道; each test makes businesses of its own there.
/// </summary>
public sealed class InspectionTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly Regex Token = new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private async Task<T> WithDbAsync<T>(Func<ShianDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShianDb>(), scope.ServiceProvider);
    }

    private Task<Guid> UserIdAsync(string name) => WithDbAsync((db, _) => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());

    private Task<Guid> UserAsync(string name, string role, Guid? township) => WithDbAsync(async (db, services) =>
    {
        var users = services.GetRequiredService<UserManager<ShianUser>>();
        var user = new ShianUser { UserName = name, DisplayName = "测试" + name, TownshipId = township, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, "Test@2020pass")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    });

    private Task<Guid> WenchangAsync() => WithDbAsync((db, _) => db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync());

    /// <summary>A graded restaurant in 文昌街道 and, when asked, a planned visit of it this year.</summary>
    private Task<(Guid Business, Guid? Planned)> RestaurantAsync(string prefix, bool planned = false) => WithDbAsync(async (db, _) =>
    {
        var township = await db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync();
        var business = new Business
        {
            Name = $"检查测试{prefix}饭店", CreditCode = $"I{prefix}".PadRight(18, '0'), Address = "文昌街道1号", TownshipId = township,
            Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
        };
        db.Businesses.Add(business);
        PlannedInspection? visit = null;
        if (planned)
        {
            visit = new PlannedInspection { Id = Guid.CreateVersion7(), Year = DateTime.UtcNow.Year, BusinessId = business.Id, TownshipId = township, Month = 1, Visit = 1, Grade = RiskLevel.B };
            db.PlannedInspections.Add(visit);
        }
        await db.SaveChangesAsync();
        await RiskRegrade.RunAsync(db, "test", DateTime.UtcNow, business.Id);
        return (business.Id, visit?.Id);
    });

    /// <summary>Every catering item 符合 except those given.</summary>
    private static List<(string, string)> Items(params (string Code, ItemResult Result)[] except)
    {
        var fields = Checklists.Catering.Items.Select(i => ($"R_{i.Code}", ItemResult.Yes.ToString())).ToList();
        foreach (var (code, result) in except)
        {
            fields.RemoveAll(f => f.Item1 == $"R_{code}");
            fields.Add(($"R_{code}", result.ToString()));
        }
        return fields;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IEnumerable<(string Name, string Value)> fields,
        IEnumerable<(string Field, string FileName, byte[] Content)>? files = null)
    {
        var html = await client.GetStringAsync(page);
        var token = Token.Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        using var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (field, fileName, content) in files ?? [])
        {
            form.Add(new ByteArrayContent(content), field, fileName);
        }
        return await client.PostAsync(page, form);
    }

    private static Guid RecordId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(Regex.Match(response.Headers.Location!.OriginalString, "/inspections/([0-9a-f-]{36})").Groups[1].Value);
    }

    [Fact]
    public async Task A_failed_key_item_makes_it_non_conforming_adds_a_risk_factor_marks_the_visit_done_and_a_resent_draft_is_not_duplicated()
    {
        var (business, planned) = await RestaurantAsync("k1", planned: true);
        var me = await UserIdAsync("township");
        var colleague = await UserAsync("inspk1", Roles.Inspector, await WenchangAsync());
        using var client = await factory.SignedInAsync("township");
        var page = $"/inspections/new?business={business}&planned={planned}";
        var form = await client.GetStringAsync(page);
        Assert.Contains("capture=\"environment\"", form);
        Assert.Contains("测试inspk1", form);

        var draft = Guid.NewGuid();
        List<(string, string)> fields = [("ClientDraftId", draft.ToString()), ("Inspectors", me.ToString()), ("Inspectors", colleague.ToString()),
            ("StartedAt", "2026-03-02T09:00"), ("EndedAt", "2026-03-02T10:30"), ("N_C10", "冷库内发现过期牛肉 2 公斤"), .. Items(("C10", ItemResult.No))];
        var saved = await PostAsync(client, page, fields, [("P_C10", "IMG_0001.jpg", Png)]);
        var id = RecordId(saved);

        var stored = await WithDbAsync((db, _) => db.Inspections.Include(i => i.Items).Include(i => i.Inspectors).SingleAsync(i => i.BusinessId == business));
        Assert.Equal(id, stored.Id);
        Assert.Equal(InspectionResult.NonConforming, stored.Result);
        Assert.True(stored.RequiresRectification);
        Assert.Equal(InspectionKind.Routine, stored.Kind);
        Assert.Equal(planned, stored.PlannedInspectionId);
        Assert.Equal(Checklists.Catering.Items.Count(), stored.Items.Count);
        Assert.Equal("冷库内发现过期牛肉 2 公斤", stored.Items.Single(i => i.Code == "C10").Note);
        Assert.Equal(new[] { me, colleague }.Order(), stored.Inspectors.Select(i => i.UserId).Order());
        Assert.Equal(new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc), stored.StartedAt); // 09:00 in China
        var c10 = stored.Items.Single(i => i.Code == "C10").Id;
        var photo = await WithDbAsync((db, _) => db.StoredFiles.SingleAsync(f => f.OwnerKind == FileOwners.InspectionPhoto && f.OwnerId == c10));
        Assert.Equal("image/png", photo.ContentType); // by content, though named .jpg
        Assert.NotNull(await WithDbAsync((db, _) => db.PlannedInspections.Where(p => p.Id == planned).Select(p => p.DoneOn).SingleAsync()));
        var factor = await WithDbAsync((db, _) => db.RiskFactors.SingleAsync(f => f.BusinessId == business));
        Assert.Equal((InspectionRecords.RiskItemCode, InspectionRecords.RiskSource, 10m), (factor.ItemCode, factor.Source, factor.Points));
        var grade = await WithDbAsync((db, _) => db.RiskGrades.SingleAsync(g => g.BusinessId == business && g.SupersededAt == null));
        Assert.Equal(10m, RiskRegrade.ReadBreakdown(grade.Breakdown)["inspection"]);

        var record = await client.GetStringAsync($"/inspections/{id}");
        Assert.Contains("data-testid=\"rectification\"", record);
        // Only those who may issue the order get the link to it: not the township officer, the office yes.
        Assert.DoesNotContain("issue-rectification", record);
        using (var office = await factory.SignedInAsync("office"))
        {
            Assert.Contains($"href=\"/rectification/new/{id}\"", await office.GetStringAsync($"/inspections/{id}"));
        }
        Assert.Contains(">不符合<", record);
        Assert.Contains($"handler=Photo&amp;photo={photo.Id}", record);
        Assert.Equal("image/png", (await client.GetAsync($"/inspections/{id}?handler=Photo&photo={photo.Id}")).Content.Headers.ContentType!.MediaType);

        // The phone sends the same draft again (the first answer was lost): nothing new is stored.
        var again = await PostAsync(client, page, fields, [("P_C10", "IMG_0001.jpg", Png)]);
        Assert.Equal(id, RecordId(again));
        Assert.Contains("saved=duplicate", again.Headers.Location!.OriginalString);
        Assert.Contains("该检查记录已提交，未重复保存", await client.GetStringAsync(again.Headers.Location!.OriginalString));
        Assert.Equal(1, await WithDbAsync((db, _) => db.Inspections.CountAsync(i => i.BusinessId == business)));
        Assert.Equal(1, await WithDbAsync((db, _) => db.RiskFactors.CountAsync(f => f.BusinessId == business)));
        Assert.Contains($"data-inspection=\"{id}\"", await client.GetStringAsync("/inspections?result=NonConforming"));
        Assert.DoesNotContain($"data-inspection=\"{id}\"", await client.GetStringAsync("/inspections?result=Conforming"));
    }

    [Fact]
    public async Task A_non_image_photo_a_team_of_one_and_a_missing_item_are_refused_and_nothing_is_stored()
    {
        var (business, _) = await RestaurantAsync("r1");
        var me = await UserIdAsync("township");
        var colleague = await UserAsync("inspr1", Roles.Inspector, await WenchangAsync());
        using var client = await factory.SignedInAsync("township");
        var page = $"/inspections/new?business={business}&kind=Complaint";
        List<(string, string)> team = [("Inspectors", me.ToString()), ("Inspectors", colleague.ToString()), ("StartedAt", "2026-03-02T09:00")];

        var notImage = await PostAsync(client, page, [("ClientDraftId", Guid.NewGuid().ToString()), .. team, .. Items()], [("P_C02", "photo.jpg", "MZ\u0090\0 not a picture"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        Assert.Contains("“photo.jpg”不是图片，照片只接受 JPEG、PNG、WebP", await notImage.Content.ReadAsStringAsync());

        var alone = await PostAsync(client, page, [("ClientDraftId", Guid.NewGuid().ToString()), ("Inspectors", me.ToString()), ("StartedAt", "2026-03-02T09:00"), .. Items()]);
        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        Assert.Contains("检查人员至少两名（现选 1 名）", await alone.Content.ReadAsStringAsync());

        var withoutMe = await PostAsync(client, page, [("ClientDraftId", Guid.NewGuid().ToString()), ("Inspectors", colleague.ToString()),
            ("Inspectors", (await UserAsync("inspr2", Roles.Inspector, await WenchangAsync())).ToString()), ("StartedAt", "2026-03-02T09:00"), .. Items()]);
        Assert.Contains("检查人员须包括本人", await withoutMe.Content.ReadAsStringAsync());

        var missing = Items();
        missing.RemoveAll(f => f.Item1 == "R_C05");
        var incomplete = await PostAsync(client, page, [("ClientDraftId", Guid.NewGuid().ToString()), .. team, .. missing]);
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Contains("请填写检查项目 C05“建立并执行每日晨检制度，有记录可查”的结果", await incomplete.Content.ReadAsStringAsync());

        Assert.False(await WithDbAsync((db, _) => db.Inspections.AnyAsync(i => i.BusinessId == business)));
        Assert.False(await WithDbAsync((db, _) => db.StoredFiles.AnyAsync(f => f.OwnerKind == FileOwners.InspectionPhoto && f.Content.Length == 17)));

        // Two ordinary failures on the catering checklist (rule 0 / 4): 基本符合, 5 points, no key item.
        var basic = RecordId(await PostAsync(client, page, [("ClientDraftId", Guid.NewGuid().ToString()), .. team, .. Items(("C02", ItemResult.No), ("C03", ItemResult.No), ("C18", ItemResult.NotApplicable))]));
        var stored = await WithDbAsync((db, _) => db.Inspections.SingleAsync(i => i.Id == basic));
        Assert.Equal((InspectionResult.BasicallyConforming, InspectionKind.Complaint, true), (stored.Result, stored.Kind, stored.RequiresRectification));
        Assert.Equal(5m, await WithDbAsync((db, _) => db.RiskFactors.Where(f => f.BusinessId == business).SumAsync(f => f.Points)));
    }

    [Fact]
    public async Task The_operator_acknowledges_their_own_inspection_and_cannot_open_anothers()
    {
        var (mine, _) = await RestaurantAsync("o1");
        var (theirs, _) = await RestaurantAsync("o2");
        var owner = await UserAsync("opo1", Roles.Operator, null);
        var other = await UserAsync("opo2", Roles.Operator, null);
        await WithDbAsync(async (db, _) =>
        {
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = owner, BusinessId = mine });
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = other, BusinessId = theirs });
            return await db.SaveChangesAsync();
        });
        var me = await UserIdAsync("township");
        var colleague = await UserAsync("inspo1", Roles.Inspector, await WenchangAsync());
        using var staff = await factory.SignedInAsync("township");
        var page = $"/inspections/new?business={mine}";
        var id = RecordId(await PostAsync(staff, page, [("ClientDraftId", Guid.NewGuid().ToString()), ("Inspectors", me.ToString()), ("Inspectors", colleague.ToString()),
            ("StartedAt", "2026-03-02T09:00"), .. Items()]));
        Assert.Equal(InspectionResult.Conforming, await WithDbAsync((db, _) => db.Inspections.Where(i => i.Id == id).Select(i => i.Result).SingleAsync()));
        Assert.False(await WithDbAsync((db, _) => db.RiskFactors.AnyAsync(f => f.BusinessId == mine))); // 符合 adds nothing

        using var stranger = await factory.SignedInAsync("opo2", "Test@2020pass");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/inspections/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await stranger.GetStringAsync("/operator"));
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.GetAsync("/inspections")).StatusCode); // staff only

        using var operatorClient = await factory.SignedInAsync("opo1", "Test@2020pass");
        Assert.Contains($"/inspections/{id}", await operatorClient.GetStringAsync("/operator"));
        Assert.Contains("data-testid=\"acknowledge\"", await operatorClient.GetStringAsync($"/inspections/{id}"));
        var signed = await operatorClient.PostFormAsync($"/inspections/{id}", new() { ["Comment"] = "已知悉，立即整改" }, $"/inspections/{id}?handler=Acknowledge");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var record = await WithDbAsync((db, _) => db.Inspections.SingleAsync(i => i.Id == id));
        Assert.NotNull(record.AcknowledgedAt);
        Assert.Equal(("opo1", "已知悉，立即整改"), (record.AcknowledgedBy, record.AcknowledgementComment));
        Assert.DoesNotContain("data-testid=\"acknowledge\"", await operatorClient.GetStringAsync($"/inspections/{id}"));
        // Staff cannot sign for the operator.
        var refused = await staff.PostFormAsync($"/inspections/{id}", new(), $"/inspections/{id}?handler=Acknowledge");
        Assert.DoesNotContain($"/inspections/{id}", refused.Headers.Location?.OriginalString ?? "");
    }
}
