using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.KitchenVideo;
using Shian.Registry;
using Shian.Schools;

namespace Shian.Demo;

/// <summary>
/// The demo district's 陪餐 records and 明厨亮灶 statuses: school canteens with a few weeks of records (some without any,
/// so that /schools flags them), kitchens tagged 明厨亮灶 connected with cameras, some applied for, one faulty. Only when
/// neither exists yet.
/// </summary>
public static class DemoSchools
{
    public static async Task SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.SchoolMealRecords.AnyAsync(ct) || await db.KitchenVideoLinks.AnyAsync(ct))
        {
            return;
        }
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        var term = SchoolTerm.Of(today);
        var random = new Random(2026);
        var catering = await db.Businesses.AsNoTracking()
            .Where(b => b.Status != BusinessStatus.Closed && (b.Category == BusinessCategory.Caterer || b.Category == BusinessCategory.Canteen))
            .OrderBy(b => b.CreditCode).ToListAsync(ct);
        var schools = catering.Where(SchoolCoverage.IsSchoolCanteen).ToList();
        string[] places = ["后厨", "备餐间", "洗消间", "切配间"];
        var camera = 0;
        var degraded = false;
        foreach (var b in catering)
        {
            var school = SchoolCoverage.IsSchoolCanteen(b);
            var tagged = b.TagList.Contains("kitchen-video");
            var roll = random.Next(100);
            if (!tagged && !(school && roll < 40))
            {
                continue;
            }
            var link = KitchenVideoLink.For(b.Id, b.TownshipId, "demo", now.AddDays(-120));
            if (!tagged)
            {
                link.ChangeStatus(KitchenVideoStatus.Pending, "已提交接入申请，设备安装中", "demo", now.AddDays(-random.Next(5, 60)));
            }
            else
            {
                link.ChangeStatus(KitchenVideoStatus.Active, "接入区明厨亮灶平台，验收通过", "demo", now.AddDays(-random.Next(60, 110)));
                foreach (var place in places.Take(school ? 3 : 1 + random.Next(2)))
                {
                    link.AddCamera($"{place}摄像头", place, $"https://mclz.example.gov.cn/live/{++camera}", "demo", link.ChangedAt);
                }
                if (!degraded && school)
                {
                    link.ReportOffline(link.Cameras[0].Id, "画面黑屏", "demo", now.AddDays(-2));
                    degraded = true;
                }
            }
            db.KitchenVideoLinks.Add(link);
        }
        string[] leaders = ["校长", "副校长", "分管负责人", "家长代表"];
        string[] names = ["王建华", "李红梅", "张志强", "刘芳", "陈静"];
        string[] dishes = ["米饭、红烧鸡块、清炒油菜、紫菜蛋汤", "馒头、土豆烧牛肉、西红柿炒蛋、小米粥", "米饭、鱼香肉丝、蒜蓉西兰花、冬瓜汤", "面条、肉末茄子、凉拌黄瓜、绿豆汤"];
        string[] findings = ["", "", "", "菜品偏咸，已告知厨师长", "分量充足，学生反映良好", "餐具消毒记录未及时填写，已要求补齐"];
        foreach (var (school, index) in schools.Select((s, i) => (s, i)))
        {
            if (index % 5 == 4)
            {
                continue; // every fifth school has none, to show the flag
            }
            for (var day = today; day >= term.From && day > today.AddDays(-42); day = day.AddDays(-1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || random.Next(100) >= 40)
                {
                    continue;
                }
                var role = leaders[random.Next(leaders.Length)];
                var (record, _) = SchoolMealRecord.Create(school.Id, school.TownshipId,
                    new SchoolMealRecord.Input(day, SchoolMeal.Lunch, names[random.Next(names.Length)], role,
                        dishes[random.Next(dishes.Length)], findings[random.Next(findings.Length)]),
                    today, "demo", day.ToDateTime(new TimeOnly(5, 0), DateTimeKind.Utc));
                if (record is not null)
                {
                    db.SchoolMealRecords.Add(record);
                }
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
