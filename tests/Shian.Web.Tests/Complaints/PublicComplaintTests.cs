using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Features.Complaints;

namespace Shian.Web.Tests.Complaints;

/// <summary>
/// The public intake: the form and the public API file through the one intake (channel Online, routed to the business's
/// township), the honeypot stores nothing, refusals name each field and store nothing, the tracking page and the status
/// API show dates and outcome only; the hotline API needs its scope and answers a repeated ticket with 409.
/// </summary>
public sealed class PublicComplaintTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private static string Unique(string what) => what + " " + Guid.NewGuid().ToString("N");

    /// <summary>A registered restaurant in 文昌街道 (the default host loads the district, not the demo's businesses), with a valid credit code.</summary>
    private Task<Business> ActiveBusinessAsync() => factory.QueryAsync(async db =>
    {
        var township = await db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync();
        var first17 = "92120119" + new string(Random.Shared.GetItems<char>("0123456789ABCDEFGHJKLMNPQRTUWXY", 9));
        var business = new Business
        {
            Name = Unique("投诉测试饭店"), CreditCode = first17 + CreditCode.CheckCharacter(first17), Address = "文昌街道测试路 1 号", TownshipId = township,
            Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
        };
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        return business;
    });

    private Task<Complaint?> StoredAsync(string description) =>
        factory.QueryAsync(db => db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Description == description));

    private static string? FieldError(string html, string field) =>
        Regex.Match(html, $"<span[^>]*data-testid=\"error-{Regex.Escape(field)}\"[^>]*>([^<]+)</span>") is { Success: true } m ? m.Groups[1].Value : null;

    [Fact]
    public async Task An_anonymous_visitor_files_a_complaint_with_a_photo_and_is_shown_the_tracking_code()
    {
        var business = await ActiveBusinessAsync();
        var description = Unique("饭菜里有异物，店家拒绝退款");
        var client = factory.NewClient();

        var home = await client.GetStringAsync("/");
        Assert.Contains($"href=\"{ComplaintsPublicRoutes.New}\"", home);
        var response = await client.PostFilesAsync(ComplaintsPublicRoutes.New, new()
        {
            ["Input.Kind"] = nameof(ComplaintKind.Complaint), ["Input.BusinessId"] = business.Id.ToString(), ["Input.BusinessName"] = business.Name,
            ["Input.Address"] = business.Address, ["Input.Description"] = description, ["Input.ContactName"] = "王女士", ["Input.ContactPhone"] = "13800138000",
        }, [("Files", "receipt.png", Png)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(description);
        Assert.NotNull(stored);
        Assert.Equal(ComplaintChannel.Online, stored.Channel);
        Assert.Equal(business.Id, stored.BusinessId);
        Assert.Equal(business.TownshipId, stored.TownshipId);
        Assert.Equal(ComplaintStatus.Received, stored.Status);
        Assert.Equal(ComplaintsPublicRoutes.Filed(stored.TrackingCode), response.Headers.Location!.OriginalString);
        var files = await factory.QueryAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwners.ComplaintEvidence && f.OwnerId == stored.Id).CountAsync());
        Assert.Equal(1, files);

        var filed = await client.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains(TrackingCodes.Display(stored.TrackingCode), filed);
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_as_accepted_and_stores_nothing()
    {
        var description = Unique("机器人填写的内容");
        var client = factory.NewClient();
        var response = await client.PostFormAsync(ComplaintsPublicRoutes.New, new()
        {
            ["Input.Kind"] = nameof(ComplaintKind.Report), ["Input.BusinessName"] = "某饭店", ["Input.Address"] = "文昌路 1 号",
            ["Input.Description"] = description, ["website"] = "http://spam.example",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/complaints/filed/", response.Headers.Location!.OriginalString);
        Assert.Null(await StoredAsync(description));

        var api = await client.PostAsJsonAsync(ComplaintsPublicRoutes.PublicApi, new
        {
            kind = "report", businessName = "某饭店", address = "文昌路 1 号", description, website = "http://spam.example",
        });
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.Null(await StoredAsync(description));
    }

    [Fact]
    public async Task The_form_names_each_refused_field_and_stores_nothing()
    {
        var description = Unique("没有留联系方式的投诉");
        var client = factory.NewClient();
        var response = await client.PostFormAsync(ComplaintsPublicRoutes.New, new()
        {
            ["Input.Kind"] = nameof(ComplaintKind.Complaint), ["Input.BusinessName"] = "", ["Input.Address"] = "文昌路 1 号",
            ["Input.Description"] = description, ["Input.ContactName"] = "", ["Input.ContactPhone"] = "abc",
            ["Input.OccurredOn"] = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "BusinessName", "ContactName", "ContactPhone", "OccurredOn" })
        {
            Assert.False(FieldError(html, field) is null, $"{field} is not named");
        }
        Assert.Null(FieldError(html, "Address"));
        Assert.Null(await StoredAsync(description));

        var noKind = await client.PostFormAsync(ComplaintsPublicRoutes.New, new()
        {
            ["Input.BusinessName"] = "某饭店", ["Input.Address"] = "文昌路 1 号", ["Input.Description"] = description,
        });
        Assert.NotNull(FieldError(await noKind.Content.ReadAsStringAsync(), "Kind"));
        Assert.Null(await StoredAsync(description));
    }

    [Fact]
    public async Task The_public_api_files_a_report_and_answers_its_status_with_dates_only()
    {
        var business = await ActiveBusinessAsync();
        var description = Unique("后厨卫生很差，有老鼠");
        var client = factory.NewClient();
        var response = await client.PostAsJsonAsync(ComplaintsPublicRoutes.PublicApi, new
        {
            kind = "report", businessName = business.Name, businessCreditCode = business.CreditCode, address = business.Address, description,
            occurredOn = "2026-01-05",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["trackingCode"], body.EnumerateObject().Select(p => p.Name));
        var code = body.GetProperty("trackingCode").GetString()!;
        var stored = await StoredAsync(description);
        Assert.NotNull(stored);
        Assert.Equal(TrackingCodes.Display(stored.TrackingCode), code);
        Assert.Equal(ComplaintChannel.Online, stored.Channel);
        Assert.Equal(business.TownshipId, stored.TownshipId);
        Assert.Equal(new DateOnly(2026, 1, 5), stored.OccurredOn);
        Assert.Null(stored.ContactName);

        var location = response.Headers.Location!.OriginalString;
        var status = await client.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal(["trackingCode", "kind", "status", "receivedOn", "deadline"], status.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, status.GetProperty("trackingCode").GetString());
        Assert.Equal("report", status.GetProperty("kind").GetString());
        Assert.Equal("received", status.GetProperty("status").GetString());
        Assert.Equal(stored.ReceivedOn.ToString("yyyy-MM-dd"), status.GetProperty("receivedOn").GetString());
        Assert.Equal(stored.FirstDeadline.ToString("yyyy-MM-dd"), status.GetProperty("deadline").GetString());
        Assert.DoesNotContain(description, status.GetRawText());

        // Typed as a person would (lower case, no hyphens) it is the same complaint.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ComplaintsPublicRoutes.PublicStatus(stored.TrackingCode.ToLowerInvariant()))).StatusCode);
    }

    [Fact]
    public async Task The_public_api_refuses_bad_input_by_field_and_stores_nothing()
    {
        var client = factory.NewClient();
        var before = await factory.QueryAsync(db => db.Complaints.CountAsync());

        async Task<IReadOnlyList<string>> RefusedFieldsAsync(object body)
        {
            var response = await client.PostAsJsonAsync(ComplaintsPublicRoutes.PublicApi, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        }

        Assert.Equal(["kind"], await RefusedFieldsAsync(new { kind = "grumble", businessName = "某饭店", address = "文昌路", description = "x" }));
        Assert.Equal(["address", "businessName", "description"], await RefusedFieldsAsync(new { kind = "report" }));
        Assert.Equal(["contactName", "contactPhone"], await RefusedFieldsAsync(new { kind = "complaint", businessName = "某饭店", address = "文昌路", description = "x" }));
        Assert.Equal(["occurredOn"], await RefusedFieldsAsync(new { kind = "report", businessName = "某饭店", address = "文昌路", description = "x", occurredOn = "2026-13-01" }));
        Assert.Equal(["businessCreditCode", "contactPhone"], await RefusedFieldsAsync(new
        {
            kind = "report", businessName = "某饭店", businessCreditCode = "123", address = "文昌路", description = "x", contactPhone = "call me",
        }));
        Assert.Equal(before, await factory.QueryAsync(db => db.Complaints.CountAsync()));

        var unknown = await client.GetAsync(ComplaintsPublicRoutes.PublicStatus("ABCD-EFGH-JKMN"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var malformed = await client.GetAsync(ComplaintsPublicRoutes.PublicStatus("not-a-code"));
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        // The same answer for both: nothing tells a guesser whether the code's shape was right.
        var (a, b) = (await unknown.Content.ReadFromJsonAsync<JsonElement>(), await malformed.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_tracking_page_shows_the_status_and_dates_but_not_the_description()
    {
        var description = Unique("买到过期牛奶");
        var client = factory.NewClient();
        var filed = await client.PostAsJsonAsync(ComplaintsPublicRoutes.PublicApi, new
        {
            kind = "complaint", businessName = "某超市", address = "文昌路 8 号", description, contactName = "李先生", contactPhone = "13900139000",
        });
        var code = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;

        var page = await client.GetStringAsync(ComplaintsPublicRoutes.TrackCode(code));
        Assert.Contains("data-testid=\"track-status\">待受理<", page);
        Assert.DoesNotContain(description, page);
        Assert.DoesNotContain("李先生", page);
        Assert.DoesNotContain("13900139000", page);

        var unknown = await client.GetStringAsync(ComplaintsPublicRoutes.TrackCode("ABCD-EFGH-JKMN"));
        var malformed = await client.GetStringAsync(ComplaintsPublicRoutes.TrackCode("hello"));
        Assert.Contains("data-testid=\"track-not-found\"", unknown);
        Assert.Contains("data-testid=\"track-not-found\"", malformed);
        Assert.DoesNotContain("data-testid=\"track-result\"", unknown);
    }

    [Fact]
    public async Task A_merged_complaint_s_tracking_page_says_so_with_the_dates_and_outcome_of_the_handling_it_joined_and_nothing_of_the_other()
    {
        var business = await ActiveBusinessAsync();
        var (duplicate, primary) = await factory.QueryAsync(async (db, services) =>
        {
            var settings = services.GetRequiredService<ComplaintSettings>();
            async Task<Complaint> ReceiveAsync(string description, string name, string phone)
            {
                var input = new Complaint.Input(ComplaintKind.Complaint, business.Name, null, business.Address, description, null, name, phone, business.Id);
                var (complaint, errors) = await ComplaintIntake.ReceiveAsync(db, input, ComplaintChannel.Online, settings, "test", DateTime.UtcNow);
                Assert.Empty(errors);
                return complaint!;
            }
            var primary = await ReceiveAsync(Unique("先投诉的：外卖里吃出钢丝球"), "先投诉人", "13700000001");
            var duplicate = await ReceiveAsync(Unique("后投诉的：同一家店外卖有钢丝球"), "后投诉人", "13700000002");
            var calendar = await db.LoadCalendarAsync();
            var (p, d) = (primary.Entries.Count, duplicate.Entries.Count);
            Assert.Null(primary.Accept(calendar, settings.Clocks, DateTime.UtcNow, "test"));
            Assert.Null(duplicate.MergeInto(primary, null, DateTime.UtcNow, "test"));
            Assert.Null(primary.EndMediation(true, "商家退款并赔偿", false, calendar, settings.Clocks, DateTime.UtcNow, "test"));
            Assert.Null(primary.Close("已调解，商家退款并赔偿", DateTime.UtcNow, "test"));
            db.AddEntriesSince(primary, p);
            db.AddEntriesSince(duplicate, d);
            await db.SaveChangesAsync();
            return (duplicate, primary);
        });
        var day = ShianTime.LocalDate(DateTime.UtcNow);
        var (today, iso) = ($"{day.Year}年{day.Month}月{day.Day}日", day.ToString("yyyy-MM-dd"));

        var client = factory.NewClient();
        var page = await client.GetStringAsync(ComplaintsPublicRoutes.TrackCode(TrackingCodes.Display(duplicate.TrackingCode)));
        Assert.Contains("data-testid=\"track-status\">已合并<", page);
        Assert.Contains("data-testid=\"track-merged\"", page);
        Assert.Contains($"data-testid=\"track-merged-on\">{today}<", page);
        Assert.Contains("data-testid=\"track-handled-status\">已办结<", page);
        Assert.Contains("data-testid=\"track-handled-outcome\">调解达成协议<", page);
        Assert.Contains($"data-testid=\"track-handled-closed-on\">{today}<", page);
        // Nothing of the other submission: not its code, its substance, its submitter or the reply.
        Assert.DoesNotContain(TrackingCodes.Display(primary.TrackingCode), page);
        Assert.DoesNotContain(primary.TrackingCode, page);
        Assert.DoesNotContain("钢丝球", page);
        Assert.DoesNotContain("先投诉人", page);
        Assert.DoesNotContain("商家退款", page);

        // The status API says the same.
        var status = await client.GetFromJsonAsync<JsonElement>(ComplaintsPublicRoutes.PublicStatus(duplicate.TrackingCode));
        Assert.Equal("merged", status.GetProperty("status").GetString());
        Assert.Equal(iso, status.GetProperty("mergedOn").GetString());
        var joint = status.GetProperty("handledWith");
        Assert.Equal(["status", "decidedOn", "outcome", "closedOn"], joint.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("closed", "agreement"), (joint.GetProperty("status").GetString(), joint.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task The_business_search_answers_active_businesses_with_name_address_and_township_only()
    {
        var active = await ActiveBusinessAsync();
        var closed = await ActiveBusinessAsync();
        var stem = active.Name[..^8];
        await factory.QueryAsync(async db =>
        {
            var b = await db.Businesses.SingleAsync(x => x.Id == closed.Id);
            b.Name = stem + "已注销";
            Assert.Null(b.Close());
            return await db.SaveChangesAsync();
        });
        var client = factory.NewClient();
        var found = await client.GetFromJsonAsync<JsonElement>(ComplaintsPublicRoutes.BusinessSearch + "?q=" + Uri.EscapeDataString(stem));
        var match = Assert.Single(found.EnumerateArray());
        Assert.Equal(["id", "name", "address", "township"], match.EnumerateObject().Select(p => p.Name));
        Assert.Equal(active.Id, match.GetProperty("id").GetGuid());
        Assert.Equal("文昌街道", match.GetProperty("township").GetString());
        var byCode = await client.GetFromJsonAsync<JsonElement>(ComplaintsPublicRoutes.BusinessSearch + "?q=" + active.CreditCode.ToLowerInvariant());
        Assert.Equal(active.Id, Assert.Single(byCode.EnumerateArray()).GetProperty("id").GetGuid());
    }

    private async Task<HttpClient> KeyClientAsync(params string[] scopes)
    {
        var secret = await factory.QueryAsync(async db =>
        {
            var owner = await db.Users.SingleAsync(u => u.UserName == "office");
            var (key, secret) = ApiKey.Create(owner.Id, "hotline-" + Guid.NewGuid().ToString("N")[..6], scopes, DateTime.UtcNow);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return secret;
        });
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task The_hotline_api_needs_its_scope_and_answers_a_repeated_ticket_with_the_existing_code()
    {
        var business = await ActiveBusinessAsync();
        var ticket = "12315-" + Guid.NewGuid().ToString("N")[..10];
        var order = new
        {
            channel = "12315", ticket, receivedAt = "2026-03-02T09:30:00+08:00", kind = "complaint", businessName = business.Name,
            businessCreditCode = business.CreditCode, address = business.Address, description = Unique("热线转来：外卖吃坏肚子"),
            contactName = "张先生", contactPhone = "13700137000",
        };

        var withoutScope = await KeyClientAsync(ApiScopes.CalendarRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await withoutScope.PostAsJsonAsync(ComplaintsPublicRoutes.HotlineApi, order)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.NewClient().PostAsJsonAsync(ComplaintsPublicRoutes.HotlineApi, order)).StatusCode);
        Assert.Null(await StoredAsync(order.description));

        var client = await KeyClientAsync(ApiScopes.ComplaintsWrite);
        var created = await client.PostAsJsonAsync(ComplaintsPublicRoutes.HotlineApi, order);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var stored = await StoredAsync(order.description);
        Assert.NotNull(stored);
        Assert.Equal(stored.Id, body.GetProperty("id").GetGuid());
        Assert.Equal(TrackingCodes.Display(stored.TrackingCode), body.GetProperty("trackingCode").GetString());
        Assert.Equal(ComplaintChannel.Hotline12315, stored.Channel);
        Assert.Equal(ticket, stored.HotlineTicket);
        Assert.Equal(new DateTime(2026, 3, 2, 1, 30, 0, DateTimeKind.Utc), stored.ReceivedAt);
        Assert.Equal(business.TownshipId, stored.TownshipId);

        var again = await client.PostAsJsonAsync(ComplaintsPublicRoutes.HotlineApi, order);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(body.GetProperty("trackingCode").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());
        Assert.Equal(1, await factory.QueryAsync(db => db.Complaints.CountAsync(c => c.HotlineTicket == ticket)));

        var bad = await client.PostAsJsonAsync(ComplaintsPublicRoutes.HotlineApi, new { channel = "110", kind = "report", businessName = "某店", address = "某路", description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["channel", "ticket"], errors);
    }
}

/// <summary>The host with a small public limit, to see it hold.</summary>
public sealed class SmallPublicLimitWebFactory : ShianWebFactory
{
    public const int Limit = 10;

    public SmallPublicLimitWebFactory() => Settings = new() { ["RateLimits:PublicComplaintsPerMinute"] = Limit.ToString() };
}

public sealed class PublicComplaintRateLimitTests(SmallPublicLimitWebFactory factory) : IClassFixture<SmallPublicLimitWebFactory>
{
    [Fact]
    public async Task Ten_lookups_a_minute_pass_and_a_burst_beyond_the_limit_is_refused()
    {
        Assert.True(Shian.Web.Infrastructure.RateLimits.DefaultPublicComplaintsPerMinute >= Shian.Web.Infrastructure.RateLimits.MinPublicComplaintsPerMinute);
        var client = factory.NewClient();
        for (var i = 0; i < SmallPublicLimitWebFactory.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ComplaintsPublicRoutes.PublicStatus("ABCD-EFGH-JKMN"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(ComplaintsPublicRoutes.PublicStatus("ABCD-EFGH-JKMN"))).StatusCode);
        // The form and the public filing share the address's budget.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync(ComplaintsPublicRoutes.PublicApi, new { kind = "report" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(ComplaintsPublicRoutes.Track)).StatusCode);
    }
}
