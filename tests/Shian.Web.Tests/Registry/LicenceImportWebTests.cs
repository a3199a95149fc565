using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Web.Tests.Registry;

/// <summary>
/// Licences imported through the web: checked row by row, refused whole on any error, warned (not refused) for a number of
/// another region or type; on a database of its own (it counts what is stored).
/// </summary>
public sealed class LicenceImportWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "licences-sample.csv"));
    private static readonly string Header = Sample.Split('\n')[0].TrimEnd('\r');

    private async Task EnsureBusinessesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (!await db.Businesses.AnyAsync(b => b.CreditCode == "921201193BJ1XG612E"))
        {
            var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
            Assert.Empty((await BusinessImport.ImportAsync(db, sample, "s.csv", false, TimeProvider.System)).Errors);
        }
    }

    private static async Task<string> CheckAsync(HttpClient client, string csv) =>
        await (await client.PostFilesAsync("/licences/import", [], [("Upload", "许可证.csv", Encoding.UTF8.GetBytes(csv))], "/licences/import?handler=Check"))
            .Content.ReadAsStringAsync();

    private static string DraftOf(string html) => Regex.Match(html, "name=\"Draft\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<string> ConfirmAsync(HttpClient client, string draft) =>
        await (await client.PostFormAsync("/licences/import", new() { ["Draft"] = draft }, "/licences/import?handler=Confirm")).Content.ReadAsStringAsync();

    private Task<int> LicenceCountAsync() => factory.QueryAsync(db => db.Licences.CountAsync());

    private Task<bool> DraftsLeftAsync() => factory.QueryAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerKind == FileOwners.LicenceImport));

    [Fact]
    public async Task A_file_with_a_bad_row_stores_nothing_and_names_the_row_and_a_file_with_warnings_imports_showing_them()
    {
        await EnsureBusinessesAsync();
        using var department = await factory.SignedInAsync("department");
        Assert.Contains("href=\"/licences/import\"", await department.GetStringAsync("/licences"));
        var before = await LicenceCountAsync();

        // Row 3 names a business that is not registered: the whole file is refused, the row named, nothing kept.
        var bad = await CheckAsync(department, Sample.Replace("91120119AY4CL12THD", "91350200776049653A", StringComparison.Ordinal));
        Assert.Contains("有 1 处错误，文件未导入", bad);
        Assert.Matches(new Regex(@"<td class=""num"">3</td><td>统一社会信用代码</td><td>系统中没有该代码的主体：91350200776049653A"), bad);
        Assert.DoesNotContain("confirm-import", bad);
        Assert.Equal(before, await LicenceCountAsync());
        Assert.False(await DraftsLeftAsync());

        // Only warnings (a sales licence of 110105 for a restaurant of 120119): shown in the preview, imported on confirmation.
        var warnedCsv = $"{Header}\n921201193BJ1XG612E,食品经营许可证,JY11101050000077,热食类食品制售,2023-01-05,2028-01-04,,否\n";
        var preview = await CheckAsync(department, warnedCsv);
        Assert.Contains("全部检查通过", preview);
        var warnings = Regex.Match(preview, "data-testid=\"import-warnings\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("有 2 条提示", warnings);
        Assert.Matches(new Regex(@"<td class=""num"">2</td><td>编号</td><td>证号中的地区码 110105 与主体所在地 120119 不同"), warnings);
        Assert.Contains("<td class=\"num\">2</td><td>编号</td><td>许可证类型与主体类别不符", warnings);
        Assert.Contains("已核对提示，确认导入 1 个许可证", preview);
        Assert.Equal(before, await LicenceCountAsync()); // checked, not yet stored
        var done = await ConfirmAsync(department, DraftOf(preview));
        Assert.Contains("已导入 1 个许可证或备案", done);
        Assert.Contains("证号中的地区码 110105", done);
        Assert.Equal(before + 1, await LicenceCountAsync());
        Assert.False(await DraftsLeftAsync());
        Assert.Equal(LicenceStatus.Valid, await factory.QueryAsync(db => db.Licences.Where(l => l.Number == "JY11101050000077").Select(l => l.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_checked_file_whose_number_was_recorded_meanwhile_is_refused_whole_at_confirmation()
    {
        await EnsureBusinessesAsync();
        using var department = await factory.SignedInAsync("department");
        var preview = await CheckAsync(department, Sample);
        Assert.Contains("确认导入 3 个许可证", preview);
        Assert.DoesNotContain("import-warnings", preview); // the sample's numbers fit their businesses
        var draft = DraftOf(preview);

        // Someone else cannot confirm it.
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("待导入的文件已不存在", await ConfirmAsync(office, draft));

        // Meanwhile row 4's number is recorded by hand: the confirmation stores none of the three.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var business = await db.Businesses.Where(b => b.CreditCode == "92120119J3Y7LLJY18").Select(b => b.Id).SingleAsync();
            db.Licences.Add(new Licence
            {
                BusinessId = business, Kind = AuthorisationKind.BusinessLicence, Number = "JY21201199000033", IssuedOn = new(2022, 4, 20),
                ExpiresOn = new(2027, 4, 19), PublicCode = Licence.NewPublicCode(), CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var before = await LicenceCountAsync();
        var refused = await ConfirmAsync(department, draft);
        Assert.Contains("有 1 处错误，文件未导入", refused);
        Assert.Matches(new Regex(@"<td class=""num"">4</td><td>编号</td><td>编号 JY21201199000033 已经登记"), refused);
        Assert.Equal(before, await LicenceCountAsync());
        Assert.False(await factory.QueryAsync(db => db.Licences.AnyAsync(l => l.Number == "JY21201199000011")));
        Assert.False(await DraftsLeftAsync());
    }

    [Fact]
    public async Task Only_registry_editors_import_licences()
    {
        using var township = await factory.SignedInAsync("township");
        Assert.DoesNotContain("/licences/import", await township.GetStringAsync("/licences"));
        var denied = await township.GetAsync("/licences/import");
        Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync(denied.Headers.Location!)).StatusCode);
        using var operatorClient = await factory.SignedInAsync("operator");
        Assert.Contains("/account/access-denied", (await operatorClient.GetAsync("/licences/import")).Headers.Location?.OriginalString);
    }
}
