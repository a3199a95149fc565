using Shian.Inspections;
using Shian.Risk;

namespace Shian.Tests.Inspections;

public class InspectionScheduleTests
{
    private static readonly Guid Township = Guid.NewGuid();

    [Fact]
    public void A_business_needing_four_visits_gets_one_a_quarter()
    {
        var slots = InspectionSchedule.Spread([new(Guid.NewGuid(), Township, RiskLevel.D, 4)]);
        Assert.Equal([1, 4, 7, 10], slots.Select(s => s.Month));
        Assert.Equal([1, 2, 3, 4], slots.Select(s => s.Visit));
    }

    [Fact]
    public void A_townships_load_stays_level_across_the_months()
    {
        // 120 grade-A businesses needing one visit each: ten a month, not 120 in January.
        var needs = Enumerable.Range(0, 120).Select(_ => new InspectionSchedule.Need(Guid.NewGuid(), Township, RiskLevel.A, 1)).ToList();
        var perMonth = InspectionSchedule.Spread(needs).GroupBy(s => s.Month).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(12, perMonth.Count);
        Assert.All(perMonth.Values, count => Assert.Equal(10, count));
    }

    [Fact]
    public void Visits_of_one_business_stay_apart_and_within_the_year()
    {
        var needs = Enumerable.Range(0, 50).Select(i => new InspectionSchedule.Need(Guid.NewGuid(), Township, RiskLevel.C, 1 + i % 4)).ToList();
        foreach (var business in InspectionSchedule.Spread(needs).GroupBy(s => s.BusinessId))
        {
            var months = business.Select(s => s.Month).ToList();
            Assert.All(months, m => Assert.InRange(m, 1, 12));
            Assert.Equal(months.Count, months.Distinct().Count());
            Assert.Equal(months.Order(), months);
        }
        Assert.Equal(needs.Sum(n => n.Required), InspectionSchedule.Spread(needs).Count);
    }

    [Fact]
    public void Nothing_is_planned_for_a_business_needing_none() =>
        Assert.Empty(InspectionSchedule.Spread([new(Guid.NewGuid(), Township, RiskLevel.A, 0)]));
}
