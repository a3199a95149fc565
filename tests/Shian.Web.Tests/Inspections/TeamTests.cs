using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Web.Tests.Inspections;

/// <summary>
/// Inspection teams: set up by the office or a township's own staff, at least two of the township's staff, and the
/// schedule giving each township's visits to its teams. Each test works in townships of its own.
/// </summary>
public sealed class TeamTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<T> WithDbAsync<T>(Func<ShianDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShianDb>(), scope.ServiceProvider);
    }

    private Task<Guid> TownshipAsync(string name) => WithDbAsync((db, _) => db.Townships.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    /// <summary>Inspectors of a township (user names prefixed to stay unique across tests).</summary>
    private Task<List<Guid>> InspectorsAsync(string township, string prefix, int count) => WithDbAsync(async (db, services) =>
    {
        var users = services.GetRequiredService<UserManager<ShianUser>>();
        var townshipId = await db.Townships.Where(t => t.Name == township).Select(t => t.Id).SingleAsync();
        var ids = new List<Guid>();
        for (var i = 1; i <= count; i++)
        {
            var user = new ShianUser { UserName = $"{prefix}{i}", DisplayName = $"{township}检查员{prefix}{i}", TownshipId = townshipId, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Test@2020pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Inspector)).Succeeded);
            ids.Add(user.Id);
        }
        return ids;
    });

    /// <summary>Catering businesses in a township, graded so that the schedule plans them.</summary>
    private Task<List<(Guid Id, string Name)>> BusinessesAsync(string township, string prefix, int count) => WithDbAsync(async (db, _) =>
    {
        var townshipId = await db.Townships.Where(t => t.Name == township).Select(t => t.Id).SingleAsync();
        var made = Enumerable.Range(1, count).Select(i => new Business
        {
            Name = $"{township}{prefix}饭店{i:D2}", CreditCode = $"T{prefix}{i:D4}".PadRight(18, '0'), Address = $"{township}{i}号", TownshipId = townshipId,
            Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Businesses.AddRange(made);
        await db.SaveChangesAsync();
        foreach (var business in made)
        {
            await RiskRegrade.RunAsync(db, "test", DateTime.UtcNow, business.Id);
        }
        return made.Select(b => (b.Id, b.Name)).ToList();
    });

    private static IEnumerable<(string, string)> TeamForm(string name, params Guid[] members) =>
        [("Name", name), ("Active", "true"), ("Active", "false"), .. members.Select(m => ("Members", m.ToString()))];

    [Fact]
    public async Task The_office_sets_up_a_team_and_the_regenerated_schedule_gives_it_the_townships_visits()
    {
        var yuyang = await TownshipAsync("渔阳镇");
        var businesses = await BusinessesAsync("渔阳镇", "yy", 3);
        var inspectors = await InspectorsAsync("渔阳镇", "yyinsp", 3);
        await BusinessesAsync("下营镇", "xy", 1); // a township with no team

        using var office = await factory.SignedInAsync("office");
        var form = await office.GetStringAsync($"/inspections/teams/new?township={yuyang}");
        Assert.Contains("渔阳镇检查员yyinsp1", form);
        Assert.Contains("渔阳镇检查员yyinsp2", form);
        var saved = await office.PostFieldsAsync($"/inspections/teams/new?township={yuyang}", [("Township", yuyang.ToString()), .. TeamForm("渔阳第一检查组", inspectors[0], inspectors[1])]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var team = await WithDbAsync((db, _) => db.InspectionTeams.Include(t => t.Members).SingleAsync(t => t.Name == "渔阳第一检查组"));
        Assert.Equal(yuyang, team.TownshipId);
        Assert.True(team.Active);
        Assert.Equal(new[] { inspectors[0], inspectors[1] }.Order(), team.Members.Select(m => m.UserId).Order());
        // Changing the members replaces them.
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFieldsAsync($"/inspections/teams/{team.Id}/edit", TeamForm("渔阳第一检查组", inspectors[1], inspectors[2]))).StatusCode);
        Assert.Equal(new[] { inspectors[1], inspectors[2] }.Order(),
            (await WithDbAsync((db, _) => db.InspectionTeamMembers.Where(m => m.TeamId == team.Id).Select(m => m.UserId).ToListAsync())).Order());
        Assert.Contains("渔阳第一检查组", await office.GetStringAsync("/inspections/teams"));

        await office.PostFormAsync("/inspections/schedule?year=2021", new() { ["Year"] = "2021" });
        var visits = await WithDbAsync((db, _) => db.PlannedInspections.Where(p => p.Year == 2021).ToListAsync());
        var ours = visits.Where(p => p.TownshipId == yuyang).ToList();
        Assert.Equal(businesses.Select(b => b.Id).Order(), ours.Select(p => p.BusinessId).Distinct().Order());
        Assert.All(ours, p => Assert.Equal(team.Id, p.TeamId));
        Assert.Contains(visits, p => p.TownshipId != yuyang && p.TeamId == null);

        var page = await office.GetStringAsync("/inspections/schedule?year=2021");
        var row = Regex.Match(page, "<tr data-team=\"渔阳第一检查组\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("渔阳镇", row);
        Assert.Contains($">{ours.Count}<", row);
        // The township without a team is named, with its visits counted as having none.
        var unassigned = Regex.Match(page, "<p class=\"notice bad\" role=\"status\" data-testid=\"unassigned\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("下营镇", unassigned);
        Assert.DoesNotContain("渔阳镇", unassigned);
    }

    [Fact]
    public async Task A_team_of_one_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var bieshan = await TownshipAsync("别山镇");
        var inspectors = await InspectorsAsync("别山镇", "bsinsp", 2);
        using var office = await factory.SignedInAsync("office");

        var refused = await office.PostFieldsAsync($"/inspections/teams/new?township={bieshan}", [("Township", bieshan.ToString()), .. TeamForm("别山一组", inspectors[0])]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("检查人员至少两名（现选 1 名）", html);
        // Next to the inspectors' field, not only in the summary.
        Assert.Matches(new Regex("data-testid=\"members\".*field-validation-error\">检查人员至少两名（现选 1 名）</span>\\s*</fieldset>", RegexOptions.Singleline), html);

        // No name and someone of another township: both refused, each by its field.
        var stranger = (await InspectorsAsync("官庄镇", "gzinsp", 1))[0];
        var both = await (await office.PostFieldsAsync($"/inspections/teams/new?township={bieshan}", [("Township", bieshan.ToString()), .. TeamForm(" ", inspectors[0], stranger)])).Content.ReadAsStringAsync();
        Assert.Contains("检查组名称必填", both);
        Assert.Contains("“官庄镇检查员gzinsp1”不属于本乡镇街道", both);

        Assert.False(await WithDbAsync((db, _) => db.InspectionTeams.AnyAsync(t => t.TownshipId == bieshan)));
        Assert.Equal(0, await WithDbAsync((db, _) => db.InspectionTeamMembers.CountAsync(m => inspectors.Contains(m.UserId) || m.UserId == stranger)));
    }

    [Fact]
    public async Task A_township_user_manages_their_own_townships_teams_and_no_others()
    {
        // The demo township officer (赵干事) belongs to 文昌街道.
        var wenchang = await TownshipAsync("文昌街道");
        var elsewhere = await TownshipAsync("穿芳峪镇");
        var own = await InspectorsAsync("文昌街道", "wcinsp", 1);
        var officer = await WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "township").Select(u => u.Id).SingleAsync());
        var theirs = await InspectorsAsync("穿芳峪镇", "cfyinsp", 2);
        using var office = await factory.SignedInAsync("office");
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFieldsAsync($"/inspections/teams/new?township={elsewhere}", [("Township", elsewhere.ToString()), .. TeamForm("穿芳峪一组", [.. theirs])])).StatusCode);
        var other = await WithDbAsync((db, _) => db.InspectionTeams.Where(t => t.Name == "穿芳峪一组").Select(t => t.Id).SingleAsync());

        using var township = await factory.SignedInAsync("township");
        // Another township: not offered, refused when asked for, and its team is not even found.
        var list = await township.GetStringAsync("/inspections/teams");
        Assert.Contains("data-owner=\"文昌街道\"", list);
        Assert.DoesNotContain("穿芳峪", list);
        Assert.Contains("/account/access-denied", (await township.GetAsync($"/inspections/teams/new?township={elsewhere}")).Headers.Location?.OriginalString);
        var forged = await township.PostFieldsAsync("/inspections/teams/new", [("Township", elsewhere.ToString()), .. TeamForm("冒名组", [.. theirs])]);
        Assert.Contains("/account/access-denied", forged.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/inspections/teams/{other}/edit")).StatusCode);
        var edited = await township.PostFieldsAsync("/inspections/teams/new", TeamForm("改名组", [.. theirs]), $"/inspections/teams/{other}/edit");
        Assert.Equal(HttpStatusCode.NotFound, edited.StatusCode);
        var deactivated = await township.PostFieldsAsync("/inspections/teams/new", [], $"/inspections/teams?handler=Deactivate&id={other}");
        Assert.Equal(HttpStatusCode.NotFound, deactivated.StatusCode);
        var after = await WithDbAsync((db, _) => db.InspectionTeams.Include(t => t.Members).SingleAsync(t => t.Id == other));
        Assert.Equal(("穿芳峪一组", true, elsewhere), (after.Name, after.Active, after.TownshipId));
        Assert.Equal(theirs.Order(), after.Members.Select(m => m.UserId).Order());
        Assert.False(await WithDbAsync((db, _) => db.InspectionTeams.AnyAsync(t => t.Name == "冒名组" || t.Name == "改名组")));

        // Their own township: the form offers its staff only, and the team is theirs to set up and stand down.
        var form = await township.GetStringAsync("/inspections/teams/new");
        Assert.Contains("文昌街道检查员wcinsp1", form);
        Assert.DoesNotContain("穿芳峪镇检查员", form);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFieldsAsync("/inspections/teams/new", TeamForm("文昌一组", officer, own[0]))).StatusCode);
        var mine = await WithDbAsync((db, _) => db.InspectionTeams.SingleAsync(t => t.Name == "文昌一组"));
        Assert.Equal(wenchang, mine.TownshipId);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFieldsAsync("/inspections/teams/new", [], $"/inspections/teams?handler=Deactivate&id={mine.Id}")).StatusCode);
        Assert.False(await WithDbAsync((db, _) => db.InspectionTeams.Where(t => t.Id == mine.Id).Select(t => t.Active).SingleAsync()));

        // A department user reads the teams but sets up none.
        using var department = await factory.SignedInAsync("department");
        var read = await department.GetStringAsync("/inspections/teams");
        Assert.Contains("穿芳峪一组", read);
        Assert.DoesNotContain("data-testid=\"new-team\"", read);
        Assert.Contains("/account/access-denied", (await department.GetAsync($"/inspections/teams/{other}/edit")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_team_filter_shows_only_that_teams_visits()
    {
        var xiaying = await TownshipAsync("出头岭镇");
        var businesses = await BusinessesAsync("出头岭镇", "ctl", 6);
        var inspectors = await InspectorsAsync("出头岭镇", "ctlinsp", 3);
        using var office = await factory.SignedInAsync("office");
        foreach (var (name, members) in new[] { ("出头岭一组", new[] { inspectors[0], inspectors[1] }), ("出头岭二组", new[] { inspectors[1], inspectors[2] }) })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await office.PostFieldsAsync($"/inspections/teams/new?township={xiaying}", [("Township", xiaying.ToString()), .. TeamForm(name, members)])).StatusCode);
        }
        await office.PostFormAsync("/inspections/schedule?year=2022", new() { ["Year"] = "2022" });
        var visits = await WithDbAsync((db, _) => db.PlannedInspections.Where(p => p.Year == 2022 && p.TownshipId == xiaying).ToListAsync());
        var teams = await WithDbAsync((db, _) => db.InspectionTeams.Where(t => t.TownshipId == xiaying).ToDictionaryAsync(t => t.Name, t => t.Id));
        var first = teams["出头岭一组"];
        // Both teams have businesses, and each business one team.
        Assert.All(visits.GroupBy(p => p.BusinessId), g => Assert.Single(g.Select(p => p.TeamId).Distinct()));
        Assert.Equal(2, visits.Select(p => p.TeamId).Distinct().Count());
        var firstsBusinesses = visits.Where(p => p.TeamId == first).Select(p => p.BusinessId).ToHashSet();

        // 2022 is over: every visit is overdue and listed, but only the first team's.
        var page = await office.GetStringAsync($"/inspections/schedule?year=2022&team={first}");
        foreach (var (id, name) in businesses)
        {
            if (firstsBusinesses.Contains(id))
            {
                Assert.Contains(name, page);
            }
            else
            {
                Assert.DoesNotContain(name, page);
            }
        }
        Assert.Contains("data-team=\"出头岭一组\"", page);
        Assert.DoesNotContain("data-team=\"出头岭二组\"", page);
        var township = Regex.Match(page, "<tr data-township=\"出头岭镇\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains($">{visits.Count(p => p.TeamId == first)}<", township);
        // Without the filter both teams are there; a team nobody may see is not found.
        var all = await office.GetStringAsync("/inspections/schedule?year=2022");
        Assert.Contains("data-team=\"出头岭二组\"", all);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/inspections/schedule?year=2022&team={Guid.NewGuid()}")).StatusCode);

        // The 文昌街道 officer neither sees these teams in the filter nor their visits through it.
        using var townshipUser = await factory.SignedInAsync("township");
        Assert.DoesNotContain("出头岭一组", await townshipUser.GetStringAsync("/inspections/schedule?year=2022"));
        Assert.Equal(HttpStatusCode.NotFound, (await townshipUser.GetAsync($"/inspections/schedule?year=2022&team={first}")).StatusCode);
    }
}
