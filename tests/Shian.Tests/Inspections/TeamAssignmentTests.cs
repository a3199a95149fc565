using Shian.Inspections;
using Shian.Risk;

namespace Shian.Tests.Inspections;

/// <summary>
/// <see cref="InspectionSchedule.AssignTeams"/>: a business keeps one team for the year and the teams' monthly loads stay
/// level (the busiest and the quietest team of any month at most two visits apart; one in the worked example).
/// </summary>
public class TeamAssignmentTests
{
    private static readonly Guid Township = Guid.NewGuid();
    private static readonly Guid TeamOne = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid TeamTwo = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private static Guid Business(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:D12}");

    private static IEnumerable<InspectionSchedule.Slot> Visits(int business, params int[] months) =>
        months.Select((m, i) => new InspectionSchedule.Slot(Business(business), Township, RiskLevel.C, i + 1, m));

    private static int[,] Loads(IEnumerable<InspectionSchedule.Slot> slots, IReadOnlyDictionary<Guid, Guid> assigned, IReadOnlyList<Guid> teams)
    {
        var load = new int[teams.Count, 13];
        foreach (var slot in slots)
        {
            load[teams.ToList().IndexOf(assigned[slot.BusinessId]), slot.Month]++;
        }
        return load;
    }

    [Fact]
    public void Worked_example_two_teams_six_businesses()
    {
        // Two businesses at four visits, two at two, two at one. Taken most visits first:
        //   1 (months 1 4 7 10) → team one (both empty, listed first)
        //   2 (months 2 5 8 11) → team two (both empty in those months; team two has fewer visits in the year)
        //   3 (months 1 7)      → team two (team one already has a visit in months 1 and 7)
        //   4 (months 4 10)     → team two (likewise)
        //   5 (month 2)         → team one (team two has business 2 in February)
        //   6 (month 5)         → team one (team two has business 2 in May)
        InspectionSchedule.Slot[] slots =
        [
            .. Visits(5, 2), .. Visits(3, 1, 7), .. Visits(1, 1, 4, 7, 10), .. Visits(6, 5), .. Visits(2, 2, 5, 8, 11), .. Visits(4, 4, 10),
        ];
        var assigned = InspectionSchedule.AssignTeams(slots, [TeamOne, TeamTwo]);

        Assert.Equal([TeamOne, TeamTwo, TeamTwo, TeamTwo, TeamOne, TeamOne], Enumerable.Range(1, 6).Select(n => assigned[Business(n)]));
        var load = Loads(slots, assigned, [TeamOne, TeamTwo]);
        // Team one: 1 visit in months 1 2 4 5 7 10 (6); team two: 1 in months 1 2 4 5 7 8 10 11 (8). Within one every month.
        Assert.Equal([1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0], Enumerable.Range(1, 12).Select(m => load[0, m]));
        Assert.Equal([1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0], Enumerable.Range(1, 12).Select(m => load[1, m]));
    }

    [Fact]
    public void A_business_already_visited_stays_with_its_team()
    {
        InspectionSchedule.Slot[] slots = [.. Visits(1, 3), .. Visits(2, 3), .. Visits(3, 3)];
        var kept = new Dictionary<Guid, Guid> { [Business(1)] = TeamTwo, [Business(2)] = TeamTwo };
        var assigned = InspectionSchedule.AssignTeams(slots, [TeamOne, TeamTwo], kept);
        Assert.Equal([TeamTwo, TeamTwo, TeamOne], Enumerable.Range(1, 3).Select(n => assigned[Business(n)]));

        // A kept team that is no longer active in the township is not kept.
        var gone = new Dictionary<Guid, Guid> { [Business(1)] = Guid.NewGuid() };
        Assert.Contains(InspectionSchedule.AssignTeams(slots, [TeamOne, TeamTwo], gone)[Business(1)], new[] { TeamOne, TeamTwo });
    }

    [Fact]
    public void A_township_without_a_team_gets_no_assignment_and_one_team_gets_everything()
    {
        InspectionSchedule.Slot[] slots = [.. Visits(1, 1, 7), .. Visits(2, 4)];
        Assert.Empty(InspectionSchedule.AssignTeams(slots, []));
        Assert.All(InspectionSchedule.AssignTeams(slots, [TeamOne]).Values, team => Assert.Equal(TeamOne, team));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Spread_townships_split_level_across_teams_month_by_month(int teamCount)
    {
        var random = new Random(20260 + teamCount);
        var teams = Enumerable.Range(0, teamCount).Select(_ => Guid.NewGuid()).ToList();
        var worst = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            // A township's mix of grades: mostly one or two visits a year, some three or four.
            var needs = Enumerable.Range(0, random.Next(teamCount, 300))
                .Select(_ => new InspectionSchedule.Need(Guid.NewGuid(), Township, RiskLevel.B, new[] { 1, 1, 1, 2, 2, 3, 4 }[random.Next(7)]))
                .ToList();
            var slots = InspectionSchedule.Spread(needs);
            var assigned = InspectionSchedule.AssignTeams(slots, teams);

            Assert.Equal(needs.Select(n => n.BusinessId).Order(), assigned.Keys.Order());
            var load = Loads(slots, assigned, teams);
            for (var month = 1; month <= 12; month++)
            {
                var counts = Enumerable.Range(0, teamCount).Select(t => load[t, month]).ToList();
                worst = Math.Max(worst, counts.Max() - counts.Min());
            }
        }
        Assert.InRange(worst, 0, 2);
    }
}
