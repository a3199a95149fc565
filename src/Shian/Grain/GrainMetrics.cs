using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;

namespace Shian.Grain;

/// <summary>
/// The computed measures of plan tasks 9 and 10, in percent to one decimal, over what the scope may see (operators and
/// the public get none); null when there is nothing to measure.
/// </summary>
public static class GrainMetrics
{
    /// <summary>
    /// <c>grain.reserve_test_completion</c> (储备粮半年检验完成率): of the reserve silos storing grain on the day, the share
    /// with a test in the current half-year.
    /// </summary>
    public const string ReserveTestCompletion = "grain.reserve_test_completion";

    /// <summary>
    /// <c>grain.purchase_check_rate</c> (粮食收购企业检查比例): of the open grain purchase enterprises (registry sub-type
    /// <see cref="GrainPurchaseCheck.Subtype"/>), the share with at least one check dated this calendar year up to the
    /// day. The plan's floor is 5% (<see cref="GrainPurchaseCheck.Required"/>).
    /// </summary>
    public const string PurchaseCheckRate = "grain.purchase_check_rate";

    /// <summary>
    /// <c>imported.failed_disposal_rate</c> (不合格进口食品退运销毁率): of this year's import checks that failed, the share
    /// whose goods are recorded returned or destroyed. The plan's target is 100%.
    /// </summary>
    public const string ImportedFailedDisposalRate = "imported.failed_disposal_rate";

    private static bool Measures(AccessScope scope) => scope.Level is AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Township;

    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);

    public static async Task<(int Tested, int Silos)> ReserveTestsAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        if (!Measures(scope)) return (0, 0);
        var half = HalfYear.Of(today).Code;
        var silos = db.Silos.AsNoTracking().VisibleTo(scope).Where(s => s.StoredSince <= today);
        var total = await silos.CountAsync(ct);
        var tested = await silos.CountAsync(s => db.GrainTests.Any(t => t.SiloId == s.Id && t.HalfYearCode == half), ct);
        return (tested, total);
    }

    public static async Task<(int Checked, int Enterprises)> PurchaseChecksAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        if (!Measures(scope)) return (0, 0);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var enterprises = db.Businesses.AsNoTracking().VisibleTo(scope)
            .Where(b => b.Subtype == GrainPurchaseCheck.Subtype && b.Status != BusinessStatus.Closed);
        var total = await enterprises.CountAsync(ct);
        var checkedCount = await enterprises.CountAsync(b => db.GrainPurchaseChecks.Any(c => c.BusinessId == b.Id && c.Date >= yearStart && c.Date <= today), ct);
        return (checkedCount, total);
    }

    public static async Task<(int Disposed, int Failed)> FailedImportsAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        if (!Measures(scope)) return (0, 0);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var failed = db.ImportedFoodChecks.AsNoTracking().VisibleTo(scope)
            .Where(c => c.Result == ImportResult.Failed && c.Date >= yearStart && c.Date <= today);
        return (await failed.CountAsync(c => c.DisposalDate != null, ct), await failed.CountAsync(ct));
    }

    public static async Task<decimal?> ComputeAsync(ShianDb db, AccessScope scope, string name, DateOnly today, CancellationToken ct = default)
    {
        switch (name)
        {
            case ReserveTestCompletion:
                var (tested, silos) = await ReserveTestsAsync(db, scope, today, ct);
                return Percent(tested, silos);
            case PurchaseCheckRate:
                var (done, enterprises) = await PurchaseChecksAsync(db, scope, today, ct);
                return Percent(done, enterprises);
            case ImportedFailedDisposalRate:
                var (disposed, failed) = await FailedImportsAsync(db, scope, today, ct);
                return Percent(disposed, failed);
            default:
                return null;
        }
    }
}
