using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// One lot: its backward and forward traces as indented trees, the recall scope (staff only) and the exports (FSMA 204
/// spreadsheet, EPCIS document). Who may open it: <see cref="LotAccess"/>; a lot nobody may see answers 404. Operators'
/// trees and exports hold only corroborated events (<see cref="TraceVisibility"/>); staff's hold all, the others marked,
/// and the recall scope is corroborated for everyone.
/// </summary>
[Authorize(Policy = Policies.Lots)]
public class LotDetailModel(ShianDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    public string Key { get; private set; } = "";
    public string? Gtin { get; private set; }
    public string? LotCode { get; private set; }
    public TraceResult Backward { get; private set; } = null!;
    public TraceResult Forward { get; private set; } = null!;
    public RecallScope? Recall { get; private set; }
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The events of the traces that count (<see cref="TraceVisibility"/>); staff see the others marked.</summary>
    public IReadOnlySet<Guid> Corroborated { get; private set; } = new HashSet<Guid>();
    public bool Known => Backward.EventIds.Count > 0 || Forward.EventIds.Count > 0;

    public async Task<IActionResult> OnGetAsync(string key) => await LoadAsync(key) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFsmaAsync(string key)
    {
        if (!await LoadAsync(key))
        {
            return NotFound();
        }
        var rows = await GenealogyExport.FsmaRowsAsync(db, Backward.EventIds.Concat(Forward.EventIds), HttpContext.RequestAborted);
        return ExcelExport.File($"fsma204-{FileName}.xlsx", new ExcelExport.Sheet("FSMA 204", GenealogyExport.FsmaHeader,
            rows.Select(r => (IReadOnlyList<object?>)[r.LotCode, r.Product, r.Quantity, r.Uom, r.Location, r.Date, r.EventType, r.LotCodeSource, r.ReferenceDocument, r.Source, r.Destination, r.EventId])));
    }

    public async Task<IActionResult> OnGetEpcisAsync(string key)
    {
        if (!await LoadAsync(key))
        {
            return NotFound();
        }
        var json = await GenealogyExport.EpcisDocumentAsync(db, Backward.EventIds.Concat(Forward.EventIds), ShianTime.UtcNow(clock), HttpContext.RequestAborted);
        return File(Encoding.UTF8.GetBytes(json), "application/ld+json", $"epcis-{FileName}.jsonld");
    }

    private string FileName => new(Key.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());

    private async Task<bool> LoadAsync(string key)
    {
        Key = TraceKey.Of(Uri.UnescapeDataString(key ?? "").Trim('/'));
        if (Key.Length == 0)
        {
            return false;
        }
        if (TraceKey.TryLot(Key, out var gtin, out var lot))
        {
            (Gtin, LotCode) = (gtin, lot);
        }
        var ct = HttpContext.RequestAborted;
        var scope = await user.ScopeAsync(ct);
        // Staff keep seeing every event (uncorroborated ones marked); operators see only what counts (TraceVisibility).
        var staff = scope.Level is AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Township;
        var evidence = staff ? TraceEvidence.All : TraceEvidence.Corroborated;
        Backward = await Genealogy.TraceAsync(db, Key, TraceDirection.Backward, evidence: evidence, ct: ct);
        Forward = await Genealogy.TraceAsync(db, Key, TraceDirection.Forward, evidence: evidence, ct: ct);
        if (Known && !await LotAccess.MaySeeAsync(db, scope, Backward, Forward, ct))
        {
            return false;
        }
        if (!Known && !staff)
        {
            return false;
        }
        if (staff)
        {
            // The recall scope follows the corroboration rule whoever looks: a stranger's event neither adds nor hides a holder.
            var backward = await Genealogy.TraceAsync(db, Key, TraceDirection.Backward, ct: ct);
            var forward = await Genealogy.TraceAsync(db, Key, TraceDirection.Forward, ct: ct);
            Corroborated = backward.EventIds.Concat(forward.EventIds).ToHashSet();
            Recall = await GenealogyRecall.ComputeAsync(db, forward, ct);
        }
        else
        {
            Corroborated = Backward.EventIds.Concat(Forward.EventIds).ToHashSet();
        }
        var ids = Genealogy.Businesses(Backward, Forward).ToList();
        Names = await db.Businesses.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        return true;
    }

    public string Side(TraceSide side) =>
        side.BusinessId is { } id && Names.TryGetValue(id, out var name) ? name : side.Label is { Length: > 0 } label ? label : "—";

    public static string Amount(decimal? quantity, string? uom) =>
        quantity is { } q ? q.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + (uom is null ? "" : " " + uom) : "";
}
