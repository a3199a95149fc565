using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using QRCoder;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Sampling;
using Shian.Tests.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>Reported samples put straight into the database, with a contact, phone, sampler and price the public must never see.</summary>
internal static class PublicationSample
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
    public const string Phone = "13987654321";
    public const string Contact = "联系人钱某某";
    public const string Sampler = "抽样员孙某某";

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A reported sample (or a submitted one when <paramref name="conclusion"/> is null) of the given business.</summary>
    public static Task<Sample> AddSampleAsync(this ShianWebFactory factory, string business, string name, SamplingKind kind, SampleConclusion? conclusion, string category, string number,
        DateOnly reportedOn, string? token = null) => factory.QueryAsync(async db =>
    {
        if (!await db.Businesses.AnyAsync())
        {
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
        }
        var b = await db.Businesses.FirstAsync(x => x.Name.Contains(business));
        var lab = await db.Units.Where(u => u.Name == "区食品检验检测中心（演示）").Select(u => u.Id).SingleAsync();
        var unit = await db.Units.Where(u => u.Kind == UnitKind.Department).Select(u => u.Id).FirstAsync();
        var draft = new Sample
        {
            Id = Guid.CreateVersion7(), Number = number, TaskSource = "区级监督抽检", Kind = kind, Environment = SamplingEnvironment.Distribution,
            BusinessId = b.Id, TownshipId = b.TownshipId, BusinessName = b.Name, BusinessAddress = b.Address, ContactName = Contact, ContactPhone = Phone,
            FoodCategoryCode = category, SampleName = name, Brand = "金牌", Specification = "500g/袋", BatchNumber = "B20260101", ShelfLife = "12个月",
            Price = 88.77m, QuantityTaken = 4, BackupQuantity = 2, QuantityUnit = "袋", ProducerName = "某某食品有限公司", ProducerAddress = "天津市某区",
            SampledOn = reportedOn.AddDays(-25), SamplingUnitId = unit, LaboratoryId = lab, Sampler1 = Sampler, Sampler2 = "抽样员李某",
            OperatorConfirmed = true, SignerName = "签字人", CreatedAt = DateTime.UtcNow, CreatedBy = "inspector",
        };
        var builder = new SampleBuilder(draft).Submitted();
        if (conclusion is { } c)
        {
            List<SampleTestItem> items = [new() { Name = "铅（以Pb计）", Value = "0.05", Unit = "mg/kg", Limit = "≤0.2", Judgement = ItemJudgement.Pass }];
            if (c == SampleConclusion.Failed)
            {
                items.Add(new() { Name = "苏丹红Ⅰ", Value = "0.83", Unit = "mg/kg", Limit = "不得检出", Judgement = ItemJudgement.Fail });
            }
            builder.Reported(reportedOn, items);
        }
        var s = builder.Sample;
        s.PublicToken = token; // submit gives one; null stands for a form submitted before tokens existed
        SampleBuilder.AddTo(db, s);
        await db.SaveChangesAsync();
        return s;
    });

    public static Dictionary<string, string> DraftForm(SamplingKind kind, DateOnly from, DateOnly to, string title = "2026年第一季度监督抽检信息公告") => new()
    {
        ["Input.Title"] = title, ["Input.Kind"] = kind.ToString(), ["Input.PeriodFrom"] = Iso(from), ["Input.PeriodTo"] = Iso(to),
    };

}

/// <summary>
/// Publication of sampling results: nothing is public before another office user approves the announcement; the public
/// search filters and shows only the public columns; a withdrawn announcement disappears; an unpublished failed sample is
/// never reachable.
/// </summary>
public sealed class PublicationWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{

    private Task<Sample> AddSampleAsync(string business, string name, SamplingKind kind, SampleConclusion? conclusion, string category, string number,
        DateOnly reportedOn) => factory.AddSampleAsync(business, name, kind, conclusion, category, number, reportedOn);

