using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Risk;

namespace Shian.Complaints;

/// <summary>
/// A violation the handling verified (mediation or a report's decision found one) feeds the business's risk grading, as a
/// failed sample does (<see cref="Sampling.SampleResults"/>): one factor of the "complaints" dynamic item per complaint,
/// found again by the tracking code at the end of its reason; then the business is regraded.
/// </summary>
public static class ComplaintRisk
{
    /// <summary>The <see cref="RiskFactor.Source"/> of factors verified complaints add.</summary>
    public const string RiskSource = "complaints";

    /// <summary>The dynamic item of every risk sheet that complaints feed (<see cref="RiskSheets.DynamicItems"/>).</summary>
    public const string RiskItemCode = "complaints";

    /// <summary>Points one verified complaint adds (the sheets cap the item at 10).</summary>
    public const decimal RiskPoints = 5;

    public static string RiskReasonSuffix(Complaint complaint) => $"（{TrackingCodes.Display(complaint.TrackingCode)}）";

    /// <summary>
    /// After the complaint's transition is saved: adds its factor once, when it verified a violation of a registered
    /// business, and regrades that business. True when a factor was added.
    /// </summary>
    public static async Task<bool> RecordAsync(ShianDb db, Complaint complaint, string by, DateTime now, CancellationToken ct = default)
    {
        if (!complaint.ViolationVerified || complaint.BusinessId is not { } business)
        {
            return false;
        }
        var suffix = RiskReasonSuffix(complaint);
        if (await db.RiskFactors.AnyAsync(f => f.BusinessId == business && f.Source == RiskSource && f.Reason.EndsWith(suffix), ct))
        {
            return false;
        }
        var kind = complaint.Kind == ComplaintKind.Complaint ? "投诉" : "举报";
        db.RiskFactors.Add(new RiskFactor
        {
            Id = Guid.CreateVersion7(), BusinessId = business, ItemCode = RiskItemCode, Points = RiskPoints,
            Reason = $"{kind}查实违法行为{suffix}", Date = ShianTime.LocalDate(now), Source = RiskSource, RecordedAt = now, RecordedBy = by,
        });
        await db.SaveChangesAsync(ct);
        await RiskRegrade.RunAsync(db, by, now, business, ct);
        return true;
    }
}
