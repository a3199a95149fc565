using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Sampling;

namespace Shian.Traceability;

/// <summary>
/// What the consumer trace page shows for a product, a lot or a serialised item: first "is it safe and genuine?" (the
/// product, its producer and whether its licence is valid today, the latest published sampling result, the lot's 合格证),
/// then the chain of custody (the events naming it, oldest first, at the places they name). A handful of lean,
/// untracked queries; null when the product or the lot is unknown.
/// </summary>
public static class TraceLookup
{
    public const int MaxEvents = 200;

    public sealed record ProductView(string Gtin, string Name, string Specification, string Brand, string Origin, string ShelfLife);

    public sealed record LicenceView(AuthorisationKind Kind, string Number, DateOnly? ExpiresOn, LicenceStatus Status, bool Current, string PublicCode);

    public sealed record ProducerView(string Name, string Address, LicenceView? Licence);

    public sealed record SampleView(Guid SampleId, string SampleName, string BatchNumber, SampleConclusion? Conclusion, DateOnly? ReportedOn, string Announcement, DateOnly PublishedOn);

    public sealed record CertificateView(Guid Id, string Code, DateOnly IssuedOn, CertificateStatus Status, CertificateBasis Basis, string ProducerName);

    public sealed record Step(DateTime EventTime, string EventTimeZoneOffset, string? BizStep, string? Place, string? Disposition, Guid EventRowId);

    public sealed record View(string Gtin, string? Lot, string? Serial, ProductView Product, ProducerView Producer, SampleView? Sample,
        CertificateView? Certificate, IReadOnlyList<Step> Steps);

    /// <summary>The page of <paramref name="gtin"/> (any length, normalised) with an optional lot or serial; null when unknown or invalid.</summary>
    public static async Task<View?> FindAsync(ShianDb db, string gtin, string? lot, string? serial, DateOnly today, CancellationToken ct = default)
    {
        if (Gtin.Normalize(gtin) is not { } gtin14 || lot is { Length: 0 or > 20 } || serial is { Length: 0 or > 20 })
        {
            return null;
        }
        // Only a claim the office confirmed names a product and its producer to the public.
        var product = await db.TraceProducts.AsNoTracking().Where(p => p.Gtin == gtin14 && p.Status == TraceClaimStatus.Confirmed)
            .Select(p => new { p.Name, p.Specification, p.Brand, p.Origin, p.ShelfLife, p.BusinessId })
            .FirstOrDefaultAsync(ct);
        if (product is null)
        {
            return null;
        }
        var key = lot is not null ? TraceKey.Lot(gtin14, lot) : serial is not null ? $"01/{gtin14}/21/{serial}" : TraceKey.Product(gtin14);
        var steps = await StepsAsync(db, key, ct);
        CertificateView? certificate = null;
        SampleView? sample = null;
        if (lot is not null)
        {
            // The producer's own 合格证: anyone may write a GTIN on a certificate, only the confirmed claimant's speaks for the lot.
            certificate = await db.ProduceCertificates.AsNoTracking().Where(c => c.Gtin == gtin14 && c.Lot == lot && c.BusinessId == product.BusinessId)
                .OrderBy(c => c.Status).ThenByDescending(c => c.IssuedOn)
                .Select(c => new CertificateView(c.Id, c.Code, c.IssuedOn, c.Status, c.Basis, c.ProducerName)).FirstOrDefaultAsync(ct);
            sample = await SamplingPublication.PublishedSamples(db).AsNoTracking()
                .Where(x => x.Sample.Gtin == gtin14 && x.Sample.BatchNumber == lot)
                .OrderByDescending(x => x.PublishedOn).ThenByDescending(x => x.Sample.ReportedOn)
                .Select(x => new SampleView(x.Sample.Id, x.Sample.SampleName, x.Sample.BatchNumber, x.Sample.Conclusion, x.Sample.ReportedOn, x.Number, x.PublishedOn))
                .FirstOrDefaultAsync(ct);
            // A lot is known when something names it: its short code, an event, a certificate or a published result.
            if (steps.Count == 0 && certificate is null && sample is null && !await db.TraceCodes.AnyAsync(c => c.Gtin == gtin14 && c.Lot == lot, ct))
            {
                return null;
            }
        }
        else if (serial is not null && steps.Count == 0)
        {
            return null;
        }
        var business = await db.Businesses.AsNoTracking().Where(b => b.Id == product.BusinessId).Select(b => new { b.Name, b.Address }).FirstAsync(ct);
        var licences = await db.Licences.AsNoTracking().Where(l => l.BusinessId == product.BusinessId).ToListAsync(ct);
        // The licence that speaks for the business today: a current one, else the latest issued (showing why it is not valid).
        var licence = licences.Where(l => l.IsCurrent(today)).OrderByDescending(l => l.ExpiresOn ?? DateOnly.MaxValue).FirstOrDefault()
            ?? licences.OrderByDescending(l => l.IssuedOn).FirstOrDefault();
        return new View(gtin14, lot, serial,
            new ProductView(gtin14, product.Name, product.Specification, product.Brand, product.Origin, product.ShelfLife),
            new ProducerView(business.Name, business.Address,
                licence is null ? null : new LicenceView(licence.Kind, licence.Number, licence.ExpiresOn, licence.Status, licence.IsCurrent(today), licence.PublicCode)),
            sample, certificate, steps);
    }