    [Fact]
    public async Task An_announcement_is_public_only_after_another_office_user_approves_it_shows_only_public_fields_and_disappears_when_withdrawn()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var flour = await AddSampleAsync("鑫源超市", "特一粉小麦粉", SamplingKind.Supervision, SampleConclusion.Passed, "01", "JZ-2026-100001", today.AddDays(-10));
        var chili = await AddSampleAsync("老王家常菜馆", "辣椒粉调味料", SamplingKind.Supervision, SampleConclusion.Failed, "03", "JZ-2026-100002", today.AddDays(-5));
        var monitoring = await AddSampleAsync("鑫源超市", "隐秘不合格腐乳", SamplingKind.RiskMonitoring, SampleConclusion.Failed, "03", "JZ-2026-100003", today.AddDays(-5));
        var pending = await AddSampleAsync("鑫源超市", "送检中的酱油", SamplingKind.Supervision, null, "03", "JZ-2026-100004", today.AddDays(-5));
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var office = await factory.SignedInAsync("office");
        using var admin = await factory.SignedInAsync("admin");
        using var department = await factory.SignedInAsync("department");
        const string newPage = "/sampling/announcements/new";

        // Bad input: the field named in Chinese, nothing stored.
        var bad = await (await office.PostFormAsync(newPage, PublicationSample.DraftForm(SamplingKind.Supervision, today, today.AddDays(-30), ""))).Content.ReadAsStringAsync();
        Assert.Contains("公告标题：请填写标题", bad);
        Assert.Contains("起始日期：不能晚于截止日期", bad);
        var empty = await (await office.PostFormAsync(newPage, PublicationSample.DraftForm(SamplingKind.Evaluation, today.AddDays(-30), today))).Content.ReadAsStringAsync();
        Assert.Contains("该期间没有尚未公告的已出具报告样品", empty);
        Assert.Equal(0, await factory.QueryAsync(db => db.SamplingAnnouncements.CountAsync()));

        // The office drafts: the reported supervision samples of the period, failed and passed, not the monitoring one or the unreported one.
        var drafted = await office.PostFormAsync(newPage, PublicationSample.DraftForm(SamplingKind.Supervision, today.AddDays(-30), today));
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var page = drafted.Headers.Location!.OriginalString;
        var entries = await factory.QueryAsync(db => db.SamplingAnnouncementEntries.OrderBy(e => e.Order).Select(e => e.SampleId).ToListAsync());
        Assert.Equal([chili.Id, flour.Id], entries);

