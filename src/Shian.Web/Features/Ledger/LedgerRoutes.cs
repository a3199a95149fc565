namespace Shian.Web.Features.Ledger;

/// <summary>
/// The ledger's addresses, for links: its page and the public endpoints of <see cref="LedgerApi"/>, whose templates are
/// the other half.
/// </summary>
public static class LedgerRoutes
{
    public const string Overview = "/ledger";
    public const string LatestTreeHead = "/ledger/sth";
    public const string PublicKey = "/ledger/key";

    public static string InclusionProof(long leafIndex) => $"/ledger/proof/inclusion?index={leafIndex}";
}
