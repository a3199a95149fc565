using Microsoft.AspNetCore.Mvc;
using Shian.Data;
using Shian.Ledger;

namespace Shian.Web.Features.Ledger;

/// <summary>
/// "已上链存证" for any page that shows a logged record (a consumer's trace page, a produce certificate): the entry's
/// place in the latest signed tree, whether its inclusion proof verified just now, where to fetch the proof, and a
/// short explanation for the public. Drop in with
/// <c>@await Component.InvokeAsync(typeof(LedgerProofViewComponent), new { kind = "epcis-event", reference = id })</c>.
/// </summary>
public class LedgerProofViewComponent(ShianDb db) : ViewComponent
{
    public sealed record Model(string Kind, string Reference, TransparencyLog.InclusionProof? Proof);

    public async Task<IViewComponentResult> InvokeAsync(string kind, string reference) =>
        View("/Features/Ledger/_LedgerProof.cshtml", new Model(kind, reference, await TransparencyLog.ProofForAsync(db, kind, reference, HttpContext.RequestAborted)));
}