        // A draft is not public: neither in the search nor by the sample's address.
        Assert.DoesNotContain("辣椒粉调味料", await anonymous.GetStringAsync("/public/sampling"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/sampling/results/{chili.Id}")).StatusCode);

        // The drafter cannot approve their own draft, nor can a department; the office user who did not draft it can.
        Assert.DoesNotContain("data-testid=\"approve\"", await office.GetStringAsync(page));
        Assert.Contains("起草人不能审核自己起草的公告", await (await office.PostFormAsync(page, [], page + "?handler=Approve")).Content.ReadAsStringAsync());
        var byDepartment = await department.GetAsync(page);
        Assert.Equal(HttpStatusCode.NotFound, byDepartment.StatusCode); // not theirs to open
        Assert.Equal(AnnouncementStatus.Draft, await factory.QueryAsync(db => db.SamplingAnnouncements.Select(a => a.Status).SingleAsync()));
        Assert.Contains("data-testid=\"approve\"", await admin.GetStringAsync(page));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page, [], page + "?handler=Approve")).StatusCode);
        var published = await factory.QueryAsync(db => db.SamplingAnnouncements.AsNoTracking().SingleAsync());
        Assert.Equal((AnnouncementStatus.Published, $"{today.Year}年第1期", today, "admin"), (published.Status, published.Number, published.PublishedOn!.Value, published.ApprovedBy));
        Assert.Contains("公告已发布或已撤回，不能再审核", await (await admin.PostFormAsync(page, [], page + "?handler=Approve")).Content.ReadAsStringAsync());

        var list = await office.GetStringAsync("/sampling/announcements");
        Assert.Contains(published.Number!, list);
        Assert.Contains("不合格 1 批次", list);
        Assert.Contains("已发布", list);
        Assert.Contains("data-testid=\"none\"", await department.GetStringAsync("/sampling/announcements")); // the office's, not the department's

        // The public search: both published results, filters by result, product, business, category and year.
        var all = await anonymous.GetStringAsync("/public/sampling");
        Assert.Contains("特一粉小麦粉", all);
        Assert.Contains("辣椒粉调味料", all);
        Assert.Contains("苏丹红Ⅰ", all);
        Assert.Contains(published.Number!, all);
        Assert.Contains("区食品检验检测中心（演示）", await anonymous.GetStringAsync($"/public/sampling/results/{chili.Id}"));
        var failedOnly = await anonymous.GetStringAsync("/public/sampling?result=Failed");
        Assert.Contains("辣椒粉调味料", failedOnly);
        Assert.DoesNotContain("特一粉小麦粉", failedOnly);
        var byProduct = await anonymous.GetStringAsync("/public/sampling?product=" + Uri.EscapeDataString("小麦"));
        Assert.Contains("特一粉小麦粉", byProduct);
        Assert.DoesNotContain("辣椒粉调味料", byProduct);
        var byBusiness = await anonymous.GetStringAsync("/public/sampling?business=" + Uri.EscapeDataString("老王"));
        Assert.Contains("辣椒粉调味料", byBusiness);
        Assert.DoesNotContain("特一粉小麦粉", byBusiness);
        var byCategory = await anonymous.GetStringAsync("/public/sampling?category=01");
        Assert.Contains("特一粉小麦粉", byCategory);
        Assert.DoesNotContain("辣椒粉调味料", byCategory);
        Assert.Contains("辣椒粉调味料", await anonymous.GetStringAsync($"/public/sampling?year={today.Year}&producer=" + Uri.EscapeDataString("某某食品")));
        Assert.DoesNotContain("辣椒粉调味料", await anonymous.GetStringAsync($"/public/sampling?year={today.Year - 1}"));

        // Only public fields: no contact, phone, sampler or price anywhere public; the unpublished failed sample is unreachable.
        foreach (var html in new[] { all, await anonymous.GetStringAsync($"/public/sampling/results/{chili.Id}") })
        {
            foreach (var secret in new[] { PublicationSample.Phone, PublicationSample.Contact, PublicationSample.Sampler, "88.77", "隐秘不合格腐乳", "送检中的酱油" })
            {
                Assert.DoesNotContain(secret, html);
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/sampling/results/{monitoring.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/sampling/results/{pending.Id}")).StatusCode);

        // The workbook of the announcement: the public columns only.
        var export = await office.GetAsync(page + "?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        using (var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains(rows, r => r.Values.Contains("辣椒粉调味料") && r.Values.Any(v => v is string t && t.Contains("苏丹红Ⅰ")));
            Assert.DoesNotContain(rows.SelectMany(r => r.Values), v => v is string t && (t.Contains(PublicationSample.Phone) || t.Contains(PublicationSample.Sampler) || t.Contains(PublicationSample.Contact)));
        }

        // Withdrawal needs a reason; then the results leave the public pages, and the samples may be announced again.
        Assert.Contains("撤回原因：请填写撤回原因", await (await office.PostFormAsync(page, new() { ["Reason"] = " " }, page + "?handler=Withdraw")).Content.ReadAsStringAsync());
        Assert.Contains("辣椒粉调味料", await anonymous.GetStringAsync("/public/sampling"));
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page, new() { ["Reason"] = "检验报告更正" }, page + "?handler=Withdraw")).StatusCode);
        var gone = await anonymous.GetStringAsync("/public/sampling");
        Assert.DoesNotContain("辣椒粉调味料", gone);
        Assert.DoesNotContain(published.Number!, gone);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/sampling/results/{chili.Id}")).StatusCode);
        Assert.Contains("检验报告更正", await office.GetStringAsync(page));
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(newPage, PublicationSample.DraftForm(SamplingKind.Supervision, today.AddDays(-30), today, "更正后重新公告"))).StatusCode);
        Assert.Equal(2, await factory.QueryAsync(db => db.SamplingAnnouncements.CountAsync()));
    }

}

