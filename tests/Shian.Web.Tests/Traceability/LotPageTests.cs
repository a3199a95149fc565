using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Sampling;
using Shian.Tests.Sampling;
using Shian.Traceability;
using Shian.Web.Features.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// The lot pages over <see cref="LotChain"/>: who may open which lot, the trees and recall table, the FSMA 204 workbook
/// and the EPCIS document, and the failure case's link to its lot.
/// </summary>
public sealed class LotPageTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>, IAsyncLifetime
{
    private LotChain _chain = null!;

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var township = await db.Users.Where(u => u.UserName == "township").Select(u => u.TownshipId!.Value).SingleAsync();
        _chain = await LotChain.CaptureAsync(db, township);
        var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
        if (!await db.OperatorBusinesses.AnyAsync(o => o.UserId == operatorId && o.BusinessId == _chain.S1))
        {
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = _chain.S1 });
            await db.SaveChangesAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Office_sees_both_trees_and_the_recall_scope_township_and_operator_only_their_lots()
    {
        using var office = await factory.SignedInAsync("office");
        var page = await office.GetStringAsync(TraceabilityRoutes.Lot(LotChain.A));
        Assert.Contains("data-testid=\"backward\"", page);
        Assert.Contains($"data-key=\"{LotChain.K}\"", page);
        Assert.Contains("data-testid=\"recall-table\"", page);
        Assert.Contains("追溯测试超市一", page);
        Assert.DoesNotContain("追溯测试超市二", page); // its only shipment was declared erroneous
        Assert.Equal(6, page.Split("data-testid=\"recall-row\"").Length - 1);
        // Search by GTIN and lot redirects to the page; a bad GTIN is refused by name.
        var found = await office.GetAsync($"/trace/lots?Gtin={LotChain.GtinPaddy[1..]}&Lot=A");
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal(TraceabilityRoutes.Lot(LotChain.A), found.Headers.Location!.OriginalString);
        Assert.Contains("商品条码应为", await office.GetStringAsync("/trace/lots?Gtin=6901234567890&Lot=A"));
        var list = await office.GetStringAsync($"/trace/lots?Gtin={LotChain.GtinPaddy}");
        Assert.Contains(LotChain.Z, list);
        Assert.Contains("data-testid=\"unknown-lot\"", await office.GetStringAsync(TraceabilityRoutes.Lot(TraceKey.Lot(LotChain.GtinRice, "nope"))));

        // Township staff: the rice passed through the mill in their township; Z never touched it.
        using var township = await factory.SignedInAsync("township");
        Assert.Contains("data-testid=\"recall-table\"", await township.GetStringAsync(TraceabilityRoutes.Lot(LotChain.R)));
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(TraceabilityRoutes.Lot(LotChain.Z))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(TraceabilityRoutes.Lot(LotChain.Z) + "?handler=Epcis")).StatusCode);
        Assert.DoesNotContain(LotChain.Z, await township.GetStringAsync($"/trace/lots?Gtin={LotChain.GtinPaddy}"));

        // The operator of S1: the rice it received and the meals it made, traces only; not Z.
        using var operatorClient = await factory.SignedInAsync("operator");
        var own = await operatorClient.GetStringAsync(TraceabilityRoutes.Lot(LotChain.K));
        Assert.Contains("data-testid=\"forward\"", own);
        Assert.DoesNotContain("data-testid=\"recall\"", own);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync(TraceabilityRoutes.Lot(LotChain.R))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(TraceabilityRoutes.Lot(LotChain.Z))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(TraceabilityRoutes.Lot(LotChain.A))).StatusCode);
    }

    [Fact]
    public async Task The_fsma_workbook_has_one_row_per_critical_tracking_event_and_the_epcis_document_reads_back()
    {
        using var office = await factory.SignedInAsync("office");
        var url = TraceabilityRoutes.Lot(LotChain.A);
        var xlsx = await office.GetAsync(url + "?handler=Fsma");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var header = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().First().Values.Select(v => v?.ToString() ?? "").ToList();
        Assert.Equal(GenealogyExport.FsmaHeader, header);
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => (Lot: r[header[0]]?.ToString(), Qty: r[header[2]] is { } q ? Convert.ToDecimal(q, System.Globalization.CultureInfo.InvariantCulture) : (decimal?)null, Type: r[header[6]]?.ToString(), Source: r[header[9]]?.ToString() ?? "", Destination: r[header[10]]?.ToString() ?? ""))
            .ToList();
        // Commissioning, shipping and receiving of A; the milling (A, B in; R out); R palletised; the pallet shipped and
        // received twice; R into meals and the rework: 15 rows. The shipment to S2 was withdrawn.
        Assert.Equal(15, rows.Count);
        Assert.Contains(("A", 1000m, "Shipping 发货", "追溯测试农场 (414/" + LotChain.GlnFarm + ")", "追溯测试米厂 (414/" + LotChain.GlnMill + ")"), rows);
        Assert.Contains(("B", 500m, "Transformation (input) 转化投入", "", ""), rows);
        Assert.Contains(("R", 1200m, "Transformation (output) 转化产出", "", ""), rows);
        Assert.Equal(4, rows.Count(r => r.Lot == LotChain.P));
        Assert.DoesNotContain(rows, r => (r.Destination ?? "").Contains(LotChain.GlnS2));

        var document = await office.GetStringAsync(url + "?handler=Epcis");
        var read = EpcisDocumentReader.Read(document);
        Assert.Empty(read.Errors);
        Assert.Equal(11, read.Events.Count);
        Assert.DoesNotContain(read.Events, e => e.EventId.EndsWith("000000000bad", StringComparison.Ordinal));
        Assert.Contains("\"recordTime\"", document);
    }

    [Fact]
    public async Task A_failure_case_links_to_its_lot_when_the_trace_store_knows_it()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var (known, unknown) = await factory.QueryAsync(async db =>
        {
            var lab = await db.Units.Where(u => u.Kind == UnitKind.Laboratory).Select(u => u.Id).FirstAsync();
            var unit = await db.Units.Where(u => u.Kind == UnitKind.Department).Select(u => u.Id).FirstAsync();
            var s1 = await db.Businesses.SingleAsync(b => b.Id == _chain.S1);
            Sample Failed(string number, string batch) => new SampleBuilder(new Sample
            {
                Number = number, TaskSource = "区级监督抽检", BusinessId = s1.Id, TownshipId = s1.TownshipId, BusinessName = s1.Name, BusinessAddress = "地址",
                ContactPhone = "13800001111", FoodCategoryCode = "101", SampleName = "大米", Specification = "5kg/袋", BatchNumber = batch, Gtin = LotChain.GtinRice,
                ShelfLife = "12个月", QuantityTaken = 4, BackupQuantity = 2, QuantityUnit = "袋", SampledOn = today.AddDays(-20), SamplingUnitId = unit, LaboratoryId = lab,
                Sampler1 = "张", Sampler2 = "李", OperatorConfirmed = true, SignerName = "刘", CreatedAt = DateTime.UtcNow, CreatedBy = "inspector",
            }).Received(today.AddDays(-19))
                .Reported(today.AddDays(-10), [new() { Name = "镉", Value = "0.5", Unit = "mg/kg", Limit = "≤0.2", Judgement = ItemJudgement.Fail }]).Sample;
            var known = Failed($"JZ-{today.Year}-900001", "R");
            var unknown = Failed($"JZ-{today.Year}-900002", "NOPE");
            SampleBuilder.AddTo(db, known, unknown);
            await db.SaveChangesAsync();
            await SampleFailures.OpenMissingAsync(db, DateTime.UtcNow, "test"); // their cases, as the backfill opens them
            return (known.Id, unknown.Id);
        });
        using var office = await factory.SignedInAsync("office");
        var cases = await factory.QueryAsync(db => db.SampleFailures.Where(f => f.SampleId == known || f.SampleId == unknown).ToDictionaryAsync(f => f.SampleId, f => f.Id));
        var knownPage = await office.GetStringAsync($"/sampling/failures/{cases[known]}");
        Assert.Contains($"href=\"{TraceabilityRoutes.Lot(LotChain.R)}\"", knownPage);
        Assert.Contains("data-testid=\"trace-known\"", knownPage);
        var unknownPage = await office.GetStringAsync($"/sampling/failures/{cases[unknown]}");
        Assert.Contains("data-testid=\"trace-unknown\"", unknownPage);
        Assert.DoesNotContain("data-testid=\"trace-link\"", unknownPage);
    }

}
