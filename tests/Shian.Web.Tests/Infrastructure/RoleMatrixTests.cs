using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Data;
using Shian.Sampling;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// The role table of docs/access.md, asserted on the demo district: for each role and aggregate, a list answers with only
/// the rows the table gives that role (row identities checked against the database), or sends the role to the
/// access-denied page; details, exports and the API the same way. One host for the class; each role signs in once.
/// </summary>
public sealed partial class RoleMatrixTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly ConcurrentDictionary<(ShianWebFactory, string), Task<HttpClient>> Clients = new();

    /// <summary>The township inspector of 文昌街道 (a township-bound inspector).</summary>
    private const string TownshipInspector = "insp120119001-1";

    private static readonly ConcurrentDictionary<ShianWebFactory, Task> Seeded = new();

    /// <summary>The whole demo district of a <c>--demo</c> start (businesses, inspections, samples, grain, schools, trace), once per host.</summary>
    private Task SeededAsync() => Seeded.GetOrAdd(factory, async f =>
    {
        await using var scope = f.Services.CreateAsyncScope();
        await Shian.Demo.DemoWork.SeedAsync(scope.ServiceProvider.GetRequiredService<ShianDb>(), TimeProvider.System);
    });

    private async Task<HttpClient> ClientAsync(string role)
    {
        await SeededAsync();
        return await Clients.GetOrAdd((factory, role), key => factory.SignedInAsync(key.Item2));
    }

    private sealed record Account(Guid Id, Guid? UnitId, Guid? TownshipId, List<Guid> Businesses);

    private Task<Account> AccountAsync(string userName) => factory.QueryAsync(async db =>
    {
        var u = await db.Users.SingleAsync(x => x.UserName == userName);
        var own = await db.OperatorBusinesses.Where(o => o.UserId == u.Id).Select(o => o.BusinessId).ToListAsync();
        return new Account(u.Id, u.UnitId, u.TownshipId, own);
    });

    [GeneratedRegex(@"/account/access-denied")]
    private static partial Regex AccessDenied();

    private static void AssertDenied(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && AccessDenied().IsMatch(response.Headers.Location?.OriginalString ?? ""),
            $"{what}: expected the access-denied page, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    private static HashSet<Guid> Linked(string html, string prefix) =>
        Regex.Matches(html, "href=\"" + Regex.Escape(prefix) + "/([0-9a-f-]{36})[\"/?]").Select(m => Guid.Parse(m.Groups[1].Value)).ToHashSet();

    public static TheoryData<string, string> Refused => new()
    {
        // A laboratory does not open the register nor the supervision records keyed by business.
        { "lab", "/businesses" }, { "lab", "/businesses?handler=Export" }, { "lab", "/licences" }, { "lab", "/risk" },
        { "lab", "/credit/serious" }, { "lab", "/credit/serious?handler=Export" }, { "lab", "/credit/redblack" }, { "lab", "/inspections" },
        { "lab", "/rectification" }, { "lab", "/grain" }, { "lab", "/grain/imports" }, { "lab", "/grain/imports?handler=Export" },
        { "lab", "/schools/meals" }, { "lab", "/trace/products" }, { "lab", "/trace/certificates" }, { "lab", "/trace/certificates?handler=Export" },
        // An operator reaches its own businesses' pages, not the lists of the register.
        { "operator", "/businesses" }, { "operator", "/businesses?handler=Export" }, { "operator", "/inspections" }, { "operator", "/grain" },
        { "operator", "/credit/serious" }, { "operator", "/risk" },
        // Township staff read grain records but change none; nobody but supervisors imports businesses.
        { "township", "/businesses/import" }, { "lab", "/businesses/import" }, { "operator", "/businesses/import" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_role_outside_the_table_is_sent_to_the_access_denied_page(string role, string page)
    {
        AssertDenied(await (await ClientAsync(role)).GetAsync(page), $"{role} {page}");
    }

    /// <summary>What each role should see of each aggregate, as the table says, from the database.</summary>
    private async Task<HashSet<Guid>> ExpectedAsync(string aggregate, string role)
    {
        var a = await AccountAsync(role);
        var wide = role is "admin" or "office" or "inspector";
        var department = role == "department";
        var township = a.TownshipId;
        return await factory.QueryAsync(async db => (aggregate switch
        {
            "businesses" => await db.Businesses.Where(b => wide || department || b.TownshipId == township).Select(b => b.Id).ToListAsync(),
            "inspections" => await db.Inspections.Where(i => wide || department || i.TownshipId == township).Select(i => i.Id).ToListAsync(),
            "rectification" => role == "operator"
                ? await db.RectificationOrders.Where(o => a.Businesses.Contains(o.BusinessId)).Select(o => o.Id).ToListAsync()
                : await db.RectificationOrders.Where(o => wide || department || o.TownshipId == township).Select(o => o.Id).ToListAsync(),
            "samples" => role switch
            {
                "lab" => await db.Samples.Where(s => s.LaboratoryId == a.UnitId).Select(s => s.Id).ToListAsync(),
                "department" => await db.Samples.Where(s => s.SamplingUnitId == a.UnitId || s.LaboratoryId == a.UnitId).Select(s => s.Id).ToListAsync(),
                "operator" => await db.Samples.Where(s => a.Businesses.Contains(s.BusinessId) && s.Status != SampleStatus.Draft).Select(s => s.Id).ToListAsync(),
                _ => await db.Samples.Where(s => wide || s.TownshipId == township).Select(s => s.Id).ToListAsync(),
            },
            "silos" => await db.Silos.Where(s => wide || (department ? s.UnitId == null || s.UnitId == a.UnitId : s.TownshipId == township)).Select(s => s.Id).ToListAsync(),
            "meals" => role == "operator"
                ? await db.SchoolMealRecords.Where(r => a.Businesses.Contains(r.BusinessId)).Select(r => r.Id).ToListAsync()
                : await db.SchoolMealRecords.Where(r => wide || department || r.TownshipId == township).Select(r => r.Id).ToListAsync(),
            "products" => role == "operator"
                ? await db.TraceProducts.Where(p => a.Businesses.Contains(p.BusinessId)).Select(p => p.Id).ToListAsync()
                : await db.TraceProducts.Where(p => wide || department || p.TownshipId == township).Select(p => p.Id).ToListAsync(),
            "certificates" => await db.ProduceCertificates.Where(c => wide || department || c.TownshipId == township).Select(c => c.Id).ToListAsync(),
            "serious" => await db.SeriousViolations.Where(v => wide || department || db.Businesses.Any(b => b.Id == v.BusinessId && b.TownshipId == township))
                .Select(v => v.Id).ToListAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(aggregate)),
        }).ToHashSet());
    }

    public static TheoryData<string, string, string, string> Lists
    {
        get
        {
            var data = new TheoryData<string, string, string, string>();
            (string Aggregate, string Page, string Link, string[] Roles)[] table =
            [
                ("businesses", "/businesses", "/businesses", ["admin", "office", "department", "township", "inspector", TownshipInspector]),
                ("inspections", "/inspections", "/inspections", ["office", "department", "township", "inspector", TownshipInspector]),
                ("rectification", "/rectification", "/rectification", ["office", "department", "township", "inspector", TownshipInspector, "operator"]),
                ("samples", "/sampling/samples", "/sampling/samples", ["office", "department", "township", "inspector", "lab", "operator"]),
                ("silos", "/grain", "/grain/silos", ["office", "department", "township", "inspector"]),
                ("meals", "/schools/meals", "/schools/meals", ["office", "department", "township", "operator"]),
                ("products", "/trace/products", "/trace/products", ["office", "department", "township", "operator"]),
                ("certificates", "/trace/certificates", "/trace/certificates", ["office", "department", "township"]),
                ("serious", "/credit/serious", "/credit/serious", ["office", "department", "township", TownshipInspector]),
            ];
            foreach (var (aggregate, page, link, roles) in table)
            {
                foreach (var role in roles)
                {
                    data.Add(aggregate, role, page, link);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_list_answers_with_only_the_rows_the_table_gives_the_role(string aggregate, string role, string page, string link)
    {
        var response = await (await ClientAsync(role)).GetAsync(page);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {page}: {(int)response.StatusCode}");
        var shown = Linked(await response.Content.ReadAsStringAsync(), link);
        var expected = await ExpectedAsync(aggregate, role);
        Assert.True(shown.IsSubsetOf(expected), $"{role} {page} shows {shown.Except(expected).Count()} rows outside its scope");
        Assert.True(expected.Count == 0 || shown.Count > 0, $"{role} {page} shows none of its {expected.Count} rows");
    }

    [Theory]
    [InlineData("office")]
    [InlineData("department")]
    [InlineData("township")]
    [InlineData(TownshipInspector)]
    public async Task The_register_export_holds_exactly_the_roles_businesses(string role)
    {
        var xlsx = await (await ClientAsync(role)).GetByteArrayAsync("/businesses?handler=Export");
        using var stream = new MemoryStream(xlsx);
        var names = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r.Values.First()?.ToString()).ToList();
        var expected = await ExpectedAsync("businesses", role);
        Assert.Equal(expected.Count, names.Count);
    }

    [Fact]
    public async Task A_business_page_opens_in_scope_is_not_found_outside_it_and_is_denied_to_a_laboratory()
    {
        var township = await AccountAsync("township");
        var operatorAccount = await AccountAsync("operator");
        var (inside, outside) = await factory.QueryAsync(async db => (
            await db.Businesses.Where(b => b.TownshipId == township.TownshipId).Select(b => b.Id).FirstAsync(),
            await db.Businesses.Where(b => b.TownshipId != township.TownshipId && !operatorAccount.Businesses.Contains(b.Id)).Select(b => b.Id).FirstAsync()));
        Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync("township")).GetAsync($"/businesses/{inside}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await ClientAsync("township")).GetAsync($"/businesses/{outside}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync("department")).GetAsync($"/businesses/{outside}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync("operator")).GetAsync($"/businesses/{operatorAccount.Businesses[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await ClientAsync("operator")).GetAsync($"/businesses/{outside}")).StatusCode);
        AssertDenied(await (await ClientAsync("lab")).GetAsync($"/businesses/{inside}"), "lab business page");
    }

    [Fact]
    public async Task A_laboratory_reads_its_samples_forms_with_the_business_particulars_copied_onto_them()
    {
        var lab = await AccountAsync("lab");
        var (mine, others) = await factory.QueryAsync(async db => (
            await db.Samples.Where(s => s.LaboratoryId == lab.UnitId && s.Status != SampleStatus.Draft).Select(s => new { s.Id, s.BusinessName }).FirstAsync(),
            await db.Samples.Where(s => s.LaboratoryId != lab.UnitId).Select(s => s.Id).FirstOrDefaultAsync()));
        var client = await ClientAsync("lab");
        var form = await client.GetAsync($"/sampling/samples/{mine.Id}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(mine.BusinessName), await form.Content.ReadAsStringAsync());
        if (others != Guid.Empty)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/sampling/samples/{others}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_trace_query_api_refuses_a_laboratory_and_answers_a_department()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync("lab")).GetAsync("/epcis/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync("department")).GetAsync("/epcis/events")).StatusCode);
    }

    [Fact]
    public async Task A_township_inspector_cannot_import_or_register_a_business_in_another_township()
    {
        var inspector = await AccountAsync(TownshipInspector);
        var other = await factory.QueryAsync(db => db.Townships.Where(t => t.Active && t.Id != inspector.TownshipId).Select(t => t.Name).FirstAsync());
        var own = await factory.QueryAsync(db => db.Townships.Where(t => t.Id == inspector.TownshipId).Select(t => t.Name).SingleAsync());
        var client = await ClientAsync(TownshipInspector);
        static string Code(string first17) => first17 + Shian.Registry.CreditCode.CheckCharacter(first17);
        var (ownCode, otherCode) = (Code("91120119MA05T8KX3"), Code("91120119MA05T8KY1"));
        var csv = "名称,统一社会信用代码,法定代表人,地址,乡镇街道,类型,规模,联系人,联系电话,状态,标签,纬度,经度\n"
            + $"矩阵测试本街道超市,{ownCode},王一,府君路1号,{own},超市,小型,王一,13800000001,正常,,,\n"
            + $"矩阵测试外乡镇饭店,{otherCode},李二,外乡路2号,{other},餐馆,小型,李二,13800000002,正常,,,\n";
        var checkedFile = await client.PostFilesAsync("/businesses/import", [], [("Upload", "主体.csv", Encoding.UTF8.GetBytes(csv))], "/businesses/import?handler=Check");
        var html = await checkedFile.Content.ReadAsStringAsync();
        Assert.Contains("import-errors", html);
        Assert.DoesNotContain("confirm-import", html);
        // The error names the row (3: the header is row 1) and the township column, and nothing is stored.
        Assert.Matches("<td class=\"num\">3</td><td>乡镇街道</td><td>[^<]*不在本账号的乡镇街道", html);
        Assert.DoesNotMatch("<td class=\"num\">2</td>", html);
        Assert.False(await factory.QueryAsync(db => db.Businesses.AnyAsync(b => b.Name.StartsWith("矩阵测试"))));

        // The form refuses the other township too.
        var otherTownship = await factory.QueryAsync(db => db.Townships.Where(t => t.Name == other).Select(t => t.Code).SingleAsync());
        var form = await client.PostFormAsync("/businesses/new", new()
        {
            ["Input.Name"] = "矩阵测试外乡镇饭店", ["Input.CreditCode"] = otherCode, ["Input.Address"] = "外乡路2号",
            ["Input.Township"] = otherTownship, ["Input.Subtype"] = "restaurant", ["Input.Scale"] = "Small", ["Input.Status"] = "Active",
        });
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("不在本账号的乡镇街道", await form.Content.ReadAsStringAsync());
        Assert.False(await factory.QueryAsync(db => db.Businesses.AnyAsync(b => b.Name.StartsWith("矩阵测试"))));
    }

    [Fact]
    public async Task A_department_changes_its_own_units_grain_records_and_only_reads_the_offices()
    {
        var department = await AccountAsync("department");
        var township = await factory.QueryAsync(db => db.Townships.Where(t => t.IsTownship).Select(t => t.Id).FirstAsync());
        Task<Guid> SiloAsync(string code, Guid? unit) => factory.QueryAsync(async db =>
        {
            var s = Shian.Grain.Silo.Create(new Shian.Grain.Silo.Input(code, "矩阵测试库", township, "玉米", 100, 50, 2025, new DateOnly(2025, 10, 1)),
                unit, Shian.Common.ShianTime.LocalDate(DateTime.UtcNow), "t", DateTime.UtcNow).Silo!;
            db.Silos.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        // The office's silo (no unit): every department reads it, none changes it.
        Guid? officeSilo = await SiloAsync("RM-OFFICE", null);
        // The office's failed imported-food check, not yet disposed of.
        Guid? officeCheck = await factory.QueryAsync(async db =>
        {
            var c = new Shian.Grain.ImportedFoodCheck
            {
                Id = Guid.NewGuid(), BusinessId = await db.Businesses.Where(b => b.TownshipId == township).Select(b => b.Id).FirstAsync(), TownshipId = township,
                UnitId = null, Product = "矩阵测试奶粉", OriginCountry = "新西兰", DeclarationNumber = "020220261000012345", CertificateNumber = "120000026000123",
                QuantityKg = 10, Date = Shian.Common.ShianTime.LocalDate(DateTime.UtcNow), Result = Shian.Grain.ImportResult.Failed, EnteredBy = "office", EnteredAt = DateTime.UtcNow,
            };
            db.ImportedFoodChecks.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var client = await ClientAsync("department");
        var today = Shian.Common.ShianTime.LocalDate(DateTime.UtcNow).ToString("yyyy-MM-dd");
        if (officeSilo is { } silo)
        {
            Assert.Contains("RM-OFFICE", await client.GetStringAsync("/grain"));
            Assert.DoesNotContain("test-form", await client.GetStringAsync($"/grain/silos/{silo}"));
            var page = await client.GetStringAsync($"/grain/silos/{silo}");
            Assert.DoesNotContain("disposal-form", page);
            AssertDenied(await client.PostFormAsync($"/grain/silos/{silo}", new() { ["Test.TestDate"] = today, ["Test.Laboratory"] = "x" }, $"/grain/silos/{silo}?handler=Test"),
                "department test on the office's silo");
        }
        if (officeCheck is { } check)
        {
            Assert.DoesNotContain($"value=\"{check}\"", await client.GetStringAsync("/grain/imports"));
            AssertDenied(await client.PostFormAsync("/grain/imports", new() { ["Disposal.Check"] = check.ToString(), ["Disposal.Method"] = "Returned", ["Disposal.Date"] = today },
                "/grain/imports?handler=Dispose"), "department disposal of the office's check");
            Assert.Null(await factory.QueryAsync(db => db.ImportedFoodChecks.Where(c => c.Id == check).Select(c => c.DisposalMethod).SingleAsync()));
        }
        // Its own unit's record it may change.
        var mine = await SiloAsync("RM-DEPT", department.UnitId);
        Assert.Contains("test-form", await client.GetStringAsync($"/grain/silos/{mine}"));
    }
}
