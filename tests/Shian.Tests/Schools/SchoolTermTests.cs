using Shian.Inspections;
using Shian.Registry;
using Shian.Schools;
using Shian.Tests.Builders;

namespace Shian.Tests.Schools;

public class SchoolTermTests
{
    [Theory]
    [InlineData(2020, 1, 31, 2019, TermSeason.Autumn)]
    [InlineData(2020, 2, 1, 2020, TermSeason.Spring)]
    [InlineData(2020, 7, 31, 2020, TermSeason.Spring)]
    [InlineData(2020, 8, 1, 2020, TermSeason.Autumn)]
    [InlineData(2020, 9, 1, 2020, TermSeason.Autumn)]
    [InlineData(2020, 12, 31, 2020, TermSeason.Autumn)]
    [InlineData(2021, 1, 15, 2020, TermSeason.Autumn)]
    public void Each_day_belongs_to_one_term(int y, int m, int d, int termYear, TermSeason season)
    {
        var term = SchoolTerm.Of(new DateOnly(y, m, d));
        Assert.Equal(new SchoolTerm(termYear, season), term);
        Assert.True(term.Contains(new DateOnly(y, m, d)));
    }

    [Fact]
    public void Terms_have_their_bounds_and_names()
    {
        var autumn = new SchoolTerm(2020, TermSeason.Autumn);
        Assert.Equal(new DateOnly(2020, 8, 1), autumn.From);
        Assert.Equal(new DateOnly(2021, 1, 31), autumn.To);
        Assert.Equal("2020–2021 秋季学期", autumn.Name);
        var spring = new SchoolTerm(2021, TermSeason.Spring);
        Assert.Equal(autumn.To.AddDays(1), spring.From);
        Assert.Equal(new DateOnly(2021, 7, 31), spring.To);
        Assert.Equal("2021 春季学期", spring.Name);
    }
}

public class SchoolCoverageTests
{
    private static readonly Guid T = Guid.NewGuid();
    private static readonly SchoolTerm Spring2020 = new(2020, TermSeason.Spring);

    private static Business B(string name, BusinessCategory c, string subtype, string tags = "", BusinessStatus status = BusinessStatus.Active) =>
        new Business { Id = Guid.NewGuid(), Name = name, Category = c, Subtype = subtype, TownshipId = T, Tags = tags }.InStatus(status);

    private static Inspection I(Business b, DateTime endedUtc, InspectionStatus status = InspectionStatus.Submitted) =>
        status == InspectionStatus.Submitted
            ? TestInspections.Submitted(b.Id, T, InspectionResult.Conforming, endedUtc)
            : TestInspections.Draft(b.Id, T, endedUtc.AddHours(-1));

    private static DateTime Utc(int y, int m, int d, int h = 2) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Coverage_counts_canteens_inspected_twice_in_the_term()
    {
        var a = B("甲小学食堂", BusinessCategory.Canteen, "school");
        var b = B("乙幼儿园食堂", BusinessCategory.Canteen, "kindergarten");
        var c = B("丙中学食堂", BusinessCategory.Canteen, "school");
        var d = B("丁小学食堂", BusinessCategory.Canteen, "school");
        var closed = B("戊小学食堂", BusinessCategory.Canteen, "school", status: BusinessStatus.Closed);
        var hospital = B("医院食堂", BusinessCategory.Canteen, "hospital");
        var supplier = B("配餐公司", BusinessCategory.Caterer, "group-meals", "school-related");
        var inspections = new[]
        {
            I(a, Utc(2020, 3, 2)), I(a, Utc(2020, 6, 1)),                    // a: 2 → met
            I(b, Utc(2020, 2, 10)), I(b, Utc(2020, 5, 5)), I(b, Utc(2020, 7, 1)), // b: 3 → met
            I(c, Utc(2020, 4, 1)), I(c, Utc(2020, 4, 2), InspectionStatus.Draft), // c: 1 submitted → not met
            I(d, Utc(2020, 1, 31, 15)),  // 23:00 on 31 Jan China time: autumn term, not counted
            I(d, Utc(2020, 7, 31, 17)),  // 01:00 on 1 Aug China time: autumn term, not counted
            I(d, Utc(2020, 1, 31, 17)),  // 01:00 on 1 Feb China time: counted → d: 1, not met
            I(closed, Utc(2020, 3, 3)), I(closed, Utc(2020, 3, 4)),
            I(hospital, Utc(2020, 3, 3)), I(hospital, Utc(2020, 3, 4)),
        };
        var all = new[] { a, b, c, d, closed, hospital, supplier };

        // 2 of the 4 open school/kindergarten canteens (a, b) → 50 %.
        Assert.Equal(50.0m, SchoolCoverage.Indicator(all, inspections, Spring2020, 2));
        // At least once: a, b, c, d → 100 %.
        Assert.Equal(100.0m, SchoolCoverage.Indicator(all, inspections, Spring2020, 1));
        // Three times: only b → 25 %.
        Assert.Equal(25.0m, SchoolCoverage.Indicator(all, inspections, Spring2020, 3));

        var rows = SchoolCoverage.Rows(all, inspections, Spring2020, 2);
        Assert.Equal(["配餐公司", "丁小学食堂", "丙中学食堂", "乙幼儿园食堂", "甲小学食堂"], rows.Select(r => r.Business.Name).ToArray());
        Assert.Equal([0, 1, 1, 3, 2], rows.Select(r => r.Inspections).ToArray());
    }

    [Fact]
    public void No_canteen_no_value()
    {
        Assert.Null(SchoolCoverage.Indicator([B("餐馆", BusinessCategory.Caterer, "restaurant")], [], Spring2020, 2));
    }
}
