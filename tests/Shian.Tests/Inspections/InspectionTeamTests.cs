using Shian.Inspections;

namespace Shian.Tests.Inspections;

public class InspectionTeamTests
{
    private static readonly Guid Township = Guid.NewGuid();
    private static readonly Guid OtherTownship = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly DateTime Now = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly InspectionTeam.Candidate Zhang = new(Guid.NewGuid(), "张三", Township, null, true);
    private static readonly InspectionTeam.Candidate Li = new(Guid.NewGuid(), "李四", Township, null, true);
    private static readonly InspectionTeam.Candidate Wang = new(Guid.NewGuid(), "王五", OtherTownship, null, true);
    private static readonly InspectionTeam.Candidate Owner = new(Guid.NewGuid(), "刘老板", Township, null, false);
    private static readonly InspectionTeam.Candidate Chen = new(Guid.NewGuid(), "陈队长", null, Unit, true);
    private static readonly InspectionTeam.Candidate Zhou = new(Guid.NewGuid(), "周队员", null, Unit, true);
    private static readonly InspectionTeam.Candidate[] Everyone = [Zhang, Li, Wang, Owner, Chen, Zhou];

    private static (InspectionTeam? Team, IReadOnlyList<TeamError> Errors) Create(string name, params InspectionTeam.Candidate[] members) =>
        InspectionTeam.Create(Township, null, name, members.Select(m => m.UserId).ToList(), Everyone, [], Now);

    [Fact]
    public void Two_staff_of_the_township_make_a_team()
    {
        var (team, errors) = Create(" 第一检查组 ", Zhang, Li);
        Assert.Empty(errors);
        Assert.NotNull(team);
        Assert.Equal("第一检查组", team.Name);
        Assert.Equal(Township, team.TownshipId);
        Assert.True(team.Active);
        Assert.Equal(new[] { Zhang.UserId, Li.UserId }.Order(), team.Members.Select(m => m.UserId).Order());
        Assert.All(team.Members, m => Assert.Equal(team.Id, m.TeamId));
    }

    [Fact]
    public void A_team_needs_a_name()
    {
        var (team, errors) = Create("  ", Zhang, Li);
        Assert.Null(team);
        var error = Assert.Single(errors);
        Assert.Equal((TeamError.Fields.Name, "Team.NameRequired"), (error.Field, error.Problem.Code));
    }

    [Fact]
    public void A_team_needs_two_inspectors_and_the_same_one_twice_counts_once()
    {
        var (team, errors) = InspectionTeam.Create(Township, null, "第一检查组", [Zhang.UserId, Zhang.UserId], Everyone, [], Now);
        Assert.Null(team);
        var error = Assert.Single(errors);
        Assert.Equal((TeamError.Fields.Members, "Team.TooFewMembers", (object?)1), (error.Field, error.Problem.Code, error.Problem.Args[0]));
    }

    [Fact]
    public void Members_must_be_staff_of_the_teams_township()
    {
        var (team, errors) = Create("第一检查组", Zhang, Li, Wang, Owner);
        Assert.Null(team);
        Assert.Equal(
            [("Team.NotOfTownship", (object?)"王五"), ("Team.NotStaff", "刘老板")],
            errors.Select(e => (e.Problem.Code, e.Problem.Args[0])));
        Assert.All(errors, e => Assert.Equal(TeamError.Fields.Members, e.Field));
    }

    [Fact]
    public void An_unknown_account_is_refused()
    {
        var stranger = Guid.NewGuid();
        var (_, errors) = InspectionTeam.Create(Township, null, "组", [Zhang.UserId, stranger], Everyone, [], Now);
        Assert.Equal(("Team.NotStaff", (object?)stranger.ToString()), (Assert.Single(errors).Problem.Code, errors[0].Problem.Args[0]));
    }

    [Fact]
    public void A_units_team_takes_the_units_staff_only()
    {
        var (team, errors) = InspectionTeam.Create(null, Unit, "区局执法一组", [Chen.UserId, Zhou.UserId], Everyone, [], Now);
        Assert.Empty(errors);
        Assert.Equal(Unit, team!.UnitId);
        Assert.Null(team.TownshipId);

        var (_, refused) = InspectionTeam.Create(null, Unit, "区局执法二组", [Chen.UserId, Zhang.UserId], Everyone, [], Now);
        Assert.Equal(("Team.NotOfUnit", (object?)"张三"), (Assert.Single(refused).Problem.Code, refused[0].Problem.Args[0]));
    }

    [Fact]
    public void A_team_belongs_to_a_township_or_a_unit_not_both_nor_neither()
    {
        foreach (var (township, unit) in new (Guid?, Guid?)[] { (null, null), (Township, Unit) })
        {
            var (team, errors) = InspectionTeam.Create(township, unit, "组", [Zhang.UserId, Li.UserId], Everyone, [], Now);
            Assert.Null(team);
            Assert.Equal("Team.OwnerRequired", Assert.Single(errors).Problem.Code);
        }
    }

    [Fact]
    public void Names_are_unique_within_the_owner()
    {
        var (_, errors) = InspectionTeam.Create(Township, null, "第一检查组", [Zhang.UserId, Li.UserId], Everyone, ["第一检查组"], Now);
        Assert.Equal("Team.NameTaken", Assert.Single(errors).Problem.Code);
    }

    [Fact]
    public void A_refused_change_leaves_the_team_as_it_was_and_a_good_one_replaces_the_members()
    {
        var team = Create("第一检查组", Zhang, Li).Team!;
        var third = new InspectionTeam.Candidate(Guid.NewGuid(), "赵六", Township, null, true);
        InspectionTeam.Candidate[] all = [.. Everyone, third];

        var refused = team.Set("", [Zhang.UserId], all, []);
        Assert.Equal(["Team.NameRequired", "Team.TooFewMembers"], refused.Select(e => e.Problem.Code));
        Assert.Equal("第一检查组", team.Name);
        Assert.Equal(2, team.Members.Count);

        Assert.Empty(team.Set("一组", [Li.UserId, third.UserId], all, []));
        Assert.Equal("一组", team.Name);
        Assert.Equal(new[] { Li.UserId, third.UserId }.Order(), team.Members.Select(m => m.UserId).Order());
    }

    [Fact]
    public void A_person_may_sit_in_several_teams()
    {
        Assert.NotNull(Create("第一检查组", Zhang, Li).Team);
        var third = new InspectionTeam.Candidate(Guid.NewGuid(), "赵六", Township, null, true);
        var (team, errors) = InspectionTeam.Create(Township, null, "第二检查组", [Zhang.UserId, third.UserId], [.. Everyone, third], ["第一检查组"], Now);
        Assert.Empty(errors);
        Assert.Contains(team!.Members, m => m.UserId == Zhang.UserId);
    }
}