    /// <summary>
    /// The events that count for <paramref name="key"/> (named in any role, captured by its owner or a recorded partner, not
    /// withdrawn: <see cref="TraceVisibility"/>), oldest first; places named by their confirmed trace party.
    /// </summary>
    public static async Task<IReadOnlyList<Step>> StepsAsync(ShianDb db, string key, CancellationToken ct = default)
    {
        var counting = (await Genealogy.CorroboratedEventsAsync(db, key, ct)).ToList();
        var events = new List<(Guid Id, DateTime EventTime, string EventTimeZoneOffset, string? BizStep, string? BizLocation, string? ReadPoint, string? Disposition)>();
        foreach (var chunk in counting.Chunk(500))
        {
            events.AddRange((await db.EpcisEvents.AsNoTracking().Where(e => chunk.Contains(e.Id))
                    .Select(e => new { e.Id, e.EventTime, e.EventTimeZoneOffset, e.BizStep, e.BizLocation, e.ReadPoint, e.Disposition }).ToListAsync(ct))
                .Select(e => (e.Id, e.EventTime, e.EventTimeZoneOffset, e.BizStep, e.BizLocation, e.ReadPoint, e.Disposition)));
        }
        events = events.OrderBy(e => e.EventTime).ThenBy(e => e.Id).Take(MaxEvents).ToList();
        var places = events.Select(e => e.BizLocation ?? e.ReadPoint).OfType<string>().Distinct().ToList();
        var names = places.Count == 0
            ? new Dictionary<string, string>()
            : await db.TraceParties.AsNoTracking().Where(p => places.Contains(p.Key) && p.Status == TraceClaimStatus.Confirmed).ToDictionaryAsync(p => p.Key, p => p.Name, ct);
        return events.DistinctBy(e => e.Id).OrderBy(e => e.EventTime)
            .Select(e => new Step(e.EventTime, e.EventTimeZoneOffset, e.BizStep, (e.BizLocation ?? e.ReadPoint) is { } place ? names.GetValueOrDefault(place, place) : null, e.Disposition, e.Id))
            .ToList();
    }

    /// <summary>The short name of a business step: CBV names as stored, a URI by its last segment (…/BizStep-harvesting → harvesting).</summary>
    public static string? StepName(string? bizStep)
    {
        if (bizStep is null)
        {
            return null;
        }
        var cut = bizStep.LastIndexOfAny(['/', ':', '#', '-']);
        return cut >= 0 && cut < bizStep.Length - 1 ? bizStep[(cut + 1)..] : bizStep;
    }
}
