using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Web.Tests.Registry;

/// <summary>Suspending, reinstating, revoking and cancelling a licence from its business's page; seen on the public check page.</summary>
public sealed class LicenceStatusWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{

    /// <summary>The sample restaurant (渔阳镇), linked to the demo operator, with a valid licence expiring in 40 days.</summary>
    private async Task<(Guid Business, Licence Licence)> LicenceAsync(string number)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (!await db.Businesses.AnyAsync(b => b.CreditCode == "921201193BJ1XG612E"))
        {
            var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
            Assert.Empty((await BusinessImport.ImportAsync(db, sample, "s.csv", false, TimeProvider.System)).Errors);
        }
        var business = await db.Businesses.Where(b => b.CreditCode == "921201193BJ1XG612E").Select(b => b.Id).SingleAsync();
        var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
        if (!await db.OperatorBusinesses.AnyAsync(o => o.UserId == operatorId && o.BusinessId == business))
        {
            db.OperatorBusinesses.Add(new Shian.Accounts.OperatorBusiness { UserId = operatorId, BusinessId = business });
        }
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var licence = new Licence
        {
            BusinessId = business, Kind = AuthorisationKind.BusinessLicence, Number = number, Scope = "热食类食品制售", IssuedOn = today.AddYears(-5).AddDays(40),
            ExpiresOn = today.AddDays(40), Authority = "天津市蓟州区市场监督管理局", PublicCode = Licence.NewPublicCode(), CreatedAt = DateTime.UtcNow,
        };
        db.Licences.Add(licence);
        await db.SaveChangesAsync();
        return (business, licence);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, Guid business, Guid licence, string to, string reason, DateOnly on) =>
        client.PostFormAsync($"/businesses/{business}", new() { ["to"] = to, ["reason"] = reason, ["effectiveOn"] = on.ToString("yyyy-MM-dd") },
            $"/businesses/{business}?handler=Status&licenceId={licence}");

    /// <summary>The status form of one licence (its action names the handler and the licence).</summary>
    private static System.Text.RegularExpressions.Regex StatusForm(Guid licence) =>
        new($"action=\"[^\"]*(handler=Status[^\"]*licenceId={licence}|licenceId={licence}[^\"]*handler=Status)");

    private Task<Licence> StoredAsync(Guid id) => factory.QueryAsync(db => db.Licences.AsNoTracking().SingleAsync(l => l.Id == id));

    [Fact]
    public async Task An_editor_suspends_reinstates_and_revokes_a_licence_and_the_public_page_follows()
    {
        var (business, licence) = await LicenceAsync("JY21201190054321");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var department = await factory.SignedInAsync("department");
        Assert.Contains("真实有效", await anonymous.GetStringAsync($"/l/{licence.PublicCode}"));
        Assert.Contains("JY21201190054321", await department.GetStringAsync("/licences?within=90"));
        Assert.Matches(StatusForm(licence.Id), await department.GetStringAsync($"/businesses/{business}"));

        // A reason is required: refused, nothing changes.
        var noReason = await ChangeAsync(department, business, licence.Id, "Suspended", "  ", today);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("JY21201190054321：请填写原因", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(LicenceStatus.Valid, (await StoredAsync(licence.Id)).Status);

        var suspended = await ChangeAsync(department, business, licence.Id, "Suspended", "责令停业整改：后厨卫生不合格", today.AddDays(-1));
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        var stored = await StoredAsync(licence.Id);
        Assert.Equal((LicenceStatus.Suspended, "责令停业整改：后厨卫生不合格", today.AddDays(-1)), (stored.Status, stored.StatusReason, stored.StatusChangedOn));
        var check = await anonymous.GetStringAsync($"/l/{licence.PublicCode}");
        Assert.Contains("✗ 当前无效：已暂停", check);
        Assert.Contains("<dd data-testid=\"licence-status\">暂停</dd>", check);
        Assert.DoesNotContain("真实有效", check);
        Assert.DoesNotContain("后厨卫生", check); // the reason stays with the staff
        Assert.Contains("责令停业整改：后厨卫生不合格", await department.GetStringAsync($"/businesses/{business}"));
        Assert.DoesNotContain("JY21201190054321", await department.GetStringAsync("/licences?within=90")); // no expiry alert while suspended

        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(department, business, licence.Id, "Valid", "整改到位，复查合格", today)).StatusCode);
        Assert.Contains("真实有效", await anonymous.GetStringAsync($"/l/{licence.PublicCode}"));
        Assert.Contains("JY21201190054321", await department.GetStringAsync("/licences?within=90"));

        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(department, business, licence.Id, "Revoked", "以欺骗手段取得许可", today)).StatusCode);
        check = await anonymous.GetStringAsync($"/l/{licence.PublicCode}");
        Assert.Contains("✗ 已失效：已撤销", check);
        Assert.Contains("<dd data-testid=\"licence-status\">撤销</dd>", check);

        // Every change went through the audit trail, old and new status.
        var trail = await factory.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == nameof(Licence) && a.EntityId == licence.Id.ToString())
            .OrderBy(a => a.Sequence).Select(a => a.NewValues ?? "").ToListAsync());
        Assert.Equal(4, trail.Count); // recorded, suspended, reinstated, revoked
        Assert.Contains("\"Status\":\"Suspended\"", trail[1]);
        Assert.Contains("\"Status\":\"Revoked\"", trail[3]);
    }

    [Fact]
    public async Task A_revoked_licence_is_not_reinstated_and_says_why()
    {
        var (business, licence) = await LicenceAsync("JY21201190054322");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        using var office = await factory.SignedInAsync("office");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(office, business, licence.Id, "Revoked", "吊销许可证的行政处罚决定", today)).StatusCode);
        var page = await office.GetStringAsync($"/businesses/{business}");
        Assert.DoesNotMatch(StatusForm(licence.Id), page); // final: no action offered

        var refused = await ChangeAsync(office, business, licence.Id, "Valid", "申请恢复", today);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("JY21201190054322：该许可证已撤销，撤销后不能恢复或再变更状态", await refused.Content.ReadAsStringAsync());
        var stored = await StoredAsync(licence.Id);
        Assert.Equal((LicenceStatus.Revoked, "吊销许可证的行政处罚决定"), (stored.Status, stored.StatusReason));
        Assert.Contains("已失效：已撤销", await factory.CreateClient().GetStringAsync($"/l/{licence.PublicCode}"));
    }

    [Fact]
    public async Task Those_who_may_not_edit_licences_are_refused_and_nothing_changes()
    {
        var (business, licence) = await LicenceAsync("JY21201190054323");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        // The operator of the business sees its page, but no status action, and is refused.
        using var operatorClient = await factory.SignedInAsync("operator");
        Assert.DoesNotContain("change-status", await operatorClient.GetStringAsync($"/businesses/{business}"));
        var denied = await ChangeAsync(operatorClient, business, licence.Id, "Cancelled", "经营者自行申请", today);
        Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync(denied.Headers.Location!)).StatusCode);
        // A laboratory user does not open the register (docs/access.md): not even the page the licence actions are on.
        using var laboratory = await factory.SignedInAsync("lab");
        Assert.Contains("/account/access-denied", (await laboratory.GetAsync($"/businesses/{business}")).Headers.Location?.OriginalString);

        var stored = await StoredAsync(licence.Id);
        Assert.Equal((LicenceStatus.Valid, "", null), (stored.Status, stored.StatusReason, stored.StatusChangedOn));
        Assert.Contains("真实有效", await factory.CreateClient().GetStringAsync($"/l/{licence.PublicCode}"));
    }
}
