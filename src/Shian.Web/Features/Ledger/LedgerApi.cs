using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Shian.Data;
using Shian.Ledger;

namespace Shian.Web.Features.Ledger;

/// <summary>
/// The transparency log's public, read-only face (as a Certificate Transparency log's get-sth / get-proof-by-hash /
/// get-sth-consistency): anyone may fetch the latest signed tree head, the public key, and inclusion and consistency
/// proofs, and check them without trusting the platform. Hashes and signatures are base64.
/// </summary>
public static class LedgerApi
{
    public sealed record TreeHead(long TreeSize, string RootHash, long Timestamp, DateTime TimestampUtc, string Signature, string KeyId,
        string SignatureAlgorithm, string SignedData);

    public sealed record Inclusion(long LeafIndex, long TreeSize, string Kind, string Reference, DateTime AppendedAt, string LeafHash,
        IReadOnlyList<string> AuditPath, string RootHash, long Timestamp, string Signature, bool Verified);

    public sealed record Consistency(long First, long Second, string FirstRoot, string SecondRoot, IReadOnlyList<string> ConsistencyPath, bool Verified);

    public const string SignedDataFormat =
        "ASCII \"shian-ledger-sth-v1\" ‖ 0x00 ‖ timestamp u64 (ms since 1970-01-01 UTC) ‖ tree_size u64 ‖ u8 32 ‖ root_hash; big-endian; ECDSA P-256 SHA-256, DER signature";

    public static TreeHead ToJson(SignedTreeHead h) => new(h.TreeSize, Convert.ToBase64String(h.RootHash), SignedTreeHead.Milliseconds(h.Timestamp),
        DateTime.SpecifyKind(h.Timestamp, DateTimeKind.Utc), Convert.ToBase64String(h.Signature), h.KeyId, "ecdsa-p256-sha256", SignedDataFormat);

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ledger").WithTags("Ledger").AllowAnonymous();

        group.MapGet("/sth", async Task<Results<Ok<TreeHead>, NotFound<string>>> (ShianDb db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await TransparencyLog.LatestAsync(db, ct) is { } head
                    ? TypedResults.Ok(ToJson(head))
                    : TypedResults.NotFound(l["Ledger.Api.Empty"].Value))
            .WithSummary("The latest signed tree head.");

        group.MapGet("/key", Results<ContentHttpResult, Ok<Dictionary<string, string>>> (string? format, ShianDb db) =>
            {
                var key = LedgerKey.For(db);
                return string.Equals(format, "jwk", StringComparison.OrdinalIgnoreCase)
                    ? TypedResults.Ok(key.PublicJwk())
                    : TypedResults.Text(key.PublicKeyPem + "\n", "application/x-pem-file");
            })
            .WithSummary("The log's public key: PEM (SubjectPublicKeyInfo), or a JWK with ?format=jwk.");

        group.MapGet("/proof/inclusion", async Task<Results<Ok<Inclusion>, NotFound<string>, ValidationProblem>> (string? kind, string? reference, long? index, ShianDb db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (index is null && (string.IsNullOrWhiteSpace(kind) || string.IsNullOrWhiteSpace(reference)))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["reference"] = [l["Ledger.Api.ReferenceRequired"]],
                    });
                }
                if (index is < 0)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["index"] = [l["Ledger.Api.IndexNegative"]] });
                }
                var proof = index is { } i ? await TransparencyLog.ProofForIndexAsync(db, i, ct) : await TransparencyLog.ProofForAsync(db, kind!, reference!, ct);
                return proof is null
                    ? TypedResults.NotFound(l["Ledger.Api.NoSuchEntry"].Value)
                    : TypedResults.Ok(new Inclusion(proof.LeafIndex, proof.TreeSize, proof.Kind, proof.Reference, proof.AppendedAt,
                        Convert.ToBase64String(proof.LeafHash), [.. proof.AuditPath.Select(Convert.ToBase64String)], Convert.ToBase64String(proof.RootHash),
                        SignedTreeHead.Milliseconds(proof.TreeHeadTimestamp), Convert.ToBase64String(proof.Signature), proof.Verified));
            })
            .WithSummary("The audit path (RFC 9162 §2.1.3) of an entry in the latest signed tree, by kind and reference or by index.");

        group.MapGet("/proof/consistency", async Task<Results<Ok<Consistency>, ValidationProblem>> (long? first, long? second, ShianDb db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var head = await TransparencyLog.LatestAsync(db, ct);
                var size = head?.TreeSize ?? 0;
                var to = second ?? size;
                if (first is null || first < 1 || first > to || to > size)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["first"] = [l["Ledger.Api.ConsistencyRange", size]],
                    });
                }
                var proof = (await TransparencyLog.ConsistencyAsync(db, first.Value, to, ct))!;
                return TypedResults.Ok(new Consistency(proof.First, proof.Second, Convert.ToBase64String(proof.FirstRoot), Convert.ToBase64String(proof.SecondRoot),
                    [.. proof.Path.Select(Convert.ToBase64String)], proof.Verified));
            })
            .WithSummary("The consistency proof (RFC 9162 §2.1.4) between two tree sizes (second defaults to the latest).");
        return app;
    }
}
