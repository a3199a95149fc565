using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;

namespace Shian.Web.Tests.Organization;

/// <summary>The administrator pastes a State Council holiday notice at /admin/calendar/notice, checks it, stores it.</summary>
public sealed class CalendarNoticeTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private const string Page = "/admin/calendar/notice";

    // 国办发明电〔2021〕11号, as published on 2021-10-25.
    private const string Notice2022 = """
        国务院办公厅关于2022年部分节假日安排的通知
        国办发明电〔2021〕11号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2022年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：2022年1月1日至3日放假，共3天。
        　　二、春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。
        　　三、清明节：4月3日至5日放假调休，共3天。4月2日（星期六）上班。
        　　四、劳动节：4月30日至5月4日放假调休，共5天。4月24日（星期日）、5月7日（星期六）上班。
        　　五、端午节：6月3日至5日放假，共3天。
        　　六、中秋节：9月10日至12日放假，共3天。
        　　七、国庆节：10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。
        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2021年10月25日
        """;

    private Task<List<(DateOnly Date, CalendarDayKind Kind, string Name)>> StoredAsync(int year) => factory.QueryAsync(async db =>
        (await db.CalendarDays.Where(d => d.Date >= new DateOnly(year, 1, 1) && d.Date <= new DateOnly(year, 12, 31))
            .OrderBy(d => d.Date).ToListAsync()).Select(d => (d.Date, d.Kind, d.Name)).ToList());

    private static IEnumerable<DateOnly> Span(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    [Fact]
    public async Task A_pasted_notice_is_previewed_with_its_source_lines_and_stored_on_confirmation()
    {
        using var admin = await factory.SignedInAsync("admin");
        Assert.Contains("href=\"/admin/calendar/notice\"", await admin.GetStringAsync("/admin/calendar"));

        var preview = await admin.PostFormAsync(Page, new() { ["Text"] = Notice2022 }, action: Page + "?handler=Preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"notice-preview\"", html);
        Assert.Contains("2022 年：放假 31 天，调休上班 7 天", html);
        Assert.Contains("2022-01-31", html);
        Assert.Contains("第 6 行：二、春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。", html);
        Assert.Contains("确认保存这 38 个日期", html);
        Assert.Empty(await StoredAsync(2022)); // a preview stores nothing

        var confirmed = await admin.PostFormAsync(Page, new() { ["Text"] = Notice2022, ["Year"] = "" }, action: Page + "?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/admin/calendar?year=2022", confirmed.Headers.Location!.OriginalString);

        var stored = await StoredAsync(2022);
        DateOnly[] holidays =
        [
            .. Span(new(2022, 1, 1), new(2022, 1, 3)), .. Span(new(2022, 1, 31), new(2022, 2, 6)), .. Span(new(2022, 4, 3), new(2022, 4, 5)),
            .. Span(new(2022, 4, 30), new(2022, 5, 4)), .. Span(new(2022, 6, 3), new(2022, 6, 5)), .. Span(new(2022, 9, 10), new(2022, 9, 12)),
            .. Span(new(2022, 10, 1), new(2022, 10, 7)),
        ];
        Assert.Equal(holidays, stored.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date));
        Assert.Equal([new(2022, 1, 29), new(2022, 1, 30), new(2022, 4, 2), new(2022, 4, 24), new(2022, 5, 7), new(2022, 10, 8), new(2022, 10, 9)],
            stored.Where(d => d.Kind == CalendarDayKind.AdjustedWorkday).Select(d => d.Date));
        Assert.Contains((new DateOnly(2022, 2, 1), CalendarDayKind.Holiday, "春节"), stored);
        Assert.Contains((new DateOnly(2022, 10, 8), CalendarDayKind.AdjustedWorkday, "国庆节调休"), stored);

        // Deadlines now count 2022: Friday Sep 30 + 1 working day is the worked Saturday Oct 8, past National Day.
        using var inspector = await factory.SignedInAsync("inspector");
        var deadline = await inspector.GetFromJsonAsync<JsonElement>("/api/calendar/add-working-days?start=2022-09-30&days=1");
        Assert.Equal("2022-10-08", deadline.GetProperty("result").GetString());
        Assert.True(deadline.GetProperty("yearsCovered").GetBoolean());
    }

    [Fact]
    public async Task A_line_it_cannot_read_is_named_and_nothing_is_stored()
    {
        using var admin = await factory.SignedInAsync("admin");
        var before = await StoredAsync(2022);
        var bad = Notice2022.Replace("五、端午节：6月3日至5日放假，共3天。", "五、端午节：6月3日起放假三天。", StringComparison.Ordinal);
        foreach (var handler in new[] { "Preview", "Confirm" })
        {
            var response = await admin.PostFormAsync(Page, new() { ["Text"] = bad }, action: $"{Page}?handler={handler}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("第 9 行“五、端午节：6月3日起放假三天。”：无法识别", html);
            Assert.DoesNotContain("data-testid=\"notice-preview\"", html);
        }
        Assert.Equal(before, await StoredAsync(2022)); // none of the readable lines was stored either

        // Items without a title and without a year: the page asks for the year.
        var noYear = await admin.PostFormAsync(Page, new() { ["Text"] = "一、元旦：1月1日至3日放假，共3天。" }, action: Page + "?handler=Confirm");
        Assert.Contains("通知中没有年份", WebUtility.HtmlDecode(await noYear.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Only_administrators_open_the_page()
    {
        using var office = await factory.SignedInAsync("office");
        var response = await office.GetAsync(Page);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        using var admin = await factory.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task The_built_in_2026_holidays_load_and_a_deadline_crosses_national_day()
    {
        using var inspector = await factory.SignedInAsync("inspector");
        // Wednesday 2026-09-30 + 5 working days: Oct 1-7 off, Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13.
        var deadline = await inspector.GetFromJsonAsync<JsonElement>("/api/calendar/add-working-days?start=2026-09-30&days=5");
        Assert.Equal("2026-10-13", deadline.GetProperty("result").GetString());
        Assert.True(deadline.GetProperty("yearsCovered").GetBoolean());

        using var admin = await factory.SignedInAsync("admin");
        var page = await admin.GetStringAsync("/admin/calendar?year=2026");
        Assert.DoesNotContain("2026 年的节假日尚未录入", page);
        Assert.Equal(39, (await StoredAsync(2026)).Count);
    }
}
