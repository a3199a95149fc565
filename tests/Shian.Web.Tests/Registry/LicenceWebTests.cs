using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Tests.Builders;

namespace Shian.Web.Tests.Registry;

/// <summary>Licences: recorded with checks and warnings, alerted before expiry, checked by anyone through their QR code.</summary>
public sealed class LicenceWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<Guid> RestaurantAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (await db.Businesses.Where(b => b.CreditCode == "921201193BJ1XG612E").Select(b => (Guid?)b.Id).FirstOrDefaultAsync() is { } id)
        {
            return id;
        }
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
        Assert.Empty((await BusinessImport.ImportAsync(db, sample, "s.csv", false, TimeProvider.System)).Errors);
        return await db.Businesses.Where(b => b.CreditCode == "921201193BJ1XG612E").Select(b => b.Id).SingleAsync();
    }

    [Fact]
    public async Task A_licence_is_recorded_checked_publicly_by_its_qr_code_and_alerted_before_expiry()
    {
        var restaurant = await RestaurantAsync();
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        using var department = await factory.SignedInAsync("department");
        var form = $"/businesses/{restaurant}/licences/new";
        var fields = new Dictionary<string, string>
        {
            ["Kind"] = "BusinessLicence", ["Number"] = "jy11201190012345", ["Scope"] = "热食类食品制售", ["IssuedOn"] = today.AddYears(-5).AddDays(45).ToString("yyyy-MM-dd"),
            ["ExpiresOn"] = today.AddDays(45).ToString("yyyy-MM-dd"), ["Authority"] = "天津市蓟州区市场监督管理局",
        };
        // Type digit 1 (sales) for a restaurant: a warning to acknowledge, not a refusal.
        var warned = await (await department.PostFormAsync(form, new(fields))).Content.ReadAsStringAsync();
        Assert.Contains("许可证类型与主体类别不符", warned);
        Assert.Equal(0, await CountAsync());
        var bad = await (await department.PostFormAsync(form, new(fields) { ["ExpiresOn"] = fields["IssuedOn"] })).Content.ReadAsStringAsync();
        Assert.Contains("有效期至应晚于发证日期", bad);
        var saved = await department.PostFormAsync(form, new(fields) { ["WarningsSeen"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await CountAsync());
        var duplicate = await (await department.PostFormAsync(form, new(fields) { ["WarningsSeen"] = "true" })).Content.ReadAsStringAsync();
        Assert.Contains("编号 JY11201190012345 已经登记", duplicate);

        var page = await department.GetStringAsync($"/businesses/{restaurant}");
        Assert.Contains("90 天内到期", page);
        var code = Regex.Match(page, "href=\"/l/([a-z0-9]+)\"").Groups[1].Value;

        // Anyone, signed in or not, checks it from the QR code.
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var check = await anonymous.GetStringAsync($"/l/{code}");
        Assert.Contains("真实有效", check);
        Assert.Contains("蓟州区渔阳镇老王家常菜馆", check);
        Assert.Contains("JY11201190012345", check);
        Assert.DoesNotContain("022-29141234", check); // the operator's phone is not published
        var svg = await anonymous.GetAsync($"/l/{code}/qr.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        var png = await anonymous.GetByteArrayAsync($"/l/{code}/qr.png");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/l/notacode99")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/l/notacode99/qr.svg")).StatusCode);

        // The expiry list: within 90 days yes, within 30 days not yet.
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("JY11201190012345", await office.GetStringAsync("/licences?within=90"));
        Assert.DoesNotContain("JY11201190012345", await office.GetStringAsync("/licences?within=30"));
        var alert = System.Text.RegularExpressions.Regex.Match(await office.GetStringAsync("/workbench"), "data-testid=\"expiring-licences\".*?</section>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("<span class=\"tag bad\">0</span>", alert);
        Assert.Contains("<span class=\"tag warn\">1</span>", alert);
        // The township officer of 文昌街道 does not see a licence of 渔阳镇.
        using var township = await factory.SignedInAsync("township");
        Assert.DoesNotContain("JY11201190012345", await township.GetStringAsync("/licences?within=90"));

        // A revoked licence reads as no longer valid on the public page.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var licence = await db.Licences.SingleAsync(l => l.PublicCode == code);
            licence.Revoked(ShianTime.LocalDate(DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        Assert.Contains("已失效", await anonymous.GetStringAsync($"/l/{code}"));
    }

    [Fact]
    public async Task A_licence_issued_on_commitment_waits_for_its_site_check_and_a_broken_commitment_revokes_it()
    {
        var restaurant = await RestaurantAsync();
        using var department = await factory.SignedInAsync("department");
        var saved = await department.PostFormAsync($"/businesses/{restaurant}/licences/new", new()
        {
            ["Kind"] = "BusinessLicence", ["Number"] = "JY21201190099999", ["IssuedOn"] = "2020-09-28", ["ExpiresOn"] = "2025-09-27", ["ByCommitment"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await department.GetStringAsync($"/businesses/{restaurant}");
        // 20 working days after 2020-09-28, across the National Day holiday (and its make-up working day).
        Assert.Contains("待现场核查，截止 2020年11月2日", page);
        Guid licence;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            licence = await scope.ServiceProvider.GetRequiredService<ShianDb>().Licences.Where(l => l.Number == "JY21201190099999").Select(l => l.Id).SingleAsync();
        }
        using var township = await factory.SignedInAsync("township");
        var refused = await township.PostFormAsync("/businesses", new() { ["conforms"] = "false" }, $"/businesses/{restaurant}?handler=Verify&licenceId={licence}");
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString); // township officers do not verify licences

        var verified = await department.PostFormAsync($"/businesses/{restaurant}", new() { ["conforms"] = "false" }, $"/businesses/{restaurant}?handler=Verify&licenceId={licence}");
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ShianDb>().Licences.SingleAsync(l => l.Id == licence);
            Assert.Equal(LicenceStatus.Revoked, stored.Status);
            Assert.NotNull(stored.CommitmentVerifiedOn);
        }
        Assert.Contains("已于", await department.GetStringAsync($"/businesses/{restaurant}"));
    }

    private async Task<int> CountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShianDb>().Licences.CountAsync();
    }
}
