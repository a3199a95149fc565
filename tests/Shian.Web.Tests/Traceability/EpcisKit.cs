using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Web.Tests.Traceability;

/// <summary>Keys, documents and problem checks shared by the EPCIS HTTP tests.</summary>
internal static class EpcisKit
{
    public const string Context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    /// <summary>The sample businesses, with the demo operator running 老王家常菜馆 (the test database starts without businesses).</summary>
    public static async Task<Guid> OperatorBusinessAsync(ShianWebFactory factory)
    {
        await Gate.WaitAsync();
        try
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            if (!await db.Businesses.AnyAsync())
            {
                Assert.Empty((await Shian.Registry.BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
            }
            var restaurant = await db.Businesses.Where(b => b.Name.Contains("老王家常菜馆")).Select(b => b.Id).SingleAsync();
            var operatorId = await db.Users.Where(u => u.UserName == Roles.Operator).Select(u => u.Id).SingleAsync();
            if (!await db.OperatorBusinesses.AnyAsync(o => o.UserId == operatorId))
            {
                db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = restaurant });
                await db.SaveChangesAsync();
            }
            return restaurant;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<(string Secret, Guid Id)> IssueAsync(ShianWebFactory factory, string user, params string[] scopes)
    {
        await OperatorBusinessAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var owner = await db.Users.SingleAsync(u => u.UserName == user);
        var (key, secret) = ApiKey.Create(owner.Id, "epcis-" + Guid.NewGuid().ToString("N")[..8], scopes, DateTime.UtcNow);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return (secret, key.Id);
    }

    public static HttpClient Client(ShianWebFactory factory, string? secret)
    {
        var client = factory.NewClient();
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }
        return client;
    }

    public static StringContent Body(string body, string mediaType = "application/ld+json") => new(body, Encoding.UTF8, mediaType);

    /// <summary>An EPCIS document around the given events.</summary>
    public static JsonObject Document(params JsonNode[] events) => new()
    {
        ["@context"] = new JsonArray(Context, new JsonObject { ["ex"] = "https://ns.example.com/epcis/" }),
        ["type"] = "EPCISDocument",
        ["schemaVersion"] = "2.0",
        ["creationDate"] = "2024-03-01T08:00:00.000+08:00",
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray(events) },
    };

    /// <summary>A valid commissioning ObjectEvent of a lot (class-level, with quantity).</summary>
    public static JsonObject Commission(string lotUrn, string eventTime = "2024-03-01T08:00:00.000+08:00") => new()
    {
        ["type"] = "ObjectEvent",
        ["eventTime"] = eventTime,
        ["eventTimeZoneOffset"] = "+08:00",
        ["action"] = "ADD",
        ["bizStep"] = "commissioning",
        ["disposition"] = "active",
        ["quantityList"] = new JsonArray(new JsonObject { ["epcClass"] = lotUrn, ["quantity"] = 100, ["uom"] = "KGM" }),
        ["bizLocation"] = new JsonObject { ["id"] = "urn:epc:id:sgln:4012345.00001.0" },
    };

    public static async Task<(int Events, int Jobs, int Epcs)> CountAsync(ShianWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        return (await db.EpcisEvents.CountAsync(), await db.CaptureJobs.CountAsync(), await db.EpcisEventEpcs.CountAsync());
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static List<(string Path, string Message)> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("message").GetString()!)).ToList();

    public static async Task<JsonObject> CaptureOkAsync(HttpClient client, string body, string query = "")
    {
        var response = await client.PostAsync("/epcis/capture" + query, Body(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"capture: {response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonArray> EventsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/epcis/events?" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"query: {response.StatusCode} {text}");
        var document = JsonNode.Parse(text)!;
        Assert.Equal("EPCISQueryDocument", (string?)document["type"]);
        return document["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
    }

    public static string Q(string value) => Uri.EscapeDataString(value);

    public static string IsoMs(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
