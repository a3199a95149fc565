using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Tests.Common;

namespace Shian.Web.Tests.Registry;

/// <summary>The business import page refuses a spreadsheet bomb by its limit, and keeps nothing of it.</summary>
public sealed class ImportLimitsWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task A_workbook_of_a_million_rows_is_refused_by_the_business_import_page_and_nothing_is_kept()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var businesses = await db.Businesses.CountAsync();
        var files = await db.StoredFiles.CountAsync();

        using var department = await factory.SignedInAsync("department");
        var bomb = ImportBombs.Workbook(["名称", "统一社会信用代码", "地址", "乡镇街道", "类型"], ["渔阳镇老王饭店", "91350200776049653A", "渔阳镇北大街 8 号", "渔阳镇", "餐馆"],
            rows: 1_000_000);
        var refused = await department.PostFilesAsync("/businesses/import", [], [("Upload", "全区主体.xlsx", bomb)], "/businesses/import?handler=Check");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("文件“全区主体.xlsx”超过导入上限：最多 100,000 行", html);
        Assert.DoesNotContain("confirm-import", html);

        Assert.Equal(businesses, await db.Businesses.CountAsync());
        Assert.Equal(files, await db.StoredFiles.CountAsync()); // no draft waits for confirmation
        Assert.False(await db.StoredFiles.AnyAsync(f => f.OwnerKind == FileOwners.BusinessImport));
    }
}
