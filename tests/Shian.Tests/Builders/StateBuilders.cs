using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;

namespace Shian.Tests.Builders;

/// <summary>
/// Inspections for fixtures, made the way the inspections page makes them (<see cref="Inspection.Record"/> on a small
/// checklist) so a fixture cannot hold a state the transitions would not reach. Linked into the web tests too.
/// </summary>
public static class TestInspections
{
    /// <summary>One key item and one ordinary item: failing the key item is 不符合, failing the ordinary one 基本符合.</summary>
    public static readonly Checklist Checklist = new()
    {
        Name = "测试检查表", Version = 1, EffectiveFrom = new DateOnly(2020, 1, 1), Categories = [BusinessCategory.Caterer],
        Sections = [new ChecklistSection("测试", [new ChecklistItem("1.1", "关键项", Key: true), new ChecklistItem("1.2", "一般项")])],
    };

    /// <summary>
    /// A submitted inspection with <paramref name="result"/>, a visit of an hour ending at <paramref name="endedAt"/> and
    /// recorded then, by <paramref name="inspectors"/> (two made-up ids unless given; a stored one needs real users:
    /// <see cref="TeamAsync"/>).
    /// </summary>
    public static Inspection Submitted(Guid businessId, Guid townshipId, InspectionResult result, DateTime endedAt, IReadOnlyList<Guid>? inspectors = null,
        InspectionKind kind = InspectionKind.Routine)
    {
        var results = new Dictionary<string, ItemResult> { ["1.1"] = ItemResult.Yes, ["1.2"] = ItemResult.Yes };
        if (result == InspectionResult.NonConforming)
        {
            results["1.1"] = ItemResult.No;
        }
        else if (result == InspectionResult.BasicallyConforming)
        {
            results["1.2"] = ItemResult.No;
        }
        var team = inspectors ?? [Guid.NewGuid(), Guid.NewGuid()];
        var (inspection, problems) = Inspection.Record(Checklist, businessId, townshipId, kind, results, new Dictionary<string, string>(), team, team, team[0],
            endedAt.AddHours(-1), endedAt, "test", endedAt);
        return inspection ?? throw new InvalidOperationException("Test inspection refused: " + string.Join("; ", problems));
    }

    /// <summary>Two demo accounts (the district-wide inspector and the township officer) to stand as a stored inspection's team.</summary>
    public static async Task<IReadOnlyList<Guid>> TeamAsync(ShianDb db) =>
        await db.Users.Where(u => u.UserName == "inspector" || u.UserName == "township").OrderBy(u => u.UserName).Select(u => u.Id).ToListAsync();

    /// <summary>A draft begun at <paramref name="at"/> and never submitted.</summary>
    public static Inspection Draft(Guid businessId, Guid townshipId, DateTime at, InspectionKind kind = InspectionKind.Routine) =>
        Inspection.Begin(businessId, townshipId, kind, at, "test", at);
}

/// <summary>Licences in a later state, reached through their transitions.</summary>
public static class TestLicences
{
    /// <summary>The licence revoked (撤销) on <paramref name="on"/> by a decision of the authority.</summary>
    public static Licence Revoked(this Licence licence, DateOnly on)
    {
        var refused = licence.ChangeStatus(LicenceStatus.Revoked, "测试：撤销", on, on);
        return refused is null ? licence : throw new InvalidOperationException("Test revocation refused: " + refused);
    }
}

/// <summary>Businesses in a later status, reached through their transitions.</summary>
public static class TestBusinesses
{
    /// <summary>The business moved to <paramref name="status"/> (停业 or 注销) the way staff move it; active stays as it is.</summary>
    public static Business InStatus(this Business business, BusinessStatus status)
    {
        var refused = status == business.Status ? null : business.ChangeStatus(status);
        return refused is null ? business : throw new InvalidOperationException("Test status change refused: " + refused);
    }
}
