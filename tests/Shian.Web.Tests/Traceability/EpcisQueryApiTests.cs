using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Demo;
using static Shian.Web.Tests.Traceability.EpcisKit;

namespace Shian.Web.Tests.Traceability;

/// <summary><c>GET /epcis/events</c>: the common parameters, next-page tokens, bad parameters, and who sees which events.</summary>
public sealed class EpcisQueryApiTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static string NewLot(out string digitalLink)
    {
        var lot = "Q" + Guid.NewGuid().ToString("N")[..10];
        digitalLink = "https://id.gs1.org/01/04012345123456/10/" + lot; // GTIN of 4012345.012345 with its check digit
        return "urn:epc:class:lgtin:4012345.012345." + lot;
    }

    /// <summary>Commission, ship (full CBV URI), receive, transform into a second lot, aggregate the second lot on a pallet.</summary>
    private static JsonObject Chain(string lot, string lot2, string sscc)
    {
        var ship = Commission(lot, "2024-03-02T08:00:00.000+08:00");
        ship["action"] = "OBSERVE";
        ship["bizStep"] = "https://ref.gs1.org/cbv/BizStep-shipping";
        ship["disposition"] = "in_transit";
        ship["readPoint"] = new JsonObject { ["id"] = "urn:epc:id:sgln:4012345.00001.0" };
        ship["sourceList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["source"] = "urn:epc:id:pgln:4012345.00000" });
        ship["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = "urn:epc:id:pgln:0614141.00000" });
        var receive = Commission(lot, "2024-03-03T08:00:00.000+08:00");
        receive["action"] = "OBSERVE";
        receive["bizStep"] = "receiving";
        receive["disposition"] = "in_progress";
        receive["bizLocation"] = new JsonObject { ["id"] = "urn:epc:id:sgln:0614141.00002.0" };
        var transform = new JsonObject
        {
            ["type"] = "TransformationEvent",
            ["eventTime"] = "2024-03-04T08:00:00.000+08:00",
            ["eventTimeZoneOffset"] = "+08:00",
            ["bizStep"] = "commissioning",
            ["inputQuantityList"] = new JsonArray(new JsonObject { ["epcClass"] = lot, ["quantity"] = 40, ["uom"] = "KGM" }),
            ["outputQuantityList"] = new JsonArray(new JsonObject { ["epcClass"] = lot2, ["quantity"] = 80, ["uom"] = "H87" }),
        };
        var aggregate = new JsonObject
        {
            ["type"] = "AggregationEvent",
            ["eventTime"] = "2024-03-05T08:00:00.000+08:00",
            ["eventTimeZoneOffset"] = "+08:00",
            ["action"] = "ADD",
            ["bizStep"] = "packing",
            ["parentID"] = sscc,
            ["childQuantityList"] = new JsonArray(new JsonObject { ["epcClass"] = lot2, ["quantity"] = 80, ["uom"] = "H87" }),
        };
        return Document(Commission(lot), ship, receive, transform, aggregate);
    }

    /// <summary>The events' business steps, sorted: within one capture the order of events is not specified.</summary>
    private static List<string?> Steps(JsonArray events) => events.Select(e => (string?)e!["bizStep"]).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_common_parameters_select_events_whatever_the_identifier_spelling()
    {
        var lot = NewLot(out var lotLink);
        var lot2 = NewLot(out _);
        var sscc = "urn:epc:id:sscc:4012345." + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture, ApiScopes.EpcisQuery);
        using var client = Client(factory, secret);
        await CaptureOkAsync(client, Chain(lot, lot2, sscc).ToJsonString());

        // The lot by its URN and by its Digital Link: commission, ship, receive and the transformation's input.
        Assert.Equal(["commissioning", "commissioning", "https://ref.gs1.org/cbv/BizStep-shipping", "receiving"], Steps(await EventsAsync(client, "MATCH_anyEPC=" + Q(lot))));
        Assert.Equal(4, (await EventsAsync(client, "MATCH_anyEPCClass=" + Q(lotLink))).Count);
        Assert.Equal(3, (await EventsAsync(client, $"MATCH_epcClass={Q(lot)}")).Count);
        Assert.Single(await EventsAsync(client, $"MATCH_inputEPC={Q(lotLink)}"));
        Assert.Single(await EventsAsync(client, $"MATCH_outputEPC={Q(lot2)}"));
        Assert.Single(await EventsAsync(client, $"MATCH_parentID={Q(sscc)}"));
        Assert.Empty(await EventsAsync(client, $"MATCH_parentID={Q(lot)}"));

        // CBV values short or full; types; actions; locations by SGLN URN or Digital Link.
        Assert.Single(await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&EQ_bizStep=shipping"));
        Assert.Single(await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&EQ_bizStep={Q("https://ref.gs1.org/cbv/BizStep-receiving")}"));
        Assert.Single(await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&EQ_disposition={Q("urn:epcglobal:cbv:disp:in_transit")}"));
        Assert.Single(await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&eventType=TransformationEvent"));
        Assert.Equal(2, (await EventsAsync(client, $"MATCH_anyEPC={Q(lot2)}&eventType=TransformationEvent,AggregationEvent")).Count);
        Assert.Equal(2, (await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&EQ_action=OBSERVE")).Count);
        Assert.Single(await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&EQ_readPoint={Q("https://id.gs1.org/414/4012345000016")}"));
        Assert.Single(await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&EQ_bizLocation={Q("urn:epc:id:sgln:0614141.00002.0")}"));
        Assert.Equal(["commissioning", "receiving"], Steps(await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&GE_eventTime={Q("2024-03-03T08:00:00+08:00")}")));
        Assert.Equal(["commissioning"], Steps(await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&LT_eventTime={Q("2024-03-01T00:00:01Z")}")));

        // The stored JSON comes back, with the document's extension prefix in the merged context.
        var shipped = (await EventsAsync(client, $"MATCH_anyEPC={Q(lot)}&EQ_bizStep=shipping")).Single()!;
        Assert.Equal("urn:epc:id:pgln:0614141.00000", (string?)shipped["destinationList"]![0]!["destination"]);
        var document = JsonNode.Parse(await client.GetStringAsync("/epcis/events?MATCH_anyEPC=" + Q(lot)))!;
        Assert.Contains(document["@context"]!.AsArray(), c => c is JsonObject o && (string?)o["ex"] == "https://ns.example.com/epcis/");

        // One event by its eventID, URL-encoded.
        var eventId = (string)shipped["eventID"]!;
        var one = JsonNode.Parse(await client.GetStringAsync("/epcis/events/" + Q(eventId)))!;
        Assert.Equal(eventId, (string?)one["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]![0]!["eventID"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/epcis/events/" + Q("urn:uuid:" + Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task Pages_follow_the_next_link_until_every_event_is_seen_once()
    {
        var lot = NewLot(out _);
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture, ApiScopes.EpcisQuery);
        using var client = Client(factory, secret);
        // Two documents: a page boundary falls inside a job (same recordTime) and between jobs.
        await CaptureOkAsync(client, Document([.. Enumerable.Range(0, 5).Select(i => Commission(lot, $"2024-03-01T08:00:0{i}.000+08:00"))]).ToJsonString());
        await CaptureOkAsync(client, Document([.. Enumerable.Range(5, 4).Select(i => Commission(lot, $"2024-03-01T08:00:0{i}.000+08:00"))]).ToJsonString());

        var seen = new List<string>();
        var url = $"/epcis/events?MATCH_anyEPC={Q(lot)}&perPage=2";
        var pages = 0;
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
            Assert.True(page.Count is 1 or 2);
            seen.AddRange(page.Select(e => (string)e!["eventTime"]!));
            pages++;
            url = response.Headers.TryGetValues("Link", out var links)
                ? System.Text.RegularExpressions.Regex.Match(links.Single(), "^<([^>]+)>; rel=\"next\"$").Groups[1].Value
                : null;
            Assert.True(pages <= 5);
        }
        Assert.Equal(5, pages);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"2024-03-01T08:00:0{i}.000+08:00"), seen.Order(StringComparer.Ordinal));
        // Pages follow the capture order: the first document's five events before the second's four.
        Assert.All(seen.Take(5), t => Assert.True(string.CompareOrdinal(t, "2024-03-01T08:00:05") < 0));

        // A token belongs to its query.
        var first = await client.GetAsync($"/epcis/events?MATCH_anyEPC={Q(lot)}&perPage=2");
        var token = System.Text.RegularExpressions.Regex.Match(first.Headers.GetValues("Link").Single(), "nextPageToken=([^>&]+)").Groups[1].Value;
        var problem = await ProblemAsync(await client.GetAsync($"/epcis/events?eventType=ObjectEvent&perPage=2&nextPageToken={token}"), HttpStatusCode.BadRequest);
        Assert.Contains(Errors(problem), e => e.Path == "nextPageToken");
    }

    [Theory]
    [InlineData("GE_eventTime=yesterday", "GE_eventTime")]
    [InlineData("LT_recordTime=2024-03-01", "LT_recordTime")]
    [InlineData("eventType=PalletEvent", "eventType")]
    [InlineData("EQ_action=MODIFY", "EQ_action")]
    [InlineData("perPage=0", "perPage")]
    [InlineData("perPage=100000", "perPage")]
    [InlineData("nextPageToken=bm9wZQ", "nextPageToken")]
    [InlineData("EQ_colour=red", "EQ_colour")]
    public async Task A_bad_parameter_is_named(string query, string parameter)
    {
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisQuery);
        using var client = Client(factory, secret);
        var problem = await ProblemAsync(await client.GetAsync("/epcis/events?" + query), HttpStatusCode.BadRequest);
        Assert.Equal([parameter], Errors(problem).Select(e => e.Path).Distinct());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Each_caller_sees_the_events_of_the_businesses_in_their_scope()
    {
        // An operator of two businesses in two townships, and an officer of the first township.
        Guid inTown, elsewhere;
        const string owner = "epcis-two-shops", officer = "epcis-township";
        var restaurant = await OperatorBusinessAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
            var first = await db.Businesses.Where(b => b.Id != restaurant).OrderBy(b => b.Name).Select(b => new { b.Id, b.TownshipId }).FirstAsync();
            inTown = first.Id;
            elsewhere = await db.Businesses.Where(b => b.Id != restaurant && b.TownshipId != first.TownshipId).OrderBy(b => b.Name).Select(b => b.Id).FirstAsync();
            var user = new ShianUser { UserName = owner, DisplayName = "两家店的经营者", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, DemoSeeder.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Operator)).Succeeded);
            var township = new ShianUser { UserName = officer, DisplayName = "乡镇干事", TownshipId = first.TownshipId, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(township, DemoSeeder.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(township, Roles.Township)).Succeeded);
            db.OperatorBusinesses.AddRange(new OperatorBusiness { UserId = user.Id, BusinessId = inTown }, new OperatorBusiness { UserId = user.Id, BusinessId = elsewhere });
            await db.SaveChangesAsync();
        }
        var lot = NewLot(out _);
        var (secret, _) = await IssueAsync(factory, owner, ApiScopes.EpcisCapture, ApiScopes.EpcisQuery);
        using var twoShops = Client(factory, secret);

        // With two businesses the capture must name one of them, and only one of them.
        var unnamed = await ProblemAsync(await twoShops.PostAsync("/epcis/capture", Body(Document(Commission(lot)).ToJsonString())), HttpStatusCode.BadRequest);
        Assert.Contains(Errors(unnamed), e => e.Path == "business");
        var notTheirs = Guid.NewGuid();
        await ProblemAsync(await twoShops.PostAsync($"/epcis/capture?business={notTheirs}", Body(Document(Commission(lot)).ToJsonString())), HttpStatusCode.Forbidden);
        await CaptureOkAsync(twoShops, Document(Commission(lot, "2024-03-01T08:00:00.000+08:00")).ToJsonString(), $"?business={inTown}");
        var request = new HttpRequestMessage(HttpMethod.Post, "/epcis/capture") { Content = Body(Document(Commission(lot, "2024-03-02T08:00:00.000+08:00")).ToJsonString()) };
        request.Headers.Add("Shian-Business", elsewhere.ToString());
        Assert.Equal(HttpStatusCode.Accepted, (await twoShops.SendAsync(request)).StatusCode);

        async Task<List<string>> SeenBy(HttpClient client) =>
            (await EventsAsync(client, "MATCH_anyEPC=" + Q(lot))).Select(e => (string)e!["eventTime"]!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["2024-03-01T08:00:00.000+08:00", "2024-03-02T08:00:00.000+08:00"], await SeenBy(twoShops));
        var (officeKey, _) = await IssueAsync(factory, Roles.Office, ApiScopes.EpcisQuery);
        using (var office = Client(factory, officeKey))
        {
            Assert.Equal(2, (await SeenBy(office)).Count);
        }
        using (var department = await factory.SignedInAsync(Roles.Department))
        {
            Assert.Equal(2, (await SeenBy(department)).Count);
        }
        using (var townshipOfficer = await factory.SignedInAsync(officer))
        {
            Assert.Equal(["2024-03-01T08:00:00.000+08:00"], await SeenBy(townshipOfficer));
        }
        var (otherOperator, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisQuery);
        using (var other = Client(factory, otherOperator))
        {
            Assert.Empty(await SeenBy(other));
        }
        using (var laboratory = await factory.SignedInAsync(Roles.Laboratory))
        {
            await ProblemAsync(await laboratory.GetAsync("/epcis/events"), HttpStatusCode.Forbidden);
        }
        var (noScope, _) = await IssueAsync(factory, Roles.Office, ApiScopes.OrganizationRead);
        using (var wrongScope = Client(factory, noScope))
        {
            await ProblemAsync(await wrongScope.GetAsync("/epcis/events"), HttpStatusCode.Forbidden);
        }
        using var anonymous = Client(factory, null);
        var refused = await anonymous.GetAsync("/epcis/events");
        await ProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
    }
}
