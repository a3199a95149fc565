using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.KitchenVideo;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Tests.Builders;

namespace Shian.Web.Tests.KitchenVideo;

/// <summary>
/// 明厨亮灶 on a small fixture in a township of the test's own: staff set statuses and cameras (bad stream addresses
/// refused, nothing stored), the operator reports a camera offline, other townships and other operators see nothing,
/// and the coverage page, its export and the metric agree with a hand count.
/// </summary>
public sealed class KitchenVideoTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{

    [Fact]
    public async Task Statuses_and_cameras_are_set_checked_scoped_and_counted()
    {
        var (townshipId, restaurant, school, school2) = await factory.QueryAsync(async db =>
        {
            var jurisdiction = await db.Townships.Select(t => t.JurisdictionId).FirstAsync();
            var township = new Township { Id = Guid.NewGuid(), JurisdictionId = jurisdiction, Code = "129999903", Name = "测试明厨镇", Kind = "镇" };
            db.Townships.Add(township);
            Business B(string name, BusinessCategory c, string subtype, BusinessStatus status = BusinessStatus.Active) => new Business
            {
                Id = Guid.NewGuid(), Name = name, CreditCode = ("MC" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "明厨路3号",
                TownshipId = township.Id, Category = c, Subtype = subtype, Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
            }.InStatus(status);
            var r = B("测试明厨饭店", BusinessCategory.Caterer, "restaurant");
            var s = B("测试明厨小学食堂", BusinessCategory.Canteen, "school");
            var s2 = B("测试明厨幼儿园食堂", BusinessCategory.Canteen, "kindergarten");
            db.Businesses.AddRange(r, s, s2,
                B("测试明厨已关闭饭店", BusinessCategory.Caterer, "restaurant", BusinessStatus.Closed), // not counted
                B("测试明厨超市", BusinessCategory.Seller, "supermarket"));                          // not catering
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = r.Id });
            await db.SaveChangesAsync();
            return (township.Id, r.Id, s.Id, s2.Id);
        });
        var page = $"/kitchen-video/{restaurant}";
        using var office = await factory.SignedInAsync("office");