/// <summary>The printed form's QR code opens a public check of the form; its result shows only once published.</summary>
public sealed class SampleCheckWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{

    private Task<Sample> AddSampleAsync(string business, string name, SamplingKind kind, SampleConclusion? conclusion, string category, string number,
        DateOnly reportedOn) => factory.AddSampleAsync(business, name, kind, conclusion, category, number, reportedOn);

    /// <summary>The <c>shian</c> command on this test's database: what it printed, once it succeeded.</summary>
    private string Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, Shian.Cli.ShianCli.Run([.. args, "--db", factory.Database.CliArgument], stdout, stderr));
        return stdout.ToString();
    }

    [Fact]
    public async Task The_printed_forms_QR_code_opens_a_public_check_that_shows_the_result_only_once_published()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        // A form submitted before tokens existed: printing only reads, so it prints without the code; the backfill verb
        // gives it one, once.
        var sample = await AddSampleAsync("鑫源超市", "核验用挂面", SamplingKind.Evaluation, SampleConclusion.Failed, "01", "JZ-2026-200001", today.AddDays(-3));
        using var office = await factory.SignedInAsync("office");
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var print = $"/sampling/samples/{sample.Id}/print";
        var untokened = await office.GetStringAsync(print);
        Assert.Contains("data-testid=\"no-qr\"", untokened);
        Assert.DoesNotContain("data-testid=\"qr\"", untokened);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync(print + "?handler=Qr")).StatusCode);
        Assert.Null(await factory.QueryAsync(db => db.Samples.Where(s => s.Id == sample.Id).Select(s => s.PublicToken).SingleAsync()));
        Assert.Contains("已为 1 份抽样单生成核验码", Cli("sampling", "public-tokens"));
        Assert.Contains("已为 0 份抽样单生成核验码", Cli("sampling", "public-tokens"));
        Assert.Contains("data-testid=\"qr\"", await office.GetStringAsync(print));
        var token = await factory.QueryAsync(db => db.Samples.Where(s => s.Id == sample.Id).Select(s => s.PublicToken).SingleAsync());
        Assert.NotNull(token);
        Assert.Equal(Sample.PublicTokenLength, token.Length);
        using var expected = QRCodeGenerator.GenerateQrCode($"http://localhost/public/sampling/forms/{token}", QRCodeGenerator.ECCLevel.M);
        Assert.Equal(new PngByteQRCode(expected).GetGraphic(8), await office.GetByteArrayAsync(print + "?handler=Qr"));
        Assert.Contains("data-testid=\"qr\"", await office.GetStringAsync(print));
        Assert.Equal(token, await factory.QueryAsync(db => db.Samples.Where(s => s.Id == sample.Id).Select(s => s.PublicToken).SingleAsync())); // kept

        // Genuine, with the form's particulars, but no result before publication.
        var check = await anonymous.GetStringAsync($"/public/sampling/forms/{token}");
        Assert.Contains("JZ-2026-200001", check);
        Assert.Contains("核验用挂面", check);
        Assert.Contains("区食品检验检测中心（演示）", check);
        Assert.Contains("检验中/结果未公布", check);
        Assert.DoesNotContain("data-testid=\"result\"", check);
        Assert.DoesNotContain("不合格", check);
        Assert.DoesNotContain(PublicationSample.Phone, check);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/sampling/forms/{Sample.NewPublicToken()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/public/sampling/forms/x")).StatusCode);

        // Published: the result shows.
        var drafted = await office.PostFormAsync("/sampling/announcements/new", PublicationSample.DraftForm(SamplingKind.Evaluation, today.AddDays(-10), today, "评价性抽检公告"));
        var page = drafted.Headers.Location!.OriginalString;
        using var admin = await factory.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page, [], page + "?handler=Approve")).StatusCode);
        var after = await anonymous.GetStringAsync($"/public/sampling/forms/{token}");
        Assert.Contains("data-testid=\"result\"", after);
        Assert.Contains("不合格", after);
        Assert.DoesNotContain("检验中/结果未公布", after);
    }
}
