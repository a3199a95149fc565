using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Organization;
using Shian.Registry;
using Shian.Schools;
using Shian.Tests.Builders;

namespace Shian.Web.Tests.Schools;

/// <summary>The school canteen coverage indicator and the /schools page, in a township of the test's own.</summary>
public sealed class SchoolCoverageTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task The_indicator_and_the_page_match_a_hand_count()
    {
        var term = SchoolTerm.Of(ShianTime.LocalDate(DateTime.UtcNow));
        DateTime In(int days) => term.From.AddDays(days).ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var jurisdiction = await db.Townships.Select(t => t.JurisdictionId).FirstAsync();
        var township = new Township { Id = Guid.NewGuid(), JurisdictionId = jurisdiction, Code = "129999901", Name = "测试学区镇", Kind = "镇" };
        db.Townships.Add(township);
        Business B(string name, BusinessCategory c, string subtype, string tags = "", BusinessStatus status = BusinessStatus.Active) => new Business
        {
            Id = Guid.NewGuid(), Name = name, CreditCode = ("SCH" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "学区路1号",
            TownshipId = township.Id, Category = c, Subtype = subtype, Scale = BusinessScale.Small, Tags = tags, CreatedAt = DateTime.UtcNow,
        }.InStatus(status);
        var a = B("测试甲小学食堂", BusinessCategory.Canteen, "school");
        var b = B("测试乙幼儿园食堂", BusinessCategory.Canteen, "kindergarten");
        var c = B("测试丙中学食堂", BusinessCategory.Canteen, "school");
        var closed = B("测试丁小学食堂", BusinessCategory.Canteen, "school", status: BusinessStatus.Closed);
        var supplier = B("测试配餐公司", BusinessCategory.Caterer, "group-meals", "school-related");
        db.Businesses.AddRange(a, b, c, closed, supplier);
        var team = await TestInspections.TeamAsync(db);
        Inspection I(Business x, DateTime ended, InspectionStatus status = InspectionStatus.Submitted) => status == InspectionStatus.Submitted
            ? TestInspections.Submitted(x.Id, township.Id, InspectionResult.Conforming, ended, team)
            : TestInspections.Draft(x.Id, township.Id, ended.AddHours(-1));
        db.Inspections.AddRange(
            I(a, In(5)), I(a, In(40)),                         // a: 2 → met
            I(b, In(6)), I(b, In(7), InspectionStatus.Draft), // b: 1 submitted → short
            I(c, In(-3)),                                      // c: before the term → 0
            I(closed, In(5)), I(closed, In(6)),                // closed: not counted at all
            I(supplier, In(8)));                               // supplier: 1, not in the indicator
        await db.SaveChangesAsync();

        // 1 of the 3 open school/kindergarten canteens (a) → 33.3 %; at least once: a, b → 66.7 %.
        Assert.Equal(33.3m, await SchoolCoverage.IndicatorAsync(db, term, 2, township.Id));
        Assert.Equal(66.7m, await SchoolCoverage.IndicatorAsync(db, term, 1, township.Id));

        using var office = await factory.SignedInAsync("office");
        var page = await office.GetStringAsync("/schools");
        string? Count(string name) => Regex.Match(page, $"data-school=\"{name}\" data-inspections=\"(\\d+)\"") is { Success: true } m ? m.Groups[1].Value : null;
        Assert.Equal("2", Count("测试甲小学食堂"));
        Assert.Equal("1", Count("测试乙幼儿园食堂"));
        Assert.Equal("0", Count("测试丙中学食堂"));
        Assert.Equal("1", Count("测试配餐公司"));
        Assert.Null(Count("测试丁小学食堂"));
        // Short ones come before the met one.
        Assert.True(page.IndexOf("测试丙中学食堂", StringComparison.Ordinal) < page.IndexOf("测试甲小学食堂", StringComparison.Ordinal));

        // The township's staff of another township do not see these.
        using var other = await factory.SignedInAsync("township");
        Assert.DoesNotContain("测试甲小学食堂", await other.GetStringAsync("/schools"));
    }
}
