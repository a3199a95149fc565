using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Sampling;

namespace Shian.Web.Features.Sampling;

/// <summary>What a user may do with one sample, beside seeing it (which <see cref="SampleScope"/> decides).</summary>
public static class SamplesAccess
{
    /// <summary>One sample the user may see, with its items; null when it is not there or not theirs to see (the same answer).</summary>
    public static async Task<Sample?> FindVisibleAsync(this ShianDb db, AccessScope scope, Guid id, bool track, CancellationToken ct)
    {
        var samples = db.Samples.VisibleTo(scope).Include(s => s.Items).Where(s => s.Id == id);
        return await (track ? samples : samples.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    /// <summary>A user of the laboratory the sample was sent to: receives it, enters the results, uploads the report.</summary>
    public static bool IsLabOf(this AccessScope scope, Sample sample) =>
        scope.LaboratoryId is { } lab && lab == sample.LaboratoryId;

    /// <summary>The id of the signature drawn on the form, if one was.</summary>
    public static Task<Guid?> SignatureIdAsync(this ShianDb db, Guid sampleId, CancellationToken ct) =>
        db.StoredFiles.Where(f => f.OwnerKind == Shian.Common.FileOwners.SampleSignature && f.OwnerId == sampleId).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct);

    /// <summary>An operator sees the results and the report only once the report is out.</summary>
    public static bool ShowsResults(this AccessScope scope, Sample sample) =>
        scope.Level != AccessLevel.OwnBusinesses || sample.Status == SampleStatus.Reported;
}
