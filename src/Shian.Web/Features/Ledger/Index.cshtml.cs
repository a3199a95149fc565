using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Ledger;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Ledger;

/// <summary>存证日志: the transparency log's recent signed tree heads, its entries by kind, and a full verification on demand.</summary>
[Authorize(Policy = Policies.Office)]
public class IndexModel(ShianDb db) : PageModel
{
    public sealed record KindCount(string Kind, long Count);

    public IReadOnlyList<SignedTreeHead> Heads { get; private set; } = [];
    public IReadOnlyList<KindCount> Kinds { get; private set; } = [];
    public string KeyId { get; private set; } = "";
    public string KeyPath { get; private set; } = "";
    public LedgerVerification.Result? Verification { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Verification = await LedgerVerification.VerifyAsync(db, LedgerKey.For(db).PublicKeyInfo, HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Heads = await db.SignedTreeHeads.AsNoTracking().OrderByDescending(h => h.TreeSize).Take(20).ToListAsync();
        Kinds = await db.LedgerEntries.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g => new KindCount(g.Key, g.LongCount())).ToListAsync();
        var key = LedgerKey.For(db);
        KeyId = key.KeyId;
        KeyPath = key.Path;
    }

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