        // A status change needs a reason and a legal step; a refusal stores nothing.
        var noReason = await (await office.PostFormAsync(page, new() { ["to"] = "Active", ["reason"] = " " }, page + "?handler=Status")).Content.ReadAsStringAsync();
        Assert.Contains("变更原因：必填。", noReason);
        Assert.Equal(0, await factory.QueryAsync(db => db.KitchenVideoLinks.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page, new() { ["to"] = "Active", ["reason"] = "平台验收通过" }, page + "?handler=Status")).StatusCode);
        var illegal = await (await office.PostFormAsync(page, new() { ["to"] = "Pending", ["reason"] = "x" }, page + "?handler=Status")).Content.ReadAsStringAsync();
        Assert.Contains("不能从“已接入”改为“申请中”", illegal);
        var link = await factory.QueryAsync(db => db.KitchenVideoLinks.AsNoTracking().Include(l => l.Changes).SingleAsync(l => l.BusinessId == restaurant));
        Assert.Equal(KitchenVideoStatus.Active, link.Status);
        Assert.Equal((KitchenVideoStatus.None, KitchenVideoStatus.Active, "平台验收通过", "office"), link.Changes.Select(c => (c.From, c.To, c.Reason, c.By)).Single());

        // Stream addresses other than http, https or rtsp are refused with the field named, and nothing is stored.
        foreach (var bad in new[] { "javascript:alert(1)", " JaVaScRiPt:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "/live/1" })
        {
            var refused = await (await office.PostFormAsync(page, new() { ["CameraName"] = "后厨1号", ["CameraLocation"] = "后厨", ["CameraUrl"] = bad }, page + "?handler=Camera"))
                .Content.ReadAsStringAsync();
            Assert.Contains("视频地址：", refused);
        }
        Assert.Equal(0, await factory.QueryAsync(db => db.KitchenCameras.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page,
            new() { ["CameraName"] = "后厨1号", ["CameraLocation"] = "后厨", ["CameraUrl"] = "https://video.example.cn/live/r1" }, page + "?handler=Camera")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page,
            new() { ["CameraName"] = "洗消间", ["CameraLocation"] = "洗消间", ["CameraUrl"] = "rtsp://10.1.2.3:554/ch2" }, page + "?handler=Camera")).StatusCode);
        var businessPage = await office.GetStringAsync($"/businesses/{restaurant}");
        Assert.Contains("href=\"https://video.example.cn/live/r1\" rel=\"noopener noreferrer\"", businessPage);
        Assert.Contains("data-testid=\"kitchen-video\"", businessPage);
        Assert.DoesNotContain("<video", businessPage);
        Assert.DoesNotContain("<iframe", businessPage);

        // The school canteen applies; the kindergarten stays unconnected.
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync($"/kitchen-video/{school}", new() { ["to"] = "Pending", ["reason"] = "已申请" }, $"/kitchen-video/{school}?handler=Status")).StatusCode);

        // The operator sees their own kitchen, may not change it, reports a camera offline: the kitchen becomes faulty.
        using var op = await factory.SignedInAsync("operator");
        var own = await op.GetStringAsync(page);
        Assert.Contains("已接入", own);
        Assert.DoesNotContain("data-testid=\"status-form\"", own);
        var opStatus = await op.PostFormAsync(page, new() { ["to"] = "None", ["reason"] = "不想接了" }, page + "?handler=Status");
        Assert.Contains("access-denied", opStatus.Headers.Location?.OriginalString ?? opStatus.StatusCode.ToString());
        var opCamera = await op.PostFormAsync(page, new() { ["CameraName"] = "x", ["CameraLocation"] = "后厨", ["CameraUrl"] = "https://x.example.cn/" }, page + "?handler=Camera");
        Assert.Contains("access-denied", opCamera.Headers.Location?.OriginalString ?? opCamera.StatusCode.ToString());
        var camera = await factory.QueryAsync(db => db.KitchenCameras.Where(c => c.Name == "后厨1号").Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(page, new() { ["note"] = "黑屏" }, $"{page}?handler=Offline&camera={camera}")).StatusCode);
        link = await factory.QueryAsync(db => db.KitchenVideoLinks.AsNoTracking().Include(l => l.Changes).Include(l => l.Cameras).SingleAsync(l => l.BusinessId == restaurant));
        Assert.Equal(KitchenVideoStatus.Degraded, link.Status);
        Assert.Equal(("operator", "摄像头“后厨1号”离线：黑屏"), link.Changes.OrderBy(c => c.At).Select(c => (c.By, c.Reason)).Last());
        Assert.False(link.Cameras.Single(c => c.Id == camera).Online);
        // Another business's kitchen, and the district overview, are not the operator's.
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/kitchen-video/{school}")).StatusCode);
        var overview = await op.GetAsync("/kitchen-video");
        Assert.Contains("access-denied", overview.Headers.Location?.OriginalString ?? overview.StatusCode.ToString());

        // A township officer of another township sees none of it.
        using var township = await factory.SignedInAsync("township");
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(page)).StatusCode);
        Assert.DoesNotContain("测试明厨镇", await township.GetStringAsync("/kitchen-video"));
        // An inspector of another township, who may edit the registry there, neither sees nor changes this kitchen.
        await factory.QueryAsync(async db =>
        {
            var inspector = await db.Users.SingleAsync(u => u.UserName == "inspector");
            inspector.TownshipId = await db.Townships.Where(t => t.Id != townshipId).OrderBy(t => t.Code).Select(t => t.Id).FirstAsync();
            return await db.SaveChangesAsync();
        });
        using var inspectorClient = await factory.SignedInAsync("inspector");
        Assert.Equal(HttpStatusCode.NotFound, (await inspectorClient.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspectorClient.PostFormAsync("/kitchen-video", new() { ["to"] = "None", ["reason"] = "x" }, page + "?handler=Status")).StatusCode);
        Assert.Equal(KitchenVideoStatus.Degraded, await factory.QueryAsync(db => db.KitchenVideoLinks.Where(l => l.BusinessId == restaurant).Select(l => l.Status).SingleAsync()));
        var district = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var elsewhere = new AccessScope(AccessLevel.Township, null, Guid.NewGuid(), new HashSet<Guid>());
        Assert.Null(await factory.QueryAsync(db => Metrics.ComputeAsync(db, elsewhere, KitchenVideoCoverage.MetricName, today)));

        // Coverage: 3 catering businesses (the closed one and the supermarket left out): 1 faulty, 1 pending, 1 none → 0 %.
        // Repaired, 1 of 3 active → 33.3 %; schools 0 of 2.
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page, new() { ["to"] = "Active", ["reason"] = "已修复" }, page + "?handler=Status")).StatusCode);
        var coverage = await office.GetStringAsync("/kitchen-video");
        var row0 = Regex.Match(coverage, "<tr data-township=\"测试明厨镇\"[^>]*>").Value;
        Assert.Equal("<tr data-township=\"测试明厨镇\" data-total=\"3\" data-active=\"1\" data-pending=\"1\" data-degraded=\"0\" data-none=\"1\" data-schools=\"2\" data-school-active=\"0\">",
            Regex.Replace(row0, "\\s+", " "));
        Assert.Contains(">33.3%<", coverage);
        Assert.Equal(33.3m, await factory.QueryAsync(db => Metrics.ComputeAsync(db, district, KitchenVideoCoverage.MetricName, today)));
        Assert.Equal(0.0m, await factory.QueryAsync(db => Metrics.ComputeAsync(db, district, KitchenVideoCoverage.SchoolMetricName, today)));
        var ours = new AccessScope(AccessLevel.Township, null, townshipId, new HashSet<Guid>());
        Assert.Equal(33.3m, await factory.QueryAsync(db => Metrics.ComputeAsync(db, ours, KitchenVideoCoverage.MetricName, today)));
        Assert.Contains(Metrics.All, m => m.Name == KitchenVideoCoverage.MetricName);

        // Filter by status: the pending list holds the school, not the restaurant.
        var pending = await office.GetStringAsync("/kitchen-video?Status=Pending");
        Assert.Contains("data-business=\"测试明厨小学食堂\"", pending);
        Assert.DoesNotContain("data-business=\"测试明厨饭店\"", pending);

        // The export carries the same numbers and the filtered businesses.
        var export = await office.GetAsync("/kitchen-video?handler=Export&Status=None");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var row = workbook.Query(useHeaderRow: true, sheetName: "接入情况").Cast<IDictionary<string, object>>().Single(r => (string)r["乡镇街道"] == "测试明厨镇");
        Assert.Equal((3d, 1d, 2d), (Convert.ToDouble(row["餐饮单位"]), Convert.ToDouble(row["已接入"]), Convert.ToDouble(row["学校食堂"])));
        workbook.Position = 0;
        var listed = workbook.Query(useHeaderRow: true, sheetName: "经营者").Cast<IDictionary<string, object>>().Select(r => (string)r["名称"]).ToList();
        Assert.Equal(["测试明厨幼儿园食堂"], listed);
    }
}
