using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Inspections;
using Shian.Rectification;
using Shian.Registry;
using Shian.Tests.Builders;

namespace Shian.Web.Tests.Rectification;

/// <summary>
/// A rectification order from issue to closure: a supervisor issues it on a failed inspection, the operator answers
/// with a photo (a file that is not one is refused and nothing changes), another operator's order stays hidden, and a
/// passed follow-up inspection closes it.
/// </summary>
public sealed class RectificationTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    private Task<Guid> InspectAsync(Guid business, InspectionResult result, DateTime at) => factory.QueryAsync(async db =>
    {
        var township = await db.Businesses.Where(b => b.Id == business).Select(b => b.TownshipId).SingleAsync();
        var inspection = TestInspections.Submitted(business, township, result, at.AddHours(1), await TestInspections.TeamAsync(db));
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        return inspection.Id;
    });

    [Fact]
    public async Task An_order_is_issued_answered_with_a_photo_and_closed_by_a_follow_up()
    {
        var (mine, other) = await factory.QueryAsync(async db =>
        {
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Sample), "s.csv", false, TimeProvider.System)).Errors);
            var restaurant = await db.Businesses.Where(b => b.Name.Contains("老王家常菜馆")).Select(b => b.Id).SingleAsync();
            var supermarket = await db.Businesses.Where(b => b.Name.Contains("鑫源超市")).Select(b => b.Id).SingleAsync();
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = restaurant });
            await db.SaveChangesAsync();
            return (restaurant, supermarket);
        });
        var failed = await InspectAsync(mine, InspectionResult.NonConforming, DateTime.UtcNow.AddHours(-2));
        var elsewhere = await InspectAsync(other, InspectionResult.NonConforming, DateTime.UtcNow.AddHours(-2));

        // Supervisors are told of failed inspections that have no order yet.
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("2 次检查发现不符合项，尚未下达整改通知", await office.GetStringAsync("/rectification"));
        var awaiting = await office.GetStringAsync("/rectification?show=awaiting");
        Assert.Contains($"/inspections/{failed}", awaiting);
        Assert.Contains($"/inspections/{elsewhere}", awaiting);

        // The supervisor issues the order; without requirements it is refused and nothing is stored.
        var page = $"/rectification/new/{failed}";
        var empty = await (await office.PostFormAsync(page, new() { ["Requirements"] = "", ["WorkingDays"] = "5" })).Content.ReadAsStringAsync();
        Assert.True(empty.Contains("请填写整改要求"), empty[..Math.Min(empty.Length, 3000)]);
        Assert.Equal(0, await factory.QueryAsync(db => db.RectificationOrders.CountAsync()));
        var issued = await office.PostFormAsync(page, new() { ["Requirements"] = "冷藏柜温度记录缺失，立即补齐并每日记录", ["WorkingDays"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var orderPage = issued.Headers.Location!.OriginalString;
        var order = await factory.QueryAsync(db => db.RectificationOrders.AsNoTracking().SingleAsync());
        Assert.StartsWith("整改〔", order.Number);
        var calendar = await factory.QueryAsync(db => db.LoadCalendarAsync());
        Assert.Equal(calendar.AddWorkingDays(order.IssuedOn, 5), order.Deadline);
        var otherOrder = await office.PostFormAsync($"/rectification/new/{elsewhere}", new() { ["Requirements"] = "清理货架过期食品", ["WorkingDays"] = "3" });
        var otherPage = otherOrder.Headers.Location!.OriginalString;
        Assert.DoesNotContain("data-testid=\"awaiting-notice\"", await office.GetStringAsync("/rectification"));

        // The operator sees only the order of their own business.
        using var operatorClient = await factory.SignedInAsync("operator");
        var list = await operatorClient.GetStringAsync("/rectification");
        Assert.Contains(order.Number, list);
        Assert.DoesNotContain("清理货架", await operatorClient.GetStringAsync(orderPage));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(otherPage)).StatusCode);
        // An operator cannot issue orders.
        Assert.NotEqual(HttpStatusCode.OK, (await operatorClient.GetAsync(page)).StatusCode);

        // A file that is not what its name says is refused: the order stays open, no file kept.
        var refused = await operatorClient.PostFilesAsync(orderPage, new() { ["Text"] = "已补齐记录" }, [("Files", "照片.png", Encoding.UTF8.GetBytes("not a picture"))], orderPage + "?handler=Respond");
        Assert.Contains("内容与扩展名不符", await refused.Content.ReadAsStringAsync());
        Assert.Equal(RectificationStatus.Open, await factory.QueryAsync(db => db.RectificationOrders.Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.StoredFiles.CountAsync(f => f.OwnerId == order.Id)));
        var answered = await operatorClient.PostFilesAsync(orderPage, new() { ["Text"] = "已补齐记录，新增温度计" }, [("Files", "温度记录.png", Png)], orderPage + "?handler=Respond");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var afterAnswer = await operatorClient.GetStringAsync(orderPage);
        Assert.Contains("已回复", afterAnswer);
        Assert.Contains("温度记录.png", afterAnswer);
        Assert.DoesNotContain("data-testid=\"late\"", afterAnswer);
        // The operator may not close their own order.
        var denied = await operatorClient.PostFormAsync(orderPage, new() { ["Text"] = "x" }, orderPage + "?handler=Escalate");
        Assert.Contains("access-denied", denied.Headers.Location?.OriginalString ?? denied.StatusCode.ToString());
        Assert.Equal(RectificationStatus.Responded, await factory.QueryAsync(db => db.RectificationOrders.Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync()));

        // Staff open the evidence; a failed follow-up cannot close the order, a passed one does.
        var evidence = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.OwnerId == order.Id).Select(f => f.Id).SingleAsync());
        Assert.Equal(Png, await office.GetByteArrayAsync($"{orderPage}?handler=File&file={evidence}"));
        var failedAgain = await InspectAsync(mine, InspectionResult.NonConforming, DateTime.UtcNow.AddMinutes(1));
        Assert.Contains("复查结果为不符合", await (await office.PostFormAsync(orderPage, new() { ["FollowUpId"] = failedAgain.ToString() }, orderPage + "?handler=Close")).Content.ReadAsStringAsync());
        var passed = await InspectAsync(mine, InspectionResult.Conforming, DateTime.UtcNow.AddMinutes(2));
        var closed = await office.PostFormAsync(orderPage, new() { ["FollowUpId"] = passed.ToString(), ["Text"] = "复查合格" }, orderPage + "?handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var final = await factory.QueryAsync(db => db.RectificationOrders.AsNoTracking().SingleAsync(o => o.Id == order.Id));
        Assert.Equal((RectificationStatus.Closed, passed), (final.Status, final.FollowUpInspectionId!.Value));

        // rectification.closure_rate: the closed order counts; the other is within its deadline and not yet counted.
        // On its deadline day plus one, the open order is due and not closed: 1 of 2.
        var district = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
        Assert.Equal(100.0m, await factory.QueryAsync(db => RectificationMetrics.ClosureRateAsync(db, district, order.IssuedOn)));
        var otherDeadline = await factory.QueryAsync(db => db.RectificationOrders.Where(o => o.BusinessId == other).Select(o => o.Deadline).SingleAsync());
        if (otherDeadline.AddDays(1).Year == order.IssuedOn.Year) // the figure is per year of issue
        {
            Assert.Equal(50.0m, await factory.QueryAsync(db => RectificationMetrics.ClosureRateAsync(db, district, otherDeadline.AddDays(1))));
        }
        Assert.Null(await factory.QueryAsync(db => RectificationMetrics.ClosureRateAsync(db, AccessScope.Nothing, order.IssuedOn)));
    }
}
