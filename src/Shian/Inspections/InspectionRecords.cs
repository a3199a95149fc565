using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Risk;

namespace Shian.Inspections;

/// <summary>Storing a submitted inspection and what follows from it; which inspections a user may see.</summary>
public static class InspectionRecords
{
    /// <summary>The <see cref="RiskFactor.Source"/> of factors an inspection adds.</summary>
    public const string RiskSource = "inspection";

    /// <summary>The dynamic item of every risk sheet that inspection results feed (<see cref="RiskSheets.DynamicItems"/>).</summary>
    public const string RiskItemCode = "inspection";

    /// <summary>
    /// Points an inspection result adds to the business's dynamic risk item: 不符合 10, 基本符合 5, 符合 none. The sheet
    /// caps the item's total (20 on the default sheets).
    /// </summary>
    public static decimal RiskPoints(InspectionResult result) => result switch
    {
        InspectionResult.NonConforming => 10,
        InspectionResult.BasicallyConforming => 5,
        _ => 0,
    };

    /// <summary>
    /// The inspections a scope may see: the office and departments all, a township's staff their township's, an operator
    /// their own businesses'; a laboratory none (it does not open the register's supervision records).
    /// </summary>
    public static IQueryable<Inspection> VisibleTo(this IQueryable<Inspection> inspections, AccessScope scope)
    {
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction or AccessLevel.Unit => inspections,
            AccessLevel.Township => inspections.Where(i => i.TownshipId == township),
            AccessLevel.OwnBusinesses => inspections.Where(i => own.Contains(i.BusinessId)),
            _ => inspections.Where(i => false),
        };
    }

    /// <summary>
    /// The inspection teams a scope may see: the office and district inspectors all; a department its unit's teams and
    /// the teams of no unit; a township's staff their township's. Who may change them is <c>TeamRights</c>.
    /// </summary>
    public static IQueryable<InspectionTeam> VisibleTo(this IQueryable<InspectionTeam> teams, AccessScope scope)
    {
        var (unit, township) = (scope.UnitId, scope.TownshipId);
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => teams,
            AccessLevel.Unit => teams.Where(t => t.UnitId == null || t.UnitId == unit),
            AccessLevel.Township => teams.Where(t => t.TownshipId == township),
            _ => teams.Where(t => false),
        };
    }

    /// <summary>The inspection already stored for this business from the phone draft, if any.</summary>
    public static Task<Inspection?> FromDraftAsync(ShianDb db, Guid businessId, Guid? draftId, CancellationToken ct = default) =>
        draftId is { } d
            ? db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.BusinessId == businessId && i.ClientDraftId == d, ct)
            : Task.FromResult<Inspection?>(null);

    /// <summary>
    /// Stores a recorded inspection and its photos in one save; marks its planned visit done; for 不符合 or 基本符合 adds
    /// an inspection risk factor and regrades the business. When the same phone draft was stored meanwhile (a retry
    /// racing the first submission), nothing is added and the stored one is returned.
    /// </summary>
    public static async Task<(Inspection Stored, bool Duplicate)> SaveAsync(ShianDb db, Inspection inspection, IReadOnlyList<StoredFile> photos,
        string by, DateTime now, CancellationToken ct = default)
    {
        if (await FromDraftAsync(db, inspection.BusinessId, inspection.ClientDraftId, ct) is { } already)
        {
            return (already, true);
        }
        db.Inspections.Add(inspection);
        db.StoredFiles.AddRange(photos);
        var day = ShianTime.LocalDate(inspection.EndedAt ?? now);
        if (inspection.PlannedInspectionId is { } plannedId
            && await db.PlannedInspections.FirstOrDefaultAsync(p => p.Id == plannedId, ct) is { DoneOn: null } planned)
        {
            planned.DoneOn = day;
        }
        var points = inspection.Result is { } result ? RiskPoints(result) : 0;
        if (points > 0)
        {
            db.RiskFactors.Add(new RiskFactor
            {
                Id = Guid.CreateVersion7(), BusinessId = inspection.BusinessId, ItemCode = RiskItemCode, Points = points,
                Reason = inspection.Result == InspectionResult.NonConforming ? "监督检查结果不符合" : "监督检查结果基本符合",
                Date = day, Source = RiskSource, RecordedAt = now, RecordedBy = by,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (inspection.ClientDraftId is not null)
        {
            db.ChangeTracker.Clear();
            if (await FromDraftAsync(db, inspection.BusinessId, inspection.ClientDraftId, ct) is { } stored)
            {
                return (stored, true);
            }
            throw;
        }
        if (points > 0)
        {
            await RiskRegrade.RunAsync(db, by, now, inspection.BusinessId, ct);
        }
        return (inspection, false);
    }
}
