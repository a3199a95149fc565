using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Traceability;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// Which certificates a user may open: staff those of their scope (a township officer its township's producers'), an
/// operator those its businesses issued or received.
/// </summary>
public static class CertificateAccess
{
    public static IQueryable<ProduceCertificate> Visible(ShianDb db, AccessScope scope)
    {
        if (scope.Level != AccessLevel.OwnBusinesses)
        {
            return scope.Apply(db.ProduceCertificates);
        }
        var own = scope.BusinessIds.ToList();
        return db.ProduceCertificates.Where(c => own.Contains(c.BusinessId) || c.Receipts.Any(r => own.Contains(r.BuyerBusinessId)));
    }
}
