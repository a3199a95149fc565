using Microsoft.EntityFrameworkCore;
using Shian.Registry;

namespace Shian.Traceability;

/// <summary>
/// 合格证 counts and coverage for staff: per township and per product category, the certificates issued (revoked ones
/// left out), their quantities by unit, how many were received by at least one buyer (receipt rate), and per township the
/// expected producers (<see cref="ProduceCertificate.ExpectedSubtypes"/>) against those that issued any in the period.
/// </summary>
public static class ProduceCertificateCoverage
{
    public sealed record Row(string Key, int Issued, IReadOnlyDictionary<string, decimal> Quantity, int Received, int ProducersIssuing, int ProducersExpected)
    {
        public double? ReceiptRate => Issued == 0 ? null : (double)Received / Issued;
        public double? Coverage => ProducersExpected == 0 ? null : (double)ProducersIssuing / ProducersExpected;
    }

    public sealed record Result(IReadOnlyList<Row> ByTownship, IReadOnlyList<Row> ByCategory, Row Total);

    /// <param name="certificates">The certificates the user may see, already filtered (period, township, category).</param>
    /// <param name="businesses">The businesses the user may see (for the expected producers).</param>
    public static async Task<Result> ComputeAsync(IQueryable<ProduceCertificate> certificates, IQueryable<Business> businesses,
        IReadOnlyDictionary<Guid, string> townshipNames, CancellationToken ct = default)
    {
        var rows = await certificates.AsNoTracking().Where(c => c.Status == CertificateStatus.Issued)
            .Select(c => new { c.TownshipId, c.Category, c.BusinessId, c.Quantity, c.Unit, Received = c.Receipts.Any() })
            .ToListAsync(ct);
        var expected = await businesses.AsNoTracking()
            .Where(b => b.Category == BusinessCategory.AgriculturalProducer && b.Status == BusinessStatus.Active && ProduceCertificate.ExpectedSubtypes.Contains(b.Subtype))
            .Select(b => new { b.Id, b.TownshipId }).ToListAsync(ct);
        var expectedIds = expected.Select(b => b.Id).ToHashSet();

        Row Make<T>(string key, IEnumerable<T> group, Func<T, (decimal Q, string U, bool R, Guid B)> f, int expectedCount)
        {
            var list = group.Select(f).ToList();
            var quantity = list.GroupBy(x => x.U).OrderBy(g => Array.IndexOf(ProduceCertificate.Units.ToArray(), g.Key))
                .ToDictionary(g => g.Key, g => g.Sum(x => x.Q));
            var issuing = list.Select(x => x.B).Distinct().Count(expectedIds.Contains);
            return new Row(key, list.Count, quantity, list.Count(x => x.R), issuing, expectedCount);
        }

        var byTownship = townshipNames
            .Select(t => Make(t.Value, rows.Where(r => r.TownshipId == t.Key), r => (r.Quantity, r.Unit, r.Received, r.BusinessId), expected.Count(b => b.TownshipId == t.Key)))
            .Where(r => r.Issued > 0 || r.ProducersExpected > 0)
            .ToList();
        var byCategory = Enum.GetValues<ProduceCategory>()
            .Select(c => Make(c.ToString(), rows.Where(r => r.Category == c), r => (r.Quantity, r.Unit, r.Received, r.BusinessId), 0))
            .ToList();
        var total = Make("", rows, r => (r.Quantity, r.Unit, r.Received, r.BusinessId), expected.Count);
        return new Result(byTownship, byCategory, total);
    }
}
