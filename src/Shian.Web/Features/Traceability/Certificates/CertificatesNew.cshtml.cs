using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// 开具合格证: a producer (an operator of an edible agricultural producer) issues a certificate for a lot of its produce:
/// the fields of the 2020 trial, the four statements ticked one by one and signed, the basis (with the report number for a
/// test), per package (N numbered copies) or per batch; optionally the trace lot it belongs to.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public class CertificatesNewModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<Business> Producers { get; private set; } = [];

    [BindProperty] public Guid BusinessId { get; set; }
    [BindProperty] public string? ProductName { get; set; }
    [BindProperty] public ProduceCategory? Category { get; set; }
    [BindProperty] public decimal? Quantity { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public CertificateMode Mode { get; set; } = CertificateMode.PerBatch;
    [BindProperty] public int? Copies { get; set; }
    [BindProperty] public string? ProducerName { get; set; }
    [BindProperty] public string? Origin { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public DateOnly? IssuedOn { get; set; }
    [BindProperty] public List<int> Promises { get; set; } = [];
    [BindProperty] public string? SignedBy { get; set; }
    [BindProperty] public CertificateBasis? Basis { get; set; }
    [BindProperty] public string? ReportNumber { get; set; }
    [BindProperty] public string? Gtin { get; set; }
    [BindProperty] public string? Lot { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? business)
    {
        await LoadAsync();
        if (Producers.Count == 0)
        {
            return Page();
        }
        var chosen = Producers.FirstOrDefault(b => b.Id == business) ?? Producers[0];
        BusinessId = chosen.Id;
        ProducerName = chosen.Name;
        Origin = chosen.Address;
        ContactPhone = chosen.ContactPhone;
        SignedBy = chosen.LegalRepresentative;
        IssuedOn = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var producer = Producers.FirstOrDefault(b => b.Id == BusinessId);
        if (producer is null)
        {
            ModelState.AddProblem(nameof(BusinessId), new("Certificate.ProducerRequired"), l);
        }
        var certificate = new ProduceCertificate
        {
            BusinessId = BusinessId, TownshipId = producer?.TownshipId ?? Guid.Empty, ProductName = ProductName ?? "", Category = Category ?? (ProduceCategory)(-1),
            Quantity = Quantity ?? 0, Unit = Unit ?? "", Mode = Mode, Copies = Copies ?? 0, ProducerName = ProducerName ?? "", Origin = Origin ?? "",
            ContactPhone = ContactPhone ?? "", IssuedOn = IssuedOn ?? default, SignedBy = SignedBy ?? "", Basis = Basis ?? (CertificateBasis)(-1),
            ReportNumber = ReportNumber ?? "", Lot = Lot ?? "",
        };
        var gtin = Gtin?.Trim() ?? "";
        if (gtin.Length > 0)
        {
            certificate.Gtin = Shian.Traceability.Gtin.Normalize(gtin) ?? gtin;
        }
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var allTicked = ProduceCertificate.Promises.Select((_, i) => i).All(Promises.Contains);
        ModelState.AddProblems(certificate.Validate(today, allTicked), l);
        if (gtin.Length > 0 && Shian.Traceability.Gtin.Normalize(gtin) is null)
        {
            ModelState.AddProblem(nameof(Gtin), new("Certificate.GtinInvalid"), l);
        }
        if (!ModelState.IsValid || producer is null)
        {
            return Page();
        }
        var now = ShianTime.UtcNow(clock);
        certificate.Issue(user.Name, now); // a new certificate: never refused
        await ProduceCertificate.IssueAsync(db, [certificate], now);
        await Shian.Web.Public.TraceCache.EvictAsync(HttpContext);
        return Redirect(TraceabilityRoutes.Certificate(certificate.Id));
    }

    private async Task LoadAsync()
    {
        var scope = await user.ScopeAsync();
        Producers = (await db.Businesses.AsNoTracking().VisibleTo(scope).Where(b => scope.BusinessIds.Contains(b.Id)).OrderBy(b => b.Name).ToListAsync())
            .Where(ProduceCertificate.MayIssue).ToList();
    }
}
