using System.Net;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Credit;

namespace Shian.Web.Tests.Credit;

/// <summary>Operators ask for early removal of their own listings with credit-repair evidence; the office decides; no operator sees another's.</summary>
public sealed class CreditRepairWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n缴款凭证\n%%EOF"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private static async Task<Guid> ListAsync(HttpClient office, string creditCode, DateOnly decided)
    {
        var saved = await office.PostFormAsync("/credit/serious/new", new()
        {
            ["Input.Business"] = creditCode, ["Input.Basis"] = $"津市监罚〔2025〕{creditCode[^3..]} 号", ["Input.Provision"] = "《市场监督管理严重违法失信名单管理办法》第二条",
            ["Input.DecidedOn"] = decided.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return Guid.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static Task<HttpResponseMessage> FileAsync(HttpClient client, Guid listing, Dictionary<string, string>? fields = null,
        params (string, string, byte[])[] files)
    {
        var form = new Dictionary<string, string> { ["Input.ListingId"] = listing.ToString() };
        foreach (var (k, v) in fields ?? [])
        {
            form[k] = v;
        }
        return client.PostFilesAsync("/credit/repair", form, files, "/credit/repair?handler=Request");
    }

    private static void Denied(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/account/access-denied") == true,
            $"{response.StatusCode} {response.Headers.Location}");

    [Fact]
    public async Task An_operator_files_a_request_with_evidence_once_allowed_the_office_decides_and_other_businesses_stay_hidden()
    {
        await factory.EnsureSampleAsync();
        var restaurant = await factory.IdOfAsync("老王家常菜馆");
        var farmStay = await factory.IdOfAsync("山里人家农家院");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        using var office = await factory.SignedInAsync("office");
        var recent = await ListAsync(office, "921201193BJ1XG612E", today.AddDays(-30));   // the restaurant: not a year yet
        var old = await ListAsync(office, "92120119J3Y7LLJY18", today.AddDays(-400));     // the farm-stay: may ask
        var other = await ListAsync(office, "91120119AY4CL12THD", today.AddDays(-400));   // the supermarket: not the operator's
        await factory.QueryAsync(async db =>
        {
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.RemoveRange(db.OperatorBusinesses.Where(o => o.UserId == operatorId));
            db.OperatorBusinesses.AddRange(new Shian.Accounts.OperatorBusiness { UserId = operatorId, BusinessId = restaurant },
                new Shian.Accounts.OperatorBusiness { UserId = operatorId, BusinessId = farmStay });
            // The supermarket's own request with evidence, filed before: never the operator's to see.
            var removal = new SeriousViolationRemoval
            {
                Id = Guid.NewGuid(), SeriousViolationId = other, ByOperator = true, Reason = "超市的申请", Repair = CreditRepair.FinePaid,
                RequestedOn = today, RequestedAt = DateTime.UtcNow, RequestedBy = "someone", Decision = RemovalDecision.Pending,
            };
            db.SeriousViolationRemovals.Add(removal);
            db.StoredFiles.Add(StoredFile.From("超市凭证.pdf", Pdf, FileOwners.CreditRepair, removal.Id, "someone", DateTime.UtcNow).File!);
            return await db.SaveChangesAsync();
        });
        var otherFile = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.FileName == "超市凭证.pdf").Select(f => f.Id).SingleAsync());

        using var operatorClient = await factory.SignedInAsync("operator");
        var home = await operatorClient.GetStringAsync("/operator");
        Assert.Contains("data-testid=\"repair-link\"", home);
        var mine = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/credit/repair"));
        Assert.Contains("老王家常菜馆", mine);
        Assert.Contains("山里人家农家院", mine);
        Assert.Contains($"data-testid=\"earliest-removal\">{today.AddDays(-30).AddYears(1):yyyy年M月d日}", mine);
        Assert.DoesNotContain("鑫源超市", mine);
        Assert.DoesNotContain("超市的申请", mine);

        // Before a year: refused with the earliest day, nothing stored.
        var early = await FileAsync(operatorClient, recent, new() { ["Input.Reason"] = "已整改", ["Input.FinePaid"] = "true" }, ("Evidence", "凭证.pdf", Pdf));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains($"列入未满 1 年，不得申请提前移出（最早可于 {today.AddDays(-30).AddYears(1):yyyy-MM-dd} 申请）", WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync()));

        // Bad input: every field named, nothing stored.
        var empty = WebUtility.HtmlDecode(await (await FileAsync(operatorClient, old)).Content.ReadAsStringAsync());
        Assert.Contains("申请理由：请填写申请提前移出的理由", empty);
        Assert.Contains("信用修复：请至少选择一项已完成的修复措施", empty);
        Assert.Contains("证明材料：请上传至少一份信用修复证明材料", empty);
        var renamed = WebUtility.HtmlDecode(await (await FileAsync(operatorClient, old, new() { ["Input.Reason"] = "已整改", ["Input.Corrected"] = "true" },
            ("Evidence", "凭证.pdf", "MZ\u0090\0program"u8.ToArray()))).Content.ReadAsStringAsync());
        Assert.Contains("“凭证.pdf”的内容与扩展名不符", renamed);
        // Another business's listing: not found, whatever is sent.
        Assert.Equal(HttpStatusCode.NotFound, (await FileAsync(operatorClient, other, new() { ["Input.Reason"] = "x", ["Input.FinePaid"] = "true" }, ("Evidence", "a.pdf", Pdf))).StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.SeriousViolationRemovals.CountAsync()));
        Assert.Equal(1, await factory.QueryAsync(db => db.StoredFiles.CountAsync(f => f.OwnerKind == FileOwners.CreditRepair)));

        var filed = await FileAsync(operatorClient, old, new()
        {
            ["Input.Reason"] = "已缴清罚没款并完成整改", ["Input.FinePaid"] = "true", ["Input.PublicCommitment"] = "true", ["Input.RepairNote"] = "缴款书 No.778",
        }, ("Evidence", "缴款凭证.pdf", Pdf), ("Evidence", "整改照片.png", Png));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var request = await factory.QueryAsync(db => db.SeriousViolationRemovals.AsNoTracking().SingleAsync(r => r.SeriousViolationId == old));
        Assert.Equal((true, RemovalDecision.Pending, CreditRepair.FinePaid | CreditRepair.PublicCommitment, "operator"),
            (request.ByOperator, request.Decision, request.Repair, request.RequestedBy));
        var evidence = await factory.QueryAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwners.CreditRepair && f.OwnerId == request.Id)
            .OrderBy(f => f.FileName).ToListAsync());
        Assert.Equal(["整改照片.png", "缴款凭证.pdf"], evidence.Select(f => f.FileName));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(SeriousViolationRemoval))));
        var again = await FileAsync(operatorClient, old, new() { ["Input.Reason"] = "再次申请", ["Input.FinePaid"] = "true" }, ("Evidence", "a.pdf", Pdf));
        Assert.Contains("已有待审核的提前移出申请", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));

        // The operator opens its own evidence, never another business's; the staff pages stay closed to it.
        var pdf = evidence.Single(f => f.FileName == "缴款凭证.pdf");
        Assert.Equal(Pdf, await operatorClient.GetByteArrayAsync($"/credit/repair?handler=File&file={pdf.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/credit/repair?handler=File&file={otherFile}")).StatusCode);
        Denied(await operatorClient.GetAsync("/credit/serious"));
        Denied(await operatorClient.GetAsync($"/credit/serious/{other}"));
        Denied(await operatorClient.GetAsync($"/credit/serious/{other}?handler=File&file={otherFile}"));

        // The office sees what waits, filters to it, opens the evidence and refuses with a reason.
        var serious = WebUtility.HtmlDecode(await office.GetStringAsync("/credit/serious"));
        Assert.Contains("待审核的提前移出申请：2", serious);
        var pendingOnly = await office.GetStringAsync("/credit/serious?pending=true");
        Assert.Contains("山里人家农家院", pendingOnly);
        Assert.DoesNotContain("老王家常菜馆", pendingOnly);
        var detailUrl = $"/credit/serious/{old}";
        Assert.Contains("缴款凭证.pdf", await office.GetStringAsync(detailUrl));
        Assert.Equal(Png, await office.GetByteArrayAsync($"{detailUrl}?handler=File&file={evidence.Single(f => f.FileName == "整改照片.png").Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"{detailUrl}?handler=File&file={otherFile}")).StatusCode); // another listing's file
        var refused = await office.PostFormAsync(detailUrl, new() { ["removalId"] = request.Id.ToString(), ["approve"] = "false", ["note"] = "罚没款缴纳凭证不清晰，请补充" }, detailUrl + "?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var decided = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/credit/repair"));
        Assert.Contains("data-testid=\"removal-decision\">不予移出", decided);
        Assert.Contains("罚没款缴纳凭证不清晰，请补充", decided);

        // Filed again with more evidence, approved: the operator sees the listing removed early.
        Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(operatorClient, old, new() { ["Input.Reason"] = "补充缴款凭证", ["Input.FinePaid"] = "true" },
            ("Evidence", "缴款凭证（补充）.pdf", Pdf))).StatusCode);
        var second = await factory.QueryAsync(db => db.SeriousViolationRemovals.AsNoTracking().SingleAsync(r => r.SeriousViolationId == old && r.Decision == RemovalDecision.Pending));
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(detailUrl, new() { ["removalId"] = second.Id.ToString(), ["approve"] = "true" }, detailUrl + "?handler=Decide")).StatusCode);
        var removed = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/credit/repair"));
        Assert.Contains("data-testid=\"removal-decision\">准予移出", removed);
        Assert.Contains("data-testid=\"listing-status\">已提前移出", removed);
        Assert.Equal(today, (await factory.QueryAsync(db => db.SeriousViolations.AsNoTracking().SingleAsync(v => v.Id == old))).RemovedOn);
    }

    [Fact]
    public async Task An_operator_with_no_listing_sees_none_and_staff_cannot_file_as_an_operator()
    {
        await factory.EnsureSampleAsync();
        using var admin = await factory.SignedInAsync("office");
        Denied(await admin.GetAsync("/credit/repair"));
        await factory.QueryAsync(async db =>
        {
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.RemoveRange(db.OperatorBusinesses.Where(o => o.UserId == operatorId));
            return await db.SaveChangesAsync();
        });
        using var operatorClient = await factory.SignedInAsync("operator");
        var page = await operatorClient.GetStringAsync("/credit/repair");
        Assert.Contains("data-testid=\"no-listings\"", page);
        Assert.DoesNotContain("data-testid=\"own-listing\"", page);
    }
}
