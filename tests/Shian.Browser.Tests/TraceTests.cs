using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>A consumer scans a label: the short code opens the lot's page on a phone, the answer first, then the timeline.</summary>
public sealed class TraceTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Scanning_a_label_shows_the_product_a_valid_licence_and_the_timeline()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var township = await db.Townships.Where(t => t.Active).OrderBy(t => t.Code).Select(t => t.Id).FirstAsync();
            var today = Common.ShianTime.LocalDate(DateTime.UtcNow);
            var farm = new Business
            {
                Name = "绿野蔬菜专业合作社", CreditCode = "93120225BROWSER01A", Address = "渔阳镇", TownshipId = township, Category = BusinessCategory.AgriculturalProducer,
                Subtype = "cooperative", CreatedAt = DateTime.UtcNow,
            };
            db.Businesses.Add(farm);
            db.Licences.Add(new Licence
            {
                BusinessId = farm.Id, Kind = AuthorisationKind.BusinessLicence, Number = "JY11201190054321", IssuedOn = today.AddYears(-1), ExpiresOn = today.AddYears(4),
                PublicCode = Licence.NewPublicCode(), CreatedAt = DateTime.UtcNow,
            });
            var cucumber = new TraceProduct { Gtin = "06901234567892", Name = "精品黄瓜", Specification = "5kg/箱", BusinessId = farm.Id, TownshipId = township, Origin = "天津市蓟州区", CreatedAt = DateTime.UtcNow };
            Assert.Null(cucumber.Confirm("office", DateTime.UtcNow)); // the office confirmed the GTIN: the public page names the farm
            db.TraceProducts.Add(cucumber);
            db.TraceCodes.Add(new TraceCode { Code = "brwsr234", Gtin = "06901234567892", Lot = "L1", BusinessId = farm.Id, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            var read = EpcisDocumentReader.Read("""
                {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-20T08:00:00.000+08:00",
                 "epcisBody":{"eventList":[
                  {"type":"ObjectEvent","eventTime":"2026-11-20T07:00:00.000+08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE","bizStep":"packing",
                   "quantityList":[{"epcClass":"https://id.gs1.org/01/06901234567892/10/L1","quantity":100,"uom":"KGM"}]},
                  {"type":"ObjectEvent","eventTime":"2026-11-20T09:00:00.000+08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE","bizStep":"shipping",
                   "quantityList":[{"epcClass":"https://id.gs1.org/01/06901234567892/10/L1","quantity":100,"uom":"KGM"}]}
                 ]}}
                """);
            Assert.Empty(read.Errors);
            await EpcisCapture.StoreAsync(db, new CaptureJob { Id = Guid.CreateVersion7(), BusinessId = farm.Id, CreatedAt = DateTime.UtcNow }, read.Events);
        }

        var phone = await app.NewPageAsync(390, 844);
        await phone.GotoAsync("/t/brwsr234");
        await Expect(phone.GetByTestId("product")).ToHaveTextAsync("精品黄瓜");
        await Expect(phone.GetByTestId("licence-valid")).ToHaveTextAsync("许可证有效");
        await Expect(phone.GetByTestId("step")).ToHaveCountAsync(2);
        await Expect(phone.GetByTestId("step").First).ToContainTextAsync("包装");
        await Expect(phone.GetByTestId("step").Last).ToContainTextAsync("发货");
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "投诉举报" })).ToBeVisibleAsync();
        Assert.True(await BrowserFixture.FitsAsync(phone), "the trace page fits a phone without sideways scrolling");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "trace-phone.png"), FullPage = true });
    }
}
