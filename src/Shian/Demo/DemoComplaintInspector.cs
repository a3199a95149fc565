using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;

namespace Shian.Demo;

/// <summary>
/// Records the on-site checks (投诉举报核查) the demo's reports lead to: an inspection of kind complaint by a team of the
/// business's township with that business's checklist, as an inspector's phone records one.
/// </summary>
internal sealed class DemoComplaintInspector
{
    private readonly List<Checklist> checklists;
    private readonly Dictionary<Guid, Business> businesses;
    private readonly Dictionary<Guid, List<Guid>> teamByTownship;
    private readonly Dictionary<Guid, Guid> teamIdByTownship;
    private readonly Dictionary<Guid, string> names;

    public List<Inspection> Recorded { get; } = [];

    private DemoComplaintInspector(List<Checklist> checklists, Dictionary<Guid, Business> businesses, List<InspectionTeam> teams, Dictionary<Guid, string> names)
    {
        this.checklists = checklists;
        this.businesses = businesses;
        this.names = names;
        var usable = teams.Where(t => t.TownshipId != null && t.Members.Count >= InspectionTeam.MinimumMembers).GroupBy(t => t.TownshipId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Id).First());
        teamByTownship = usable.ToDictionary(p => p.Key, p => p.Value.Members.Select(m => m.UserId).Take(InspectionTeam.MinimumMembers).ToList());
        teamIdByTownship = usable.ToDictionary(p => p.Key, p => p.Value.Id);
    }

    public static async Task<DemoComplaintInspector> LoadAsync(ShianDb db, CancellationToken ct) => new(
        (await db.Checklists.AsNoTracking().ToListAsync(ct)).Select(r => r.Read()).ToList(),
        await db.Businesses.AsNoTracking().ToDictionaryAsync(b => b.Id, ct),
        await db.InspectionTeams.AsNoTracking().Include(t => t.Members).ToListAsync(ct),
        await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct));

    /// <summary>A compliant inspection of the business on that day, or null when its township has no team or no checklist fits.</summary>
    public Inspection? Inspect(Guid businessId, DateOnly day, Random random)
    {
        if (!businesses.TryGetValue(businessId, out var business) || !teamByTownship.TryGetValue(business.TownshipId, out var team)
            || Checklists.Pick(checklists, business.Category, day) is not { } checklist)
        {
            return null;
        }
        var inspection = DemoInspections.Record(checklist, business, InspectionKind.Complaint, checklist.Items.ToDictionary(i => i.Code, _ => ItemResult.Yes),
            team, names, day, random);
        inspection.TeamId = teamIdByTownship[business.TownshipId];
        Recorded.Add(inspection);
        return inspection;
    }
}
