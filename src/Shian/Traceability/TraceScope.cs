using Shian.Accounts;

namespace Shian.Traceability;

/// <summary>
/// Which trace products and 合格证 a user may see. They are the district's shared records: the office, district
/// inspectors and the departments see them all; a township's staff their township's producers'; an operator its own
/// businesses' (and, for certificates, those its businesses received); a laboratory none.
/// </summary>
public static class TraceScope
{
    public static IQueryable<TraceProduct> VisibleTo(this IQueryable<TraceProduct> products, AccessScope scope)
    {
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction or AccessLevel.Unit => products,
            AccessLevel.Township => products.Where(p => p.TownshipId == township),
            AccessLevel.OwnBusinesses => products.Where(p => own.Contains(p.BusinessId)),
            _ => products.Where(p => false),
        };
    }

    public static IQueryable<ProduceCertificate> VisibleTo(this IQueryable<ProduceCertificate> certificates, AccessScope scope)
    {
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction or AccessLevel.Unit => certificates,
            AccessLevel.Township => certificates.Where(c => c.TownshipId == township),
            AccessLevel.OwnBusinesses => certificates.Where(c => own.Contains(c.BusinessId) || c.Receipts.Any(r => own.Contains(r.BuyerBusinessId))),
            _ => certificates.Where(c => false),
        };
    }
}
