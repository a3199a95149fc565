using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// The sample form's food category: picked from the tree (a plain select of the active categories, indented, searchable
/// with JS), refused clearly when unknown or switched off, and shown by its full path on the form and its print.
/// </summary>
public sealed class SampleCategoryWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    private static Dictionary<string, string> Form(string category, Guid lab, Guid unit)
    {
        var day = ShianTime.LocalDate(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new()
        {
            ["Input.TaskSource"] = "区级食品安全监督抽检计划", ["Input.Kind"] = "Supervision", ["Input.Environment"] = "Distribution",
            ["Input.Business"] = "鑫源超市", ["Input.FoodCategoryCode"] = category, ["Input.SampleName"] = "小麦粉", ["Input.Specification"] = "5kg/袋",
            ["Input.BatchNumber"] = "20260101A", ["Input.ShelfLife"] = "12个月", ["Input.QuantityTaken"] = "4", ["Input.BackupQuantity"] = "2",
            ["Input.QuantityUnit"] = "袋", ["Input.SampledOn"] = day, ["Input.SamplingUnitId"] = unit.ToString(), ["Input.LaboratoryId"] = lab.ToString(),
            ["Input.Sampler1"] = "张队员", ["Input.Sampler2"] = "李队员", ["Input.OperatorConfirmed"] = "true", ["Input.SignerName"] = "刘老板",
        };
    }

    [Fact]
    public async Task The_category_is_chosen_from_the_active_tree_validated_and_shown_by_its_path()
    {
        var (lab, unit) = await factory.QueryAsync(async db =>
        {
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
            var rice = await db.FoodCategories.SingleAsync(c => c.Code == "0102"); // 粮食加工品 › 大米, switched off by the office
            rice.Active = false;
            await db.SaveChangesAsync();
            return (await db.Units.Where(u => u.Name == "区食品检验检测中心（演示）").Select(u => u.Id).SingleAsync(),
                await db.Units.Where(u => u.Kind == UnitKind.Department).Select(u => u.Id).FirstAsync());
        });
        using var inspector = await factory.SignedInAsync("inspector");
        const string newPage = "/sampling/samples/new";

        // Without JS: a select of every active category in tree order, sub-categories indented; the search box comes with the script file.
        var form = await inspector.GetStringAsync(newPage);
        Assert.Contains("data-testid=\"category-picker\"", form);
        Assert.Contains("<option value=\"0101\" data-path=\"粮食加工品 › 小麦粉\">", form);
        Assert.True(form.IndexOf("value=\"01\"", StringComparison.Ordinal) < form.IndexOf("value=\"0101\"", StringComparison.Ordinal));
        Assert.True(form.IndexOf("value=\"0101\"", StringComparison.Ordinal) < form.IndexOf("value=\"02\"", StringComparison.Ordinal));
        Assert.DoesNotContain("value=\"0102\"", form);
        Assert.Contains("/js/category-picker.js", form);

        // Unknown, switched off or missing: refused with the field named, nothing stored.
        foreach (var (code, message) in new[] { ("9999", "食品类别：“9999”不是有效的（启用的）食品分类"), ("0102", "食品类别：“0102”不是有效的（启用的）食品分类"), ("", "请填写食品类别") })
        {
            var refused = WebUtility.HtmlDecode(await (await inspector.PostFormAsync(newPage, Form(code, lab, unit))).Content.ReadAsStringAsync());
            Assert.Contains(message, refused);
        }
        Assert.Equal(0, await factory.QueryAsync(db => db.Samples.CountAsync()));

        // Chosen from the tree: stored by code, shown by its path.
        var created = await inspector.PostFormAsync(newPage, Form("0101", lab, unit));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("0101", await factory.QueryAsync(db => db.Samples.Select(s => s.FoodCategoryCode).SingleAsync()));
        var page = created.Headers.Location!.OriginalString.Split('?')[0];
        Assert.Contains("data-testid=\"category-path\">粮食加工品 › 小麦粉<", await inspector.GetStringAsync(page));
        Assert.Contains("data-testid=\"category-path\">粮食加工品 › 小麦粉<", await inspector.GetStringAsync(page + "/print"));
    }
}
