using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// 食用农产品合格证: the certificates this user may see, filtered by township, product category and issue date; for staff
/// the counts and coverage by township and by category (exported with the list to Excel); for an operator the
/// certificates its businesses issued or received.
/// </summary>
[Authorize(Policy = Policies.Traceability)]
public class CertificatesModel(ShianDb db, CurrentUser user, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int Limit = 200;

    public sealed record Row(Guid Id, string Code, DateOnly IssuedOn, string ProductName, ProduceCategory Category, decimal Quantity, string Unit,
        string ProducerName, Guid TownshipId, CertificateStatus Status, int Receipts);

    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public ProduceCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public bool IsStaff { get; private set; }
    public bool CanIssue { get; private set; }
    public IReadOnlyDictionary<Guid, string> Townships { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public ProduceCertificateCoverage.Result? Coverage { get; private set; }

    public async Task OnGetAsync()
    {
        var query = await FilteredAsync();
        Total = await query.CountAsync();
        Rows = await Project(query).Take(Limit).ToListAsync();
        if (IsStaff)
        {
            Coverage = await CoverageAsync(query);
        }
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var query = await FilteredAsync();
        var rows = await Project(query).ToListAsync();
        var list = Export.Of(rows)
            .Column("Certificate.VerifyCode", r => r.Code).Column("Certificate.IssuedOn", r => r.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Column("Certificate.ProductName", r => r.ProductName).Column("Certificate.Category", r => l["ProduceCategory." + r.Category].Value)
            .Column("Certificate.Quantity", r => r.Quantity).Column("Certificate.Unit", r => r.Unit).Column("Certificate.ProducerName", r => r.ProducerName)
            .Column("Registry.Township", r => Townships.GetValueOrDefault(r.TownshipId, "")).Column("Common.Status", r => l["CertificateStatus." + r.Status].Value)
            .Column("Certificate.Receipts", r => r.Receipts)
            .Sheet(l, l["Certificate.List"]);
        if (!IsStaff)
        {
            return Export.Xlsx($"{l["Nav.ProduceCertificates"]}.xlsx", list);
        }
        var coverage = await CoverageAsync(query);
        ExcelExport.Sheet Coverage(string name, IEnumerable<(string Group, ProduceCertificateCoverage.Row Row)> groups) => Export.Of(groups)
            .Column("Certificate.Group", g => g.Group).Column("Certificate.Issued", g => g.Row.Issued).Column("Certificate.Quantity", g => QuantityText(g.Row.Quantity))
            .Column("Certificate.Received", g => g.Row.Received).Column("Certificate.ReceiptRate", g => g.Row.ReceiptRate)
            .Column("Certificate.ProducersIssuing", g => g.Row.ProducersIssuing).Column("Certificate.ProducersExpected", g => g.Row.ProducersExpected)
            .Column("Certificate.Coverage", g => g.Row.Coverage)
            .Sheet(l, name);
        return Export.Xlsx($"{l["Nav.ProduceCertificates"]}.xlsx", list,
            Coverage(l["Certificate.ByTownship"], coverage.ByTownship.Select(r => (r.Key, r)).Append((l["Common.Total"].Value, coverage.Total))),
            Coverage(l["Certificate.ByCategory"], coverage.ByCategory.Select(r => (l["ProduceCategory." + r.Key].Value, r))));
    }

    public static string QuantityText(IReadOnlyDictionary<string, decimal> quantity) =>
        string.Join(" · ", quantity.Select(q => q.Value.ToString("#,0.###", CultureInfo.InvariantCulture) + " " + q.Key));

    public string ExportLink => TraceabilityRoutes.Certificates + QueryString.Create(new Dictionary<string, string?>
    {
        ["township"] = Township?.ToString(), ["category"] = Category?.ToString(), ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["handler"] = "Export",
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private async Task<ProduceCertificateCoverage.Result> CoverageAsync(IQueryable<ProduceCertificate> filtered)
    {
        var scope = await user.ScopeAsync();
        var businesses = db.Businesses.VisibleTo(scope);
        var townships = Townships;
        if (Township is { } t)
        {
            businesses = businesses.Where(b => b.TownshipId == t);
            townships = Townships.Where(x => x.Key == t).ToDictionary();
        }
        return await ProduceCertificateCoverage.ComputeAsync(filtered, businesses, townships, HttpContext.RequestAborted);
    }

    private async Task<IQueryable<ProduceCertificate>> FilteredAsync()
    {
        var scope = await user.ScopeAsync();
        IsStaff = scope.Level is AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Township;
        var townships = db.Townships.AsNoTracking().Where(t => t.Active);
        if (scope.Level == AccessLevel.Township)
        {
            townships = townships.Where(t => t.Id == scope.TownshipId);
        }
        Townships = await townships.OrderBy(t => t.Code).ToDictionaryAsync(t => t.Id, t => t.Name);
        if (scope.Level == AccessLevel.OwnBusinesses)
        {
            var own = scope.BusinessIds.ToList();
            CanIssue = (await db.Businesses.AsNoTracking().Where(b => own.Contains(b.Id)).ToListAsync()).Any(ProduceCertificate.MayIssue);
        }
        var query = db.ProduceCertificates.VisibleTo(scope).AsNoTracking();
        if (Township is { } township)
        {
            query = query.Where(c => c.TownshipId == township);
        }
        if (Category is { } category)
        {
            query = query.Where(c => c.Category == category);
        }
        if (From is { } from)
        {
            query = query.Where(c => c.IssuedOn >= from);
        }
        if (To is { } to)
        {
            query = query.Where(c => c.IssuedOn <= to);
        }
        return query;
    }

    private static IQueryable<Row> Project(IQueryable<ProduceCertificate> query) =>
        query.OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.CreatedAt)
            .Select(c => new Row(c.Id, c.Code, c.IssuedOn, c.ProductName, c.Category, c.Quantity, c.Unit, c.ProducerName, c.TownshipId, c.Status, c.Receipts.Count));
}
