using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;

namespace Shian.Traceability;

public enum TraceClaimStatus
{
    /// <summary>Registered by the business, not yet checked: traces and public pages do not rely on it.</summary>
    Pending,
    Confirmed,
    Rejected,
}

/// <summary>
/// A business's claim to a GS1 code (a product's GTIN, a location's GLN). Whoever registers a code first does not get it:
/// the claim is pending until the office confirms it (it has seen the claimant, the company prefix and any rival claim),
/// and only a confirmed claim names a producer or party on the public pages and counts as a lot's owner or a trading
/// partner in traces. At most one claim of a code is confirmed (a filtered unique index backs this).
/// </summary>
public abstract class TraceClaim
{
    public TraceClaimStatus Status { get; private set; } = TraceClaimStatus.Pending;
    public string ReviewedBy { get; private set; } = "";
    public DateTime? ReviewedAt { get; private set; }

    /// <summary>Why the office rejected the claim (shown to the claimant).</summary>
    public string RejectionReason { get; private set; } = "";

    public const int ReasonMax = 500;

    /// <summary>Confirms a pending claim; the problem when it is not pending. The caller checks no other claim of the code is confirmed.</summary>
    public Problem? Confirm(string by, DateTime at)
    {
        if (Status != TraceClaimStatus.Pending)
        {
            return new("TraceClaim.ConfirmNotPending");
        }
        (Status, ReviewedBy, ReviewedAt) = (TraceClaimStatus.Confirmed, by, at);
        return null;
    }

    /// <summary>Rejects a pending claim with a reason; the problem when it is not pending or the reason is missing.</summary>
    public Problem? Reject(string? reason, string by, DateTime at)
    {
        var text = reason?.Trim() ?? "";
        if (Status != TraceClaimStatus.Pending)
        {
            return new("TraceClaim.RejectNotPending");
        }
        if (text.Length is 0 or > ReasonMax)
        {
            return new("TraceClaim.ReasonRequired", ReasonMax);
        }
        (Status, ReviewedBy, ReviewedAt, RejectionReason) = (TraceClaimStatus.Rejected, by, at, text);
        return null;
    }
}

/// <summary>The rules between claims of the same code: a confirmed code cannot be claimed again, nor confirmed twice.</summary>
public static class TraceClaims
{
    /// <summary>Why a new claim of <paramref name="gtin14"/> is refused (it is confirmed to a business already), or null.</summary>
    public static async Task<Problem?> ProductRefusalAsync(ShianDb db, string gtin14, CancellationToken ct = default) =>
        await db.TraceProducts.AnyAsync(p => p.Gtin == gtin14 && p.Status == TraceClaimStatus.Confirmed, ct)
            ? new Problem("TraceClaim.GtinTaken", gtin14)
            : null;

    /// <summary>Why a new claim of the location key is refused (it is confirmed already), or null.</summary>
    public static async Task<Problem?> PartyRefusalAsync(ShianDb db, string key, CancellationToken ct = default) =>
        await db.TraceParties.AnyAsync(p => p.Key == key && p.Status == TraceClaimStatus.Confirmed, ct)
            ? new Problem("TraceClaim.GlnTaken", key)
            : null;

    /// <summary>Confirms a product claim unless another claim of the GTIN is confirmed; the error, or null (the caller saves).</summary>
    public static async Task<Problem?> ConfirmAsync(ShianDb db, TraceProduct claim, string by, DateTime at, CancellationToken ct = default) =>
        await db.TraceProducts.AnyAsync(p => p.Gtin == claim.Gtin && p.Id != claim.Id && p.Status == TraceClaimStatus.Confirmed, ct)
            ? new Problem("TraceClaim.GtinConfirmedToOther", claim.Gtin)
            : claim.Confirm(by, at);

    /// <summary>Confirms a location claim unless another claim of the key is confirmed; the error, or null (the caller saves).</summary>
    public static async Task<Problem?> ConfirmAsync(ShianDb db, TraceParty claim, string by, DateTime at, CancellationToken ct = default) =>
        await db.TraceParties.AnyAsync(p => p.Key == claim.Key && p.Id != claim.Id && p.Status == TraceClaimStatus.Confirmed, ct)
            ? new Problem("TraceClaim.GlnConfirmedToOther", claim.Key)
            : claim.Confirm(by, at);

    /// <summary>
    /// The GS1 company prefix as far as the code shows it (for the office's check against the claimant's GS1 certificate):
    /// China's 690–691 prefixes have 7 digits, 692–699 have 8; elsewhere the first 7 digits are shown.
    /// </summary>
    public static string CompanyPrefix(string digits)
    {
        var code = digits.Length == 14 && digits[0] == '0' ? digits[1..] : digits;
        if (code.Length < 9)
        {
            return code;
        }
        return code[..(code.StartsWith("690") || code.StartsWith("691") ? 7 : code.StartsWith("69") ? 8 : 7)];
    }
}
