using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Schools;

namespace Shian.Web.Tests.Schools;

/// <summary>
/// 陪餐 records: the operator of school A enters A's records (checked, duplicates refused, photos by content) and can
/// neither list, open nor add records of school B; a township officer of another township sees neither; the office
/// sees both, on the list, the business page and /schools.
/// </summary>
public sealed class SchoolMealTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    private static Dictionary<string, string> Form(Guid business, DateOnly date, string meal = "Lunch", string name = "甲校长", string dishes = "米饭、红烧鸡块、炒青菜") => new()
    {
        ["Input.Business"] = business.ToString(), ["Input.Date"] = date.ToString("yyyy-MM-dd"), ["Input.Meal"] = meal,
        ["Input.PersonName"] = name, ["Input.PersonRole"] = "校长", ["Input.Dishes"] = dishes, ["Input.Findings"] = "青菜偏咸",
    };

    [Fact]
    public async Task The_operator_of_school_A_keeps_A_records_and_never_reaches_B()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var (a, b, bRecord) = await factory.QueryAsync(async db =>
        {
            var jurisdiction = await db.Townships.Select(t => t.JurisdictionId).FirstAsync();
            var township = new Township { Id = Guid.NewGuid(), JurisdictionId = jurisdiction, Code = "129999902", Name = "测试陪餐镇", Kind = "镇" };
            db.Townships.Add(township);
            Business School(string name) => new()
            {
                Id = Guid.NewGuid(), Name = name, CreditCode = ("PC" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "学府路2号",
                TownshipId = township.Id, Category = BusinessCategory.Canteen, Subtype = "school", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
            };
            var a = School("测试甲小学食堂");
            var b = School("测试乙中学食堂");
            db.Businesses.AddRange(a, b);
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = a.Id });
            var (record, errors) = SchoolMealRecord.Create(b.Id, township.Id,
                new SchoolMealRecord.Input(today, SchoolMeal.Lunch, "乙家长", "家长代表", "乙校的菜", "乙校发现的问题"), today, "b-operator", DateTime.UtcNow);
            Assert.Empty(errors);
            db.SchoolMealRecords.Add(record!);
            db.StoredFiles.Add(StoredFile.Photo("b.png", Png, FileOwners.SchoolMealPhoto, record!.Id, "b-operator", DateTime.UtcNow).File!);
            await db.SaveChangesAsync();
            return (a.Id, b.Id, record.Id);
        });
        var bPhoto = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.OwnerId == bRecord).Select(f => f.Id).SingleAsync());
        int Count(ShianDb db, Guid business) => db.SchoolMealRecords.Count(r => r.BusinessId == business);

        using var op = await factory.SignedInAsync("operator");
        var list = await op.GetStringAsync("/schools/meals");
        Assert.Contains("测试甲小学食堂", list);
        Assert.DoesNotContain("测试乙中学食堂", list);
        Assert.DoesNotContain("乙家长", list);

        // Bad input: each refusal names its field, nothing is stored.
        var future = await (await op.PostFormAsync("/schools/meals", Form(a, today.AddDays(1)))).Content.ReadAsStringAsync();
        Assert.Contains("陪餐日期：不能晚于今天。", future);
        var term = SchoolTerm.Of(today);
        var early = await (await op.PostFormAsync("/schools/meals", Form(a, term.From.AddDays(-1)))).Content.ReadAsStringAsync();
        Assert.Contains("不能早于本学期开始", early);
        var missing = await (await op.PostFormAsync("/schools/meals", Form(a, today, name: " ", dishes: ""))).Content.ReadAsStringAsync();
        Assert.Contains("陪餐人姓名：必填。", missing);
        Assert.Contains("菜品：必填。", missing);
        var notPhoto = await op.PostFilesAsync("/schools/meals", Form(a, today), [("Photos", "餐.png", Encoding.UTF8.GetBytes("not a picture"))]);
        Assert.Contains("不是图片", await notPhoto.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.QueryAsync(db => Task.FromResult(Count(db, a))));
        Assert.Equal(1, await factory.QueryAsync(db => db.StoredFiles.CountAsync(f => f.OwnerKind == FileOwners.SchoolMealPhoto)));

        // A good record with a photo is stored; the same meal again is refused clearly.
        var saved = await op.PostFilesAsync("/schools/meals", Form(a, today), [("Photos", "餐.png", Png)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var recordPage = saved.Headers.Location!.OriginalString;
        var record = await factory.QueryAsync(db => db.SchoolMealRecords.AsNoTracking().SingleAsync(r => r.BusinessId == a));
        Assert.Equal(("甲校长", "校长", SchoolMeal.Lunch, today, "operator"), (record.PersonName, record.PersonRole, record.Meal, record.Date, record.EnteredBy));
        Assert.Contains("红烧鸡块", await op.GetStringAsync(recordPage));
        var aPhoto = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.OwnerId == record.Id).Select(f => f.Id).SingleAsync());
        Assert.Equal(Png, await op.GetByteArrayAsync($"/schools/meals/{record.Id}?handler=Photo&photo={aPhoto}"));
        var duplicate = await (await op.PostFormAsync("/schools/meals", Form(a, today, name: "另一位"))).Content.ReadAsStringAsync();
        Assert.Contains("已有陪餐记录，同一餐次只能记录一次", duplicate);
        Assert.Equal(1, await factory.QueryAsync(db => Task.FromResult(Count(db, a))));
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync("/schools/meals", Form(a, today, meal: "Dinner"))).StatusCode);

        // School B: not listed, not opened, no photo, no record added, not on its business page.
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/schools/meals?business={b}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/schools/meals/{bRecord}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/schools/meals/{bRecord}?handler=Photo&photo={bPhoto}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/schools/meals/{record.Id}?handler=Photo&photo={bPhoto}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/businesses/{b}")).StatusCode);
        var intoB = await op.PostFormAsync("/schools/meals", Form(b, today.AddDays(-1) < term.From ? today : today.AddDays(-1), meal: "Breakfast"));
        Assert.Equal(HttpStatusCode.NotFound, intoB.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => Task.FromResult(Count(db, b))));
        Assert.DoesNotContain("乙家长", await op.GetStringAsync("/schools/meals"));
        Assert.DoesNotContain("乙家长", await op.GetStringAsync($"/businesses/{a}"));

        // A township officer of another township sees neither school's records.
        using var township = await factory.SignedInAsync("township");
        var theirs = await township.GetStringAsync("/schools/meals");
        Assert.DoesNotContain("甲校长", theirs);
        Assert.DoesNotContain("乙家长", theirs);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/schools/meals/{bRecord}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/schools/meals?business={a}")).StatusCode);
        // Staff read but do not write.
        var staffPost = await township.PostFormAsync("/schools/meals", Form(a, today, meal: "Breakfast"));
        Assert.Contains("access-denied", staffPost.Headers.Location?.OriginalString ?? staffPost.StatusCode.ToString());
        Assert.Equal(2, await factory.QueryAsync(db => Task.FromResult(Count(db, a))));

        // The office sees both, with the counts on the business page and /schools.
        using var office = await factory.SignedInAsync("office");
        var all = await office.GetStringAsync("/schools/meals");
        Assert.Contains("甲校长", all);
        Assert.Contains("乙家长", all);
        Assert.DoesNotContain("data-testid=\"meal-form\"", all);
        var businessPage = await office.GetStringAsync($"/businesses/{a}");
        Assert.Matches("data-testid=\"meals-this-term\">2<", businessPage);
        Assert.Contains("甲校长", businessPage);
        var schools = await office.GetStringAsync("/schools");
        Assert.Matches(new Regex($"href=\"/businesses/{a}\">测试甲小学食堂</a>.*?data-meals=\"2\"", RegexOptions.Singleline), schools);
        Assert.Matches(new Regex($"href=\"/businesses/{b}\">测试乙中学食堂</a>.*?data-meals=\"1\"", RegexOptions.Singleline), schools);
    }
}
