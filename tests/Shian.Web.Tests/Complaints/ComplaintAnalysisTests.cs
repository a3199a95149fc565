using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Features.Complaints;
using Shian.Web.Features.Registry;

namespace Shian.Web.Tests.Complaints;

/// <summary>/complaints/analysis counts what intake received; the register flags a business with repeated complaints.</summary>
public sealed partial class ComplaintAnalysisTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    /// <summary>A new registered business in the township demo account's township (文昌街道), and the township's name.</summary>
    private Task<(Guid Id, string Name, string Township)> NewBusinessAsync() => factory.QueryAsync(async db =>
    {
        var township = await db.Users.Where(u => u.UserName == "township").Select(u => u.TownshipId).SingleAsync();
        var business = new Business
        {
            Id = Guid.NewGuid(), Name = "多发投诉测试饭店" + Guid.NewGuid().ToString("N")[..6], CreditCode = ("TS" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18],
            Address = "测试路 1 号", TownshipId = township!.Value, Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small,
            CreatedAt = DateTime.UtcNow,
        };
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        return (business.Id, business.Name, await db.Townships.Where(t => t.Id == township).Select(t => t.Name).SingleAsync());
    });

    private async Task ReceiveAsync(Guid business, ComplaintKind kind, DateTime at)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var input = new Complaint.Input(kind, "（按登记）", null, "文昌街道", "后厨卫生差，发现老鼠", null, "钱女士", "13600000000", BusinessId: business);
        var (_, errors) = await ComplaintIntake.ReceiveAsync(db, input, ComplaintChannel.Online, new ComplaintSettings(), "test", at);
        Assert.Empty(errors);
    }

    /// <summary>The total in a table's row, 0 when the row is absent.</summary>
    private static int Total(string html, string table, string label)
    {
        var section = html.Split($"data-testid=\"{table}\"").Skip(1).FirstOrDefault()?.Split("</table>")[0] ?? "";
        var row = RowPattern().Matches(section).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups[1].Value) == label);
        return row is null ? 0 : int.Parse(row.Groups[2].Value);
    }

    [GeneratedRegex("<tr data-label=\"([^\"]*)\">.*?data-testid=\"total\">(\\d+)</td>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [Fact]
    public async Task The_analysis_counts_what_was_received_and_the_register_flags_repeated_complaints()
    {
        using var township = await factory.SignedInAsync("township");
        var (business, name, townshipName) = await NewBusinessAsync();
        var now = DateTime.UtcNow;
        var year = ShianTime.LocalDate(now).Year;
        var month = ShianTime.LocalDate(now).Month;
        var before = await township.GetStringAsync(RewardsRoutes.AnalysisOf(year));

        // Thirteen months ago does not count towards the flag; two in the window are not yet "repeated".
        await ReceiveAsync(business, ComplaintKind.Complaint, now.AddMonths(-13));
        await ReceiveAsync(business, ComplaintKind.Complaint, now);
        await ReceiveAsync(business, ComplaintKind.Report, now);
        var list = await township.GetStringAsync(RegistryRoutes.Businesses + "?q=" + Uri.EscapeDataString(name));
        Assert.Contains(name, list);
        Assert.DoesNotContain("data-testid=\"repeated-complaints\"", list);

        await ReceiveAsync(business, ComplaintKind.Report, now);
        list = await township.GetStringAsync(RegistryRoutes.Businesses + "?q=" + Uri.EscapeDataString(name));
        Assert.Contains("data-testid=\"repeated-complaints\"", list);
        Assert.Contains("data-testid=\"repeated-complaints\"", await township.GetStringAsync(RegistryRoutes.Business(business)));

        var after = await township.GetStringAsync(RewardsRoutes.AnalysisOf(year));
        Assert.Equal(3, Total(after, "by-business", name)); // this year's three, not last year's
        Assert.Equal(3, Total(after, "by-month", month.ToString()) - Total(before, "by-month", month.ToString()));
        Assert.Equal(3, Total(after, "by-handler", townshipName) - Total(before, "by-handler", townshipName));
        Assert.Equal(3, Total(after, "by-field", "食品生产经营") - Total(before, "by-field", "食品生产经营"));

        var export = await township.GetAsync(RewardsRoutes.AnalysisExport(year));
        Assert.True(export.StatusCode == HttpStatusCode.OK, export.Headers.Location?.OriginalString);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_analysis_counts_only_what_the_scope_may_see()
    {
        using var other = await factory.SignedInAsync("office"); // the district office sees every complaint
        var (business, name, _) = await NewBusinessAsync();
        await ReceiveAsync(business, ComplaintKind.Complaint, DateTime.UtcNow);
        Assert.Equal(1, Total(await other.GetStringAsync(RewardsRoutes.Analysis), "by-business", name));
        using var department = await factory.SignedInAsync("department"); // 区市场监管局: routed to a unit, not this township
        Assert.Equal(0, Total(await department.GetStringAsync(RewardsRoutes.Analysis), "by-business", name));
    }
}
