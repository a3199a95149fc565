using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Ledger;

namespace Shian.Web.Tests.Ledger;

public sealed class LedgerApiTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task Anyone_can_fetch_the_signed_tree_head_the_key_and_proofs_and_check_them_independently()
    {
        var anonymous = factory.NewClient();
        List<byte[]> leaves;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            foreach (var size in new[] { 5, 1, 7 })
            {
                await TransparencyLog.AppendAsync(db, [.. Enumerable.Range(0, size).Select(i => ("api-test", $"r-{size}-{i}", Encoding.UTF8.GetBytes($"data {size} {i}")))]);
            }
            // The leaves as stored (the demo may have logged its own first), recomputed here from kind, reference and data.
            leaves = [.. db.LedgerEntries.OrderBy(e => e.Index).AsEnumerable().Select(e => LedgerEntry.ComputeLeafHash(e.Kind, e.Reference, e.Data))];
        }
        var size13 = leaves.Count;

        var sth = await anonymous.GetFromJsonAsync<JsonElement>("/ledger/sth");
        Assert.Equal(size13, sth.GetProperty("treeSize").GetInt64());
        var root = Convert.FromBase64String(sth.GetProperty("rootHash").GetString()!);
        Assert.Equal(Convert.ToHexString(MerkleTree.RootOf(leaves)), Convert.ToHexString(root));

        // The signature, checked with the published key only.
        var pem = await anonymous.GetStringAsync("/ledger/key");
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem);
        var publicKey = LedgerKey.PublicKeyInfoFromPem(pem);
        var signed = SignedTreeHead.SignedInput(size13, root, DateTime.UnixEpoch.AddMilliseconds(sth.GetProperty("timestamp").GetInt64()));
        Assert.True(LedgerKey.Verify(publicKey, signed, Convert.FromBase64String(sth.GetProperty("signature").GetString()!)));
        var jwk = await anonymous.GetFromJsonAsync<JsonElement>("/ledger/key?format=jwk");
        Assert.Equal("P-256", jwk.GetProperty("crv").GetString());
        Assert.Equal(sth.GetProperty("keyId").GetString(), jwk.GetProperty("kid").GetString());

        // Inclusion by kind and reference: the entry logged 8th of this test, verified with the RFC algorithm.
        var inclusion = await anonymous.GetFromJsonAsync<JsonElement>("/ledger/proof/inclusion?kind=api-test&reference=r-7-1");
        var index = inclusion.GetProperty("leafIndex").GetInt64();
        Assert.Equal(size13 - 6, index);
        var path = inclusion.GetProperty("auditPath").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        Assert.True(MerkleTree.VerifyInclusion(index, size13, leaves[(int)index], path, root));
        Assert.False(MerkleTree.VerifyInclusion(index, size13, leaves[(int)index - 1], path, root));
        Assert.True(inclusion.GetProperty("verified").GetBoolean());
        var byIndex = await anonymous.GetFromJsonAsync<JsonElement>($"/ledger/proof/inclusion?index={index}");
        Assert.Equal("r-7-1", byIndex.GetProperty("reference").GetString());

        // Consistency of the tree after the first batch with the latest.
        var first = size13 - 8;
        var consistency = await anonymous.GetFromJsonAsync<JsonElement>($"/ledger/proof/consistency?first={first}&second={size13}");
        var proof = consistency.GetProperty("consistencyPath").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        Assert.True(MerkleTree.VerifyConsistency(first, size13, MerkleTree.RootOf(leaves.Take(first).ToList()), root, proof));
        Assert.False(MerkleTree.VerifyConsistency(first, size13, MerkleTree.RootOf(leaves.Take(first - 1).ToList()), root, proof));

        // Bad input: a clear message, not a crash.
        var bad = await anonymous.GetAsync("/ledger/proof/consistency?first=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"应满足 1 ≤ first ≤ second ≤ {size13}（当前树大小）", problem.GetProperty("errors").GetProperty("first")[0].GetString());
        // In the request's language: an English reader gets English only.
        var english = await (await anonymous.GetAsync("/ledger/proof/consistency?first=0&culture=en")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"need 1 ≤ first ≤ second ≤ {size13} (the current tree size)", english.GetProperty("errors").GetProperty("first")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/ledger/proof/inclusion?kind=api-test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/ledger/proof/inclusion?kind=api-test&reference=nothing")).StatusCode);
    }

    [Fact]
    public async Task The_office_page_lists_tree_heads_and_verifies_the_log_others_are_refused()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            await TransparencyLog.AppendAsync(db, [("page-test", "p-1", "x"u8.ToArray()), ("page-test", "p-2", "y"u8.ToArray())]);
        }
        var office = await factory.SignedInAsync("office");
        var page = await office.GetStringAsync("/ledger");
        Assert.Contains("data-testid=\"tree-heads\"", page);
        var verified = await office.PostFormAsync("/ledger", [], "/ledger?handler=Verify");
        var html = await verified.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"ledger-intact\"", html);

        var inspector = await factory.SignedInAsync("inspector");
        Assert.NotEqual(HttpStatusCode.OK, (await inspector.GetAsync("/ledger")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await factory.NewClient().GetAsync("/ledger")).StatusCode);
    }

    [Fact]
    public async Task The_demo_logs_its_node_enterprises_events_and_their_upload_rate_is_about_65_percent()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        // The tests' district has no register; the demo's register has markets and supermarkets for DemoTraceReporting to pick.
        var township = await db.Townships.Select(t => t.Id).FirstAsync();
        for (var i = 0; i < 14; i++)
        {
            db.Businesses.Add(new Shian.Registry.Business
            {
                Id = Guid.NewGuid(), Name = $"测试演示超市{i:00}", CreditCode = ("DT" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "演示路",
                TownshipId = township, Category = Shian.Registry.BusinessCategory.Seller, Subtype = i % 4 == 0 ? "market" : "supermarket",
                Scale = Shian.Registry.BusinessScale.Small, CreatedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();
        await Shian.Demo.DemoTraceReporting.SeedAsync(db, TimeProvider.System);
        Assert.Null((await LedgerVerification.VerifyAsync(db, LedgerKey.For(db).PublicKeyInfo)).Failure);
        var today = Shian.Common.ShianTime.LocalDate(DateTime.UtcNow);
        var office = Shian.Accounts.AccessScope.For([Shian.Accounts.Roles.Office], null, null, new HashSet<Guid>());
        var rows = await Shian.Traceability.TraceReporting.RowsAsync(db, office, today);
        Assert.Equal(12, rows.Count);
        Assert.Equal(3, rows.Count(r => r.LastReport is null));
        var rate = await Shian.Plans.Metrics.ComputeAsync(db, office, Shian.Traceability.TraceReporting.MetricName, today);
        Assert.InRange(rate!.Value, 55m, 75m);
        // Every demo event is a leaf, found by its row id with a verified proof, and still hashes to its entry.
        var anyEvent = await db.EpcisEvents.OrderBy(e => e.RecordTime).Select(e => e.Id).FirstAsync();
        var proof = await TransparencyLog.ProofForAsync(db, Shian.Traceability.EpcisCapture.LedgerKind, anyEvent.ToString());
        Assert.True(proof!.Verified);
        Assert.True(await db.LedgerEntries.CountAsync(e => e.Kind == "epcis-event") >= await db.EpcisEvents.CountAsync());
        var records = await Shian.Traceability.LoggedRecords.VerifyAsync(db);
        Assert.True(records.Ok, records.Failure?.ToString());
    }
}
