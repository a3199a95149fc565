using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Performance;
using Shian.Registry;
using Shian.Schools;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// Pages over a register larger than SQLite's 32,766 parameters: 40,000 school canteens (catering businesses and school
/// canteens at once) in a township of the test's own. A page that reads the businesses and sends their ids back as a
/// parameter list fails with "too many SQL variables"; the pages keep such lists in the database instead.
/// </summary>
public sealed class LargeRegisterTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    /// <summary>Above SQLite's limit of 32,766 bound variables with room to spare.</summary>
    private const int Canteens = 40_000;

    private Task<Guid> AddCanteensAsync() => factory.QueryAsync(async db =>
    {
        var jurisdiction = await db.Townships.Select(t => t.JurisdictionId).FirstAsync();
        var township = new Township { Id = Guid.NewGuid(), JurisdictionId = jurisdiction, Code = "129999951", Name = "测试大名册镇", Kind = "镇" };
        db.Townships.Add(township);
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        var canteens = Enumerable.Range(0, Canteens).Select(i => new Business
        {
            Id = Guid.CreateVersion7(), Name = $"测试大名册第{i}小学食堂", CreditCode = $"DM{i:D16}", Address = "大名册路1号", TownshipId = township.Id,
            Category = BusinessCategory.Canteen, Subtype = i % 2 == 0 ? "school" : "kindergarten", Scale = BusinessScale.Small,
            CreatedAt = now,
        }).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.RunAsync(db, canteens);
            await transaction.CommitAsync();
        }
        return township.Id;
    });

    [Fact]
    public async Task Pages_over_the_whole_register_answer_with_40000_canteens()
    {
        var township = await AddCanteensAsync();
        using var office = await factory.SignedInAsync("office");

        string[] pages = ["/kitchen-video", "/kitchen-video?Status=None", "/kitchen-video?handler=Export", "/schools"];
        var failed = new List<string>();
        foreach (var page in pages)
        {
            var response = await office.GetAsync(page);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                // The development error page names the database's complaint (SQLite: "too many SQL variables").
                var error = Regex.Match(await response.Content.ReadAsStringAsync(), "SQLite Error \\d+: '[^']*'|[A-Za-z]+Exception: [^<\"]{0,120}");
                failed.Add($"{page}: {(int)response.StatusCode} {WebUtility.HtmlDecode(error.Value)}");
            }
        }
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        // The coverage page counts them all; none is on the video platform.
        var coverage = await office.GetStringAsync("/kitchen-video");
        Assert.Contains("测试大名册镇", coverage);

        // The indicators behind the plan's dashboards, over the district and over the township.
        var term = SchoolTerm.Of(ShianTime.LocalDate(DateTime.UtcNow));
        Assert.Equal(0m, await factory.QueryAsync(db => SchoolCoverage.IndicatorAsync(db, term, townshipId: township)));
        Assert.NotNull(await factory.QueryAsync(db => SchoolCoverage.IndicatorAsync(db, term)));
    }
}
