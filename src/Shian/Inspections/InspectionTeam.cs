namespace Shian.Inspections;

/// <summary>
/// 检查组: the staff who inspect together. A team belongs to one township (its 市场监管所 or township staff) or, for the
/// district's own teams, to one unit; its members are staff accounts of that township or unit, at least two (an
/// inspection needs two inspectors), and a person may sit in several teams. Routine visits of a township's businesses
/// are assigned to that township's active teams. Teams are deactivated, never deleted: visits and inspections name them.
/// </summary>
public class InspectionTeam
{
    public const int MinimumMembers = 2;
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The township whose staff form the team; null for a unit's team.</summary>
    public Guid? TownshipId { get; set; }

    /// <summary>The unit (区市场监管局 …) whose staff form the team; null for a township's team.</summary>
    public Guid? UnitId { get; set; }

    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public List<InspectionTeamMember> Members { get; set; } = [];

    /// <summary>A staff account that could join a team: where it belongs and whether it has a staff role.</summary>
    public sealed record Candidate(Guid UserId, string DisplayName, Guid? TownshipId, Guid? UnitId, bool IsStaff);

    /// <summary>
    /// A new team of a township or a unit (exactly one of the two), with its name and members checked by
    /// <see cref="Set"/>. Returns the errors instead of a team when any check fails.
    /// </summary>
    public static (InspectionTeam? Team, IReadOnlyList<TeamError> Errors) Create(Guid? townshipId, Guid? unitId, string name,
        IReadOnlyCollection<Guid> memberIds, IReadOnlyCollection<Candidate> candidates, IEnumerable<string> namesTaken, DateTime now)
    {
        if (townshipId is null == unitId is null)
        {
            return (null, [new TeamError(TeamError.Fields.Owner, new("Team.OwnerRequired"))]);
        }
        var team = new InspectionTeam { Id = Guid.CreateVersion7(), TownshipId = townshipId, UnitId = unitId, CreatedAt = now };
        var errors = team.Set(name, memberIds, candidates, namesTaken);
        return errors.Count == 0 ? (team, errors) : (null, errors);
    }

    /// <summary>
    /// Renames the team and replaces its members. Nothing changes unless every check passes: a name (unique among the
    /// owner's other teams), at least two members, each a staff account of the team's township or unit.
    /// </summary>
    /// <param name="candidates">The accounts named in <paramref name="memberIds"/> (others count as unknown).</param>
    /// <param name="namesTaken">Names of the owner's other teams.</param>
    public IReadOnlyList<TeamError> Set(string name, IReadOnlyCollection<Guid> memberIds, IReadOnlyCollection<Candidate> candidates, IEnumerable<string> namesTaken)
    {
        var errors = new List<TeamError>();
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0)
        {
            errors.Add(new TeamError(TeamError.Fields.Name, new("Team.NameRequired")));
        }
        else if (trimmed.Length > NameMaxLength)
        {
            errors.Add(new TeamError(TeamError.Fields.Name, new("Team.NameTooLong", NameMaxLength)));
        }
        else if (namesTaken.Any(n => string.Equals(n.Trim(), trimmed, StringComparison.Ordinal)))
        {
            errors.Add(new TeamError(TeamError.Fields.Name, new("Team.NameTaken", trimmed)));
        }

        var ids = memberIds.Distinct().ToList();
        if (ids.Count < MinimumMembers)
        {
            errors.Add(new TeamError(TeamError.Fields.Members, new("Team.TooFewMembers", ids.Count)));
        }
        var byId = candidates.GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.First());
        foreach (var id in ids)
        {
            if (!byId.TryGetValue(id, out var person) || !person.IsStaff)
            {
                errors.Add(new TeamError(TeamError.Fields.Members, new("Team.NotStaff", person?.DisplayName ?? id.ToString())));
            }
            else if (TownshipId is { } township ? person.TownshipId != township : person.UnitId != UnitId)
            {
                errors.Add(new TeamError(TeamError.Fields.Members, new(TownshipId is null ? "Team.NotOfUnit" : "Team.NotOfTownship", person.DisplayName)));
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        Name = trimmed;
        Members.RemoveAll(m => !ids.Contains(m.UserId));
        foreach (var id in ids.Where(id => Members.All(m => m.UserId != id)))
        {
            Members.Add(new InspectionTeamMember { TeamId = Id, UserId = id });
        }
        return errors;
    }
}

/// <summary>One staff account's place in a team.</summary>
public class InspectionTeamMember
{
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>Why a team was refused, for one field: a <see cref="Common.Problem"/> coded <c>Team.*</c>, worded by the page.</summary>
public sealed record TeamError(string Field, Common.Problem Problem)
{
    public static class Fields
    {
        public const string Owner = "所属乡镇街道或单位";
        public const string Name = "检查组名称";
        public const string Members = "检查人员";
    }
}
