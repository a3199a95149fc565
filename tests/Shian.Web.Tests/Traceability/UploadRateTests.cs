using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>trace.upload_rate with exact numbers, the silent-businesses page and the requirement form.</summary>
public sealed class UploadRateTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly DateOnly Today = new(2026, 3, 1); // a Sunday

    private static DateTime China(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0), ShianTime.Zone);

    private static async Task StoreEventAsync(ShianDb db, Guid businessId, Guid userId, DateTime recordTime)
    {
        var job = new CaptureJob { Id = Guid.NewGuid(), BusinessId = businessId, UserId = userId, CreatedAt = recordTime };
        var e = new EpcisEvent
        {
            Id = Guid.NewGuid(), EventId = "urn:uuid:" + Guid.NewGuid(), Type = EpcisEventType.ObjectEvent, EventTime = recordTime,
            EventTimeZoneOffset = "+08:00", Action = "OBSERVE", BizStep = "receiving", Json = "{}",
        };
        await EpcisCapture.StoreAsync(db, job, [e]);
    }

    /// <summary>
    /// Three businesses of the township user's township and one elsewhere:
    /// A monthly since 2025 (January and February ended, data in January) 1/2;
    /// B weekly from Monday 2 February (three weeks ended; data on 3 February and at 00:30 on Monday 9 February, China time,
    /// which is still 8 February in UTC) 2/3; C daily from 25 February, silent, 0/4; D elsewhere weekly from 5 January with
    /// data every Monday, 7/7; E required from today, no period ended, not counted.
    /// </summary>
    private async Task<(Guid Township, Guid[] Ids)> ArrangeAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        db.TraceReportingRequirements.RemoveRange(db.TraceReportingRequirements); // the demo's own
        await db.SaveChangesAsync();
        // Two new townships: the demo township user is moved to the first, which has three of the businesses.
        var jurisdiction = await db.Townships.Select(t => t.JurisdictionId).FirstAsync();
        var t1 = new Township { Id = Guid.NewGuid(), JurisdictionId = jurisdiction, Code = "129999911", Name = "测试追溯镇", Kind = "镇" };
        var t2 = new Township { Id = Guid.NewGuid(), JurisdictionId = jurisdiction, Code = "129999912", Name = "测试追溯乡", Kind = "乡" };
        db.Townships.AddRange(t1, t2);
        Business B(string name, Township t) => new()
        {
            Id = Guid.NewGuid(), Name = name, CreditCode = ("ZS" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "追溯路1号",
            TownshipId = t.Id, Category = BusinessCategory.Seller, Subtype = "supermarket", Scale = BusinessScale.Small,
            CreatedAt = DateTime.UtcNow,
        };
        var businesses = new[] { B("测试追溯甲超市", t1), B("测试追溯乙超市", t1), B("测试追溯丙超市", t1), B("测试追溯丁批发市场", t2), B("测试追溯戊超市", t2) };
        db.Businesses.AddRange(businesses);
        var townshipUser = await db.Users.SingleAsync(u => u.UserName == "township");
        townshipUser.TownshipId = t1.Id;
        await db.SaveChangesAsync();
        var township = t1.Id;
        var userId = (await db.Users.SingleAsync(u => u.UserName == "operator")).Id;
        var local = businesses.Take(3).Select(x => x.Id).ToList();
        var other = businesses.Skip(3).Select(x => x.Id).ToList();
        Guid a = local[0], b = local[1], c = local[2], d = other[0], e = other[1];
        void Require(Guid id, ReportingFrequency f, DateOnly from) => db.TraceReportingRequirements.Add(new TraceReportingRequirement
        {
            Id = Guid.NewGuid(), BusinessId = id, Frequency = f, From = from, SetBy = "test", SetAt = DateTime.UtcNow,
        });
        Require(a, ReportingFrequency.Monthly, new DateOnly(2025, 6, 1));
        Require(b, ReportingFrequency.Weekly, new DateOnly(2026, 2, 2));
        Require(c, ReportingFrequency.Daily, new DateOnly(2026, 2, 25));
        Require(d, ReportingFrequency.Weekly, new DateOnly(2026, 1, 5));
        Require(e, ReportingFrequency.Daily, Today);
        await db.SaveChangesAsync();
        await StoreEventAsync(db, a, userId, TimeZoneInfo.ConvertTimeToUtc(new DateTime(2025, 12, 20, 10, 0, 0), ShianTime.Zone));
        await StoreEventAsync(db, a, userId, China(1, 15, 10));
        await StoreEventAsync(db, b, userId, China(2, 3, 10));
        await StoreEventAsync(db, b, userId, China(2, 9, 0, 30));
        await StoreEventAsync(db, b, userId, China(3, 1, 9)); // today: its week has not ended
        for (var monday = new DateTime(2026, 1, 5, 10, 0, 0); monday < new DateTime(2026, 2, 23); monday = monday.AddDays(7))
        {
            await StoreEventAsync(db, d, userId, TimeZoneInfo.ConvertTimeToUtc(monday, ShianTime.Zone));
        }
        await StoreEventAsync(db, e, userId, China(2, 27, 10)); // before its requirement began
        return (township, [a, b, c, d, e]);
    }

    [Fact]
    public async Task The_metric_averages_each_required_business_share_of_ended_periods_with_data_and_the_pages_show_them()
    {
        var (township, ids) = await ArrangeAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var office = AccessScope.For([Roles.Office], null, null, new HashSet<Guid>());
            var rows = (await TraceReporting.RowsAsync(db, office, Today)).ToDictionary(r => r.BusinessId);
            Assert.Equal((2, 1), (rows[ids[0]].PeriodsRequired, rows[ids[0]].PeriodsReported));
            Assert.Equal((3, 2), (rows[ids[1]].PeriodsRequired, rows[ids[1]].PeriodsReported));
            Assert.Equal((4, 0), (rows[ids[2]].PeriodsRequired, rows[ids[2]].PeriodsReported));
            Assert.Null(rows[ids[2]].LastReport);
            Assert.Equal((7, 7), (rows[ids[3]].PeriodsRequired, rows[ids[3]].PeriodsReported));
            Assert.False(rows.ContainsKey(ids[4])); // required from today: nothing ended, not listed
            // (50 + 66.67 + 0 + 100) / 4
            Assert.Equal(54.2m, await Metrics.ComputeAsync(db, office, TraceReporting.MetricName, Today));
            // The township sees its three: (50 + 66.67 + 0) / 3
            var local = AccessScope.For([Roles.Township], null, township, new HashSet<Guid>());
            Assert.Equal(38.9m, await Metrics.ComputeAsync(db, local, TraceReporting.MetricName, Today));
            Assert.Equal(3, (await TraceReporting.RowsAsync(db, local, Today)).Count);
        }

        // The page (today's real date): the township user sees the silent business and not the one elsewhere.
        string Name(Guid id)
        {
            using var scope = factory.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<ShianDb>().Businesses.Single(b => b.Id == id).Name;
        }
        var townshipUser = await factory.SignedInAsync("township");
        var page = await townshipUser.GetStringAsync("/traceability/upload-rate?silentOnly=true");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Name(ids[2])), page);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(Name(ids[3])), page);
        Assert.DoesNotContain("new-requirement", page);
        var export = await townshipUser.GetAsync("/traceability/upload-rate?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, (await townshipUser.GetAsync("/traceability/upload-rate/requirement")).StatusCode);
    }

    [Fact]
    public async Task The_requirement_form_names_bad_fields_in_chinese_stores_nothing_and_saves_a_good_one()
    {
        var office = await factory.SignedInAsync("office");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var business = new Business
        {
            Id = Guid.NewGuid(), Name = "测试追溯要求超市", CreditCode = ("ZR" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "追溯路2号",
            TownshipId = await db.Townships.Select(t => t.Id).FirstAsync(), Category = BusinessCategory.Seller, Subtype = "supermarket",
            Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
        };
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        var before = await db.TraceReportingRequirements.CountAsync();

        var emptyResponse = await office.PostFormAsync("/traceability/upload-rate/requirement", new()
        {
            ["Input.Business"] = "", ["Input.Frequency"] = "Weekly", ["Input.From"] = "",
        });
        var empty = await emptyResponse.Content.ReadAsStringAsync();
        Assert.True(emptyResponse.StatusCode == HttpStatusCode.OK, $"{emptyResponse.StatusCode} {emptyResponse.RequestMessage?.RequestUri}: {empty[..Math.Min(800, empty.Length)]}");
        Assert.Contains("请选择企业", empty);
        Assert.Contains("请填写起始日期", empty);

        var backwards = await (await office.PostFormAsync("/traceability/upload-rate/requirement", new()
        {
            ["Input.Business"] = business.Name, ["Input.Frequency"] = "Daily", ["Input.From"] = "2026-03-01", ["Input.To"] = "2026-02-01",
        })).Content.ReadAsStringAsync();
        Assert.Contains("截止日期不能早于起始日期", backwards);
        Assert.Equal(before, await db.TraceReportingRequirements.CountAsync());

        var saved = await office.PostFormAsync("/traceability/upload-rate/requirement", new()
        {
            ["Input.Business"] = business.Name, ["Input.Frequency"] = "Monthly", ["Input.From"] = "2026-01-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await db.TraceReportingRequirements.AsNoTracking().Where(r => r.BusinessId == business.Id && r.To == null).SingleAsync();
        Assert.Equal((ReportingFrequency.Monthly, new DateOnly(2026, 1, 1)), (stored.Frequency, stored.From));
    }
}
