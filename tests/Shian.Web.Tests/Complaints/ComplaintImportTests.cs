using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Audit;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Registry;

namespace Shian.Web.Tests.Complaints;

/// <summary>
/// 导入热线工单 at /complaints/import: real workbooks built here with MiniExcel, posted through the page as a signed-in user
/// (check → preview → confirm). Every row goes through the intake with the file's receipt time; a bad row, a ticket
/// repeated in the file or already stored refuses the whole file with row and column named, and nothing is stored.
/// </summary>
public sealed class ComplaintImportTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private const string Page = "/complaints/import";
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    /// <summary>鑫源超市 in 文昌街道.</summary>
    private const string WenchangCode = "91120119AY4CL12THD";

    /// <summary>老王家常菜馆 in 渔阳镇.</summary>
    private const string YuyangCode = "921201193BJ1XG612E";

    private async Task EnsureBusinessesAsync() => await factory.QueryAsync(async db =>
    {
        if (!await db.Businesses.AnyAsync(b => b.CreditCode == WenchangCode))
        {
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
        }
        return 0;
    });

    /// <summary>A ticket number no other test of the class uses.</summary>
    private static string Ticket(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    private static Dictionary<string, object?> Row(string ticket, object? channel, string kind, object? receivedAt, string business, string address,
        string? code = null, string? contact = "王女士", string? phone = "13800000000", object? occurred = null, string description = "买到过期牛奶，要求退货") => new()
        {
            ["工单号"] = ticket, ["渠道"] = channel, ["类别"] = kind, ["受理时间"] = receivedAt, ["被投诉对象"] = business, ["统一社会信用代码"] = code,
            ["地址"] = address, ["事由"] = description, ["发生日期"] = occurred, ["联系人"] = contact, ["联系电话"] = phone,
        };

    private static byte[] Workbook(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList());
        return stream.ToArray();
    }

    private static async Task<string> CheckAsync(HttpClient client, byte[] file, string fileName = "工单导出.xlsx") =>
        await (await client.PostFilesAsync(Page, [], [("Upload", fileName, file)], Page + "?handler=Check")).Content.ReadAsStringAsync();

    private static string DraftOf(string html) => Regex.Match(html, "name=\"Draft\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<string> ConfirmAsync(HttpClient client, string draft) =>
        await (await client.PostFormAsync(Page, new() { ["Draft"] = draft }, Page + "?handler=Confirm")).Content.ReadAsStringAsync();

    private Task<int> CountAsync() => factory.QueryAsync(db => db.Complaints.CountAsync());

    private Task<bool> DraftsLeftAsync() => factory.QueryAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerKind == FileOwners.ComplaintImport));

    private Task<Guid> TownshipAsync(string name) => factory.QueryAsync(db => db.Townships.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    private static DateTime Beijing(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    [Fact]
    public async Task A_good_file_stores_every_ticket_with_its_channel_receipt_time_business_link_and_township()
    {
        await EnsureBusinessesAsync();
        using var office = await factory.SignedInAsync("office");
        Assert.Contains($"href=\"{Page}\"", await office.GetStringAsync("/complaints"));
        Assert.Contains($"href=\"{Page}\"", await office.GetStringAsync("/complaints/hotline"));
        var (a, b, c) = (Ticket("A"), Ticket("B"), Ticket("C"));
        var rows = new[]
        {
            // A date-time cell; the credit code of a registered business links it and routes it to that business's township.
            Row(a, "12315", "投诉", new DateTime(2026, 11, 2, 9, 30, 0), "鑫源超市", "文昌街道府君路18号", code: WenchangCode, occurred: new DateTime(2026, 11, 1)),
            // Time as text, an anonymous report of an unregistered stall: placed by the township its address names.
            Row(b, "12345", "举报", "2026-11-03 14:05", "无名卤味摊", "渔阳镇北大街8号", contact: null, phone: null),
            // A date alone; the export's own name of the hotline.
            Row(c, "12315热线", "举报", new DateTime(2026, 11, 4), "老王家常菜馆", "北大街", code: YuyangCode),
        };
        foreach (var row in rows)
        {
            row["处理状态"] = "待处理"; // a column the export has and the import does not read
        }
        var before = await CountAsync();

        var preview = await CheckAsync(office, Workbook(rows));
        Assert.Contains("“工单导出.xlsx”共 3 行，全部检查通过", preview);
        Assert.Contains("确认导入 3 张工单", preview);
        Assert.Contains("以下列不读取：处理状态", preview);
        Assert.Contains("2026年11月2日 09:30", preview);
        Assert.Equal(["文昌街道", "渔阳镇", "渔阳镇"], Regex.Matches(preview, "data-testid=\"handler\">([^<]*)<").Select(m => m.Groups[1].Value));
        Assert.Equal(2, Regex.Matches(preview, "data-testid=\"linked\"").Count);
        Assert.Equal(before, await CountAsync()); // checked, not yet stored
        Assert.True(await DraftsLeftAsync());

        var done = await ConfirmAsync(office, DraftOf(preview));
        Assert.Contains("已导入 3 张工单", done);
        Assert.Equal(before + 3, await CountAsync());
        Assert.False(await DraftsLeftAsync());

        var (wenchang, yuyang) = (await TownshipAsync("文昌街道"), await TownshipAsync("渔阳镇"));
        var stored = await factory.QueryAsync(db => db.Complaints.AsNoTracking().Include(x => x.Entries).Where(x => x.HotlineTicket == a || x.HotlineTicket == b || x.HotlineTicket == c)
            .OrderBy(x => x.ReceivedAt).ToListAsync());
        var calendar = await factory.QueryAsync(db => db.LoadCalendarAsync());
        var registered = await factory.QueryAsync(db => db.Businesses.Where(x => x.CreditCode == WenchangCode || x.CreditCode == YuyangCode)
            .ToDictionaryAsync(x => x.CreditCode, x => x.Id));
        Assert.Equal([a, b, c], stored.Select(x => x.HotlineTicket));
        Assert.Equal([ComplaintChannel.Hotline12315, ComplaintChannel.Hotline12345, ComplaintChannel.Hotline12315], stored.Select(x => x.Channel));
        Assert.Equal([ComplaintKind.Complaint, ComplaintKind.Report, ComplaintKind.Report], stored.Select(x => x.Kind));
        Assert.Equal([Beijing(2026, 11, 2, 9, 30), Beijing(2026, 11, 3, 14, 5), Beijing(2026, 11, 4)], stored.Select(x => x.ReceivedAt));
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 4)], stored.Select(x => x.ReceivedOn));
        // The clocks count from the receipt in the file: 7 working days to accept a complaint, 15 to decide on a report.
        Assert.Equal(calendar.AddWorkingDays(new DateOnly(2026, 11, 2), 7), stored[0].FirstDeadline);
        Assert.Equal(calendar.AddWorkingDays(new DateOnly(2026, 11, 3), 15), stored[1].FirstDeadline);
        Assert.Equal([registered[WenchangCode], null, registered[YuyangCode]], stored.Select(x => x.BusinessId));
        Assert.Equal([wenchang, yuyang, yuyang], stored.Select(x => x.TownshipId));
        Assert.Equal(new DateOnly(2026, 11, 1), stored[0].OccurredOn);
        Assert.True(stored[1].Anonymous);
        Assert.All(stored, x => Assert.Equal(ComplaintStatus.Received, x.Status));
        Assert.All(stored, x => Assert.Equal("office", x.RecordedBy));
        Assert.All(stored, x => Assert.Equal(x.ReceivedAt, Assert.Single(x.Entries).At));

        // Audited as a hand-typed ticket is: an insert of each complaint by the person who imported it.
        var ids = stored.Select(x => x.Id.ToString()).ToList();
        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.Entity == nameof(Complaint) && ids.Contains(e.EntityId)).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.All(audit, e => Assert.Equal((AuditAction.Insert, "office"), (e.Action, e.Actor)));
    }

    [Fact]
    public async Task A_csv_with_English_headings_imports_too()
    {
        await EnsureBusinessesAsync();
        using var township = await factory.SignedInAsync("township");
        var ticket = Ticket("E");
        var csv = $"Ticket,Channel,Kind,Received,Business,Address,Description,Contact,Phone\n{ticket},12345,report,2026-11-05T10:00:00+08:00,某烧烤店,文昌街道光明路1号,夜间露天烧烤油烟,,\n";
        var preview = await CheckAsync(township, Encoding.UTF8.GetBytes(csv), "tickets.csv");
        Assert.Contains("确认导入 1 张工单", preview);
        Assert.Contains("已导入 1 张工单", await ConfirmAsync(township, DraftOf(preview)));
        var stored = await factory.QueryAsync(db => db.Complaints.SingleAsync(x => x.HotlineTicket == ticket));
        Assert.Equal((ComplaintChannel.Hotline12345, ComplaintKind.Report, Beijing(2026, 11, 5, 10)), (stored.Channel, stored.Kind, stored.ReceivedAt));
        Assert.Equal(await TownshipAsync("文昌街道"), stored.TownshipId);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_among_good_ones_stores_nothing_and_names_the_row_and_column_in_the_users_language()
    {
        await EnsureBusinessesAsync();
        using var office = await factory.SignedInAsync("office");
        var file = Workbook(
            Row(Ticket("G"), "12315", "投诉", new DateTime(2026, 11, 2, 9, 30, 0), "鑫源超市", "文昌街道府君路18号"),
            Row(Ticket("H"), "12315", "投诉", new DateTime(2026, 11, 2, 10, 0, 0), "某饭店", "渔阳镇北大街8号", phone: null), // a complaint needs a phone
            Row(Ticket("I"), "12345", "举报", new DateTime(2026, 11, 3, 8, 0, 0), "某超市", "渔阳镇北大街9号"));
        var before = await CountAsync();

        var refused = await CheckAsync(office, file);
        Assert.Contains("有 1 处错误，文件未导入", refused);
        Assert.Matches(new Regex(@"<td class=""num"">3</td><td>联系电话</td><td>联系电话：必填。"), refused);
        Assert.DoesNotContain("confirm-import", refused);
        Assert.Equal(before, await CountAsync());
        Assert.False(await DraftsLeftAsync());

        // Every bad cell of a row is named: an unknown channel and kind, a time still to come, an unreadable date, a bad code.
        var future = DateTime.UtcNow.AddHours(8).AddDays(2);
        var several = await CheckAsync(office, Workbook(
            Row(Ticket("J"), "12306", "咨询", future, "某饭店", "渔阳镇北大街8号", code: "91120119AY4CL12THX", occurred: "去年")));
        foreach (var (column, words) in new[] { ("渠道", "“12306”不是热线渠道"), ("类别", "“咨询”不是类别"), ("受理时间", "晚于现在"), ("发生日期", "“去年”不是日期"), ("统一社会信用代码", "") })
        {
            Assert.Matches(new Regex($@"<td class=""num"">2</td><td>{column}</td><td>[^<]*{words}"), several);
        }

        // In English, the same refusal in English words; the column as the file names it.
        using var english = await factory.SignedInAsync("office");
        await english.PostFormAsync("/complaints", new() { ["culture"] = "en", ["returnUrl"] = "/complaints" }, action: "/culture");
        var worded = await CheckAsync(english, file);
        Assert.Matches(new Regex(@"<td class=""num"">3</td><td>联系电话</td><td>Phone[^<]*required"), worded);
        Assert.DoesNotContain("必填", worded);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_ticket_repeated_in_the_file_or_already_stored_is_refused_and_so_is_a_confirmation_after_it_was_entered()
    {
        await EnsureBusinessesAsync();
        using var office = await factory.SignedInAsync("office");
        var (twice, stored, late) = (Ticket("K"), Ticket("L"), Ticket("M"));
        await factory.QueryAsync(async (db, services) =>
        {
            var input = new Complaint.Input(ComplaintKind.Report, "某饭店", null, "渔阳镇北大街8号", "后厨不洁", null, null, null, HotlineTicket: stored);
            Assert.Empty((await ComplaintIntake.ReceiveAsync(db, input, ComplaintChannel.Hotline12315, services.GetRequiredService<ComplaintSettings>(), "test",
                DateTime.UtcNow)).Errors);
            return 0;
        });
        var before = await CountAsync();

        var refused = await CheckAsync(office, Workbook(
            Row(twice, "12315", "投诉", new DateTime(2026, 11, 2, 9, 0, 0), "鑫源超市", "文昌街道府君路18号"),
            Row(twice, "12315", "举报", new DateTime(2026, 11, 2, 9, 5, 0), "鑫源超市", "文昌街道府君路18号"),
            Row(stored, "12315", "举报", new DateTime(2026, 11, 2, 9, 10, 0), "某饭店", "渔阳镇北大街8号"),
            // The same number from the other hotline is another work order.
            Row(stored, "12345", "举报", new DateTime(2026, 11, 2, 9, 15, 0), "某饭店", "渔阳镇北大街8号")));
        Assert.Contains("有 2 处错误，文件未导入", refused);
        Assert.Matches(new Regex($@"<td class=""num"">3</td><td>工单号</td><td>与第 2 行重复：{twice}"), refused);
        Assert.Matches(new Regex($@"<td class=""num"">4</td><td>工单号</td><td>工单号 {stored} 已登记"), refused);
        Assert.Equal(before, await CountAsync());

        // Checked clean, then the ticket is typed in on the hotline page before the confirmation: nothing of the file is stored.
        var preview = await CheckAsync(office, Workbook(
            Row(Ticket("N"), "12315", "举报", new DateTime(2026, 11, 2, 9, 0, 0), "鑫源超市", "文昌街道府君路18号"),
            Row(late, "12315", "投诉", new DateTime(2026, 11, 2, 9, 0, 0), "某饭店", "渔阳镇北大街8号")));
        var draft = DraftOf(preview);
        Assert.NotEmpty(draft);
        var typed = await office.PostFormAsync("/complaints/hotline", new()
        {
            ["Channel"] = nameof(ComplaintChannel.Hotline12315), ["HotlineTicket"] = late, ["Kind"] = nameof(ComplaintKind.Report),
            ["Field"] = nameof(ComplaintField.FoodBusiness), ["BusinessName"] = "某饭店", ["Address"] = "渔阳镇北大街8号", ["Description"] = "后厨不洁",
        });
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        var confirmed = await ConfirmAsync(office, draft);
        Assert.Matches(new Regex($@"<td class=""num"">3</td><td>工单号</td><td>工单号 {late} 已登记"), confirmed);
        Assert.DoesNotContain("import-done", confirmed);
        Assert.Equal(before + 1, await CountAsync()); // the typed one only
        Assert.False(await DraftsLeftAsync());
    }

    [Fact]
    public async Task Only_those_who_enter_hotline_tickets_import_them()
    {
        foreach (var role in new[] { "lab", "operator" })
        {
            using var client = await factory.SignedInAsync(role);
            foreach (var address in new[] { Page, Page + "?handler=Template" })
            {
                var denied = await client.GetAsync(address);
                Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(denied.Headers.Location!)).StatusCode);
            }
        }
        foreach (var role in new[] { "township", "department", "inspector" })
        {
            using var client = await factory.SignedInAsync(role);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Page)).StatusCode);
        }
    }

    [Fact]
    public async Task The_template_downloads_with_the_columns_and_an_example_row_that_imports_as_it_is()
    {
        using var department = await factory.SignedInAsync("department");
        var response = await department.GetAsync(Page + "?handler=Template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var template = await response.Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(template))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(ComplaintImport.Columns.All, rows.Single().Keys);
        }

        var preview = await CheckAsync(department, template, "热线工单导入模板.xlsx");
        Assert.Contains("确认导入 1 张工单", preview);
        Assert.Contains("已导入 1 张工单", await ConfirmAsync(department, DraftOf(preview)));
        var yesterday = ShianTime.LocalDate(DateTime.UtcNow).AddDays(-1);
        var stored = await factory.QueryAsync(db => db.Complaints.SingleAsync(x => x.HotlineTicket == $"12315{yesterday:yyyyMMdd}0001"));
        Assert.Equal((ComplaintChannel.Hotline12315, ComplaintKind.Complaint, yesterday), (stored.Channel, stored.Kind, stored.ReceivedOn));
        Assert.Equal(await TownshipAsync("渔阳镇"), stored.TownshipId);
    }
}
