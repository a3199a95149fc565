using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Shian.Accounts;
using static Shian.Web.Tests.Traceability.EpcisKit;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// <c>POST /epcis/capture</c>: every GS1 example goes in through HTTP and comes back out of <c>GET /epcis/events</c>
/// unchanged; bad documents are refused with JSON paths and leave nothing behind; keys, scopes and limits are enforced.
/// Run twice, on the fast paths and on the plain ones (<see cref="PlainPathsWebFactory"/>).
/// </summary>
public abstract class EpcisCaptureApiTests(ShianWebFactory factory)
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "epcis"), "*.jsonld").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples), MemberType = typeof(EpcisCaptureApiTests))]
    public async Task An_example_is_captured_and_queried_back_unchanged(string file)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "epcis", file)))!.AsObject();
        if ((string?)original["type"] == "EPCISQueryDocument")
        {
            // Capture takes EPCISDocuments: the query example's events are sent as one.
            var events = original["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.DeepClone();
            original["type"] = "EPCISDocument";
            original["epcisBody"] = new JsonObject { ["eventList"] = events };
        }
        var sent = original["epcisBody"]!["eventList"]!.AsArray();
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture, ApiScopes.EpcisQuery);
        using var client = Client(factory, secret);

        var job = await CaptureOkAsync(client, original.ToJsonString());
        Assert.False((bool)job["running"]!);
        Assert.True((bool)job["success"]!);
        Assert.Equal("rollback", (string?)job["captureErrorBehaviour"]);
        Assert.Equal(sent.Count, (int)job["eventCount"]!);

        var at = DateTime.Parse((string)job["createdAt"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var back = await EventsAsync(client, $"GE_recordTime={Q(IsoMs(at))}&LT_recordTime={Q(IsoMs(at.AddMilliseconds(1)))}&perPage=1000");
        Assert.Equal(sent.Count, back.Count);
        foreach (var received in back.Select(e => e!.AsObject()))
        {
            Assert.Equal(IsoMs(at), (string?)received["recordTime"]);
            var eventId = (string?)received["eventID"];
            Assert.False(string.IsNullOrEmpty(eventId));
            var expected = sent.Select(e => e!.AsObject()).SingleOrDefault(e => (string?)e["eventID"] == eventId)
                ?? sent.Select(e => e!.AsObject()).Single(e => e["eventID"] is null && Equivalent(e, received, dropEventId: true));
            Assert.True(Equivalent(expected, received, dropEventId: expected["eventID"] is null),
                $"{file}: event {eventId} differs\nsent:     {expected.ToJsonString()}\nreceived: {received.ToJsonString()}");
        }
    }

    private static bool Equivalent(JsonObject sent, JsonObject received, bool dropEventId)
    {
        var a = sent.DeepClone().AsObject();
        var b = received.DeepClone().AsObject();
        a.Remove("recordTime");
        b.Remove("recordTime");
        if (dropEventId)
        {
            b.Remove("eventID");
        }
        return JsonNode.DeepEquals(a, b);
    }

    [Fact]
    public async Task The_job_is_listed_and_found_by_its_location_with_the_binding_headers()
    {
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture);
        using var client = Client(factory, secret);
        var lot = "urn:epc:class:lgtin:4012345.012345.J" + Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostAsync("/epcis/capture", Body(Document(Commission(lot), Commission(lot)).ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("2.0.0", response.Headers.GetValues("GS1-EPCIS-Version").Single());
        Assert.Equal("2.0.0", response.Headers.GetValues("GS1-CBV-Version").Single());
        Assert.Equal("10000", response.Headers.GetValues("GS1-EPCIS-Capture-Limit").Single());
        Assert.Equal((20 * 1024 * 1024).ToString(), response.Headers.GetValues("GS1-EPCIS-Capture-File-Size-Limit").Single());
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/epcis/capture/", location);

        var job = JsonNode.Parse(await client.GetStringAsync(location))!;
        Assert.Equal(location["/epcis/capture/".Length..], (string?)job["captureID"]);
        Assert.Equal(2, (int)job["eventCount"]!);
        Assert.False((bool)job["running"]!);
        Assert.True((bool)job["success"]!);
        Assert.Empty(job["errors"]!.AsArray());

        var list = JsonNode.Parse(await client.GetStringAsync("/epcis/capture"))!.AsArray();
        Assert.Contains(list, j => (string?)j!["captureID"] == (string?)job["captureID"]);

        // Another operator-less account cannot see it; an unknown id is 404.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/epcis/capture/{Guid.NewGuid()}")).StatusCode);

        using var anonymous = Client(factory, null);
        var options = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/epcis/capture"));
        Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
        Assert.Equal("10000", options.Headers.GetValues("GS1-EPCIS-Capture-Limit").Single());
        Assert.Equal((20 * 1024 * 1024).ToString(), options.Headers.GetValues("GS1-EPCIS-Capture-File-Size-Limit").Single());
    }

    public static TheoryData<string, string, string> BadDocuments() => new()
    {
        // case, the JSON path (or its start) expected among the errors, a word its path or message must contain
        { "no-context", "$", "@context" },
        { "malformed-eventTime", "$.epcisBody.eventList[0].eventTime", "" },
        { "unknown-action", "$.epcisBody.eventList[0].action", "" },
        { "bizStep-without-namespace", "$.epcisBody.eventList[0].bizStep", "" },
        { "no-eventTime", "$.epcisBody.eventList[0]", "eventTime" },
        { "no-type", "$.epcisBody.eventList[0]", "" },
        { "one-bad-among-good", "$.epcisBody.eventList[2].eventTime", "" },
        { "not-json", "$", "JSON" },
        { "query-document", "$.type", "EPCISDocument" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_bad_document_is_refused_with_its_paths_and_nothing_is_stored(string kind, string path, string word)
    {
        var lot = "urn:epc:class:lgtin:4012345.012345.B" + Guid.NewGuid().ToString("N")[..8];
        var document = Document(Commission(lot), Commission(lot), Commission(lot), Commission(lot));
        var first = document["epcisBody"]!["eventList"]![0]!.AsObject();
        switch (kind)
        {
            case "no-context": document.Remove("@context"); break;
            case "malformed-eventTime": first["eventTime"] = "2024-13-45 25:00"; break;
            case "unknown-action": first["action"] = "MODIFY"; break;
            case "bizStep-without-namespace": first["bizStep"] = "packing_for_market"; break;
            case "no-eventTime": first.Remove("eventTime"); break;
            case "no-type": first.Remove("type"); break;
            case "one-bad-among-good": document["epcisBody"]!["eventList"]![2]!["eventTime"] = "yesterday"; break;
            case "query-document": document["type"] = "EPCISQueryDocument"; break;
        }
        var body = kind == "not-json" ? document.ToJsonString()[..40] : document.ToJsonString();
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture);
        using var client = Client(factory, secret);
        var before = await CountAsync(factory);

        var problem = await ProblemAsync(await client.PostAsync("/epcis/capture", Body(body, "application/json")), HttpStatusCode.BadRequest);

        Assert.Contains("EPCIS", problem.GetProperty("title").GetString());
        Assert.Matches("[\u4e00-\u9fff]", problem.GetProperty("title").GetString()!);
        var errors = Errors(problem);
        Assert.True(errors.Any(e => e.Path.StartsWith(path, StringComparison.Ordinal) && (e.Path + e.Message).Contains(word, StringComparison.Ordinal)),
            $"{kind}: expected {path} ({word}) among {string.Join(" | ", errors.Select(e => e.Path + " " + e.Message))}");
        if (kind == "one-bad-among-good")
        {
            Assert.False(errors.Any(e => e.Path.StartsWith("$.epcisBody.eventList[0]", StringComparison.Ordinal) || e.Path.StartsWith("$.epcisBody.eventList[1]", StringComparison.Ordinal)),
                string.Join(" | ", errors.Select(e => e.Path + " " + e.Message)));
        }
        Assert.Equal(before, await CountAsync(factory));
    }

    [Fact]
    public async Task Wrong_content_type_and_empty_body_are_refused()
    {
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture);
        using var client = Client(factory, secret);
        var lot = "urn:epc:class:lgtin:4012345.012345.C" + Guid.NewGuid().ToString("N")[..8];
        var before = await CountAsync(factory);

        var wrong = await ProblemAsync(await client.PostAsync("/epcis/capture", Body(Document(Commission(lot)).ToJsonString(), "text/plain")), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/ld+json", wrong.GetProperty("detail").GetString());

        var empty = await ProblemAsync(await client.PostAsync("/epcis/capture", Body("", "application/ld+json")), HttpStatusCode.BadRequest);
        Assert.Contains(Errors(empty), e => e.Path == "$" && e.Message.Contains("为空", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync(factory));
    }

    /// <summary>A refusal names its problem by code and is worded in the request's language only, not in both at once.</summary>
    [Fact]
    public async Task A_refusal_carries_its_code_and_is_worded_in_the_requests_language()
    {
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture);
        using var client = Client(factory, secret);
        foreach (var (query, wordsInChinese) in new[] { ("?culture=en", false), ("", true) })
        {
            var problem = await ProblemAsync(await client.PostAsync("/epcis/capture" + query, Body("", "application/ld+json")), HttpStatusCode.BadRequest);
            var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
            Assert.Equal("Epcis.EmptyBody", error.GetProperty("code").GetString());
            string[] texts = [problem.GetProperty("title").GetString()!, problem.GetProperty("detail").GetString()!, error.GetProperty("message").GetString()!];
            Assert.All(texts, text =>
            {
                Assert.Equal(wordsInChinese, System.Text.RegularExpressions.Regex.IsMatch(text, "[\u4e00-\u9fff]"));
                Assert.DoesNotContain(" / ", text);
            });
        }
    }

    [Fact]
    public async Task Documents_over_either_limit_are_refused_with_413()
    {
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture);
        using var client = Client(factory, secret);
        var before = await CountAsync(factory);

        // 10,001 events: counted after parsing, before anything is validated or stored.
        var lot = "urn:epc:class:lgtin:4012345.012345.L" + Guid.NewGuid().ToString("N")[..8];
        var many = Document([.. Enumerable.Range(0, 10_001).Select(_ => Commission(lot))]);
        var tooMany = await ProblemAsync(await client.PostAsync("/epcis/capture", Body(many.ToJsonString())), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("10000", tooMany.GetProperty("detail").GetString());

        // Over 20 MB with a Content-Length: refused before reading.
        var padding = new string(' ', 20 * 1024 * 1024);
        var big = Document(Commission(lot)).ToJsonString().Insert(1, padding);
        var declared = await ProblemAsync(await client.PostAsync("/epcis/capture", Body(big)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MB", declared.GetProperty("detail").GetString());

        // The same without a Content-Length (chunked): refused while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/ld+json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/epcis/capture") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await client.SendAsync(request);
        await ProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, await CountAsync(factory));
    }

    [Fact]
    public async Task Callers_without_a_valid_capture_key_of_an_operator_are_refused()
    {
        var lot = "urn:epc:class:lgtin:4012345.012345.A" + Guid.NewGuid().ToString("N")[..8];
        var body = Document(Commission(lot)).ToJsonString();
        var before = await CountAsync(factory);

        using var anonymous = Client(factory, null);
        var response = await anonymous.PostAsync("/epcis/capture", Body(body));
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);

        var (revokedSecret, revokedId) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture);
        using var admin = await factory.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/api-keys", new(), action: $"/admin/api-keys?handler=Revoke&keyId={revokedId}")).StatusCode);
        using var revoked = Client(factory, revokedSecret);
        var revokedProblem = await ProblemAsync(await revoked.PostAsync("/epcis/capture", Body(body)), HttpStatusCode.Unauthorized);
        Assert.Contains("吊销", revokedProblem.GetProperty("detail").GetString());

        var (querySecret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisQuery);
        using var queryOnly = Client(factory, querySecret);
        await ProblemAsync(await queryOnly.PostAsync("/epcis/capture", Body(body)), HttpStatusCode.Forbidden);

        // Staff may hold a capture key but capture for no business.
        var (officeSecret, _) = await IssueAsync(factory, Roles.Office, ApiScopes.EpcisCapture);
        using var office = Client(factory, officeSecret);
        await ProblemAsync(await office.PostAsync("/epcis/capture", Body(body)), HttpStatusCode.Forbidden);

        // A browser session is not a key.
        using var signedIn = await factory.SignedInAsync(Roles.Operator);
        await ProblemAsync(await signedIn.PostAsync("/epcis/capture", Body(body)), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await CountAsync(factory));
    }

    [Fact]
    public async Task An_operator_issues_its_own_capture_key_on_the_how_to_page_and_captures_with_it()
    {
        await OperatorBusinessAsync(factory);
        using var browser = await factory.SignedInAsync(Roles.Operator);
        var page = await browser.GetStringAsync("/traceability/keys");
        Assert.Contains("curl -X POST", page);
        Assert.Contains("/epcis/capture", page);
        Assert.Contains("如何上传追溯数据", page);

        // Only the EPCIS scopes may be asked for here.
        var refused = await browser.PostFieldsAsync("/traceability/keys", [("Input.Name", "erp"), ("Input.Scopes", ApiScopes.PlansRead)], "/traceability/keys?handler=Create");
        Assert.Contains("未知的权限范围", await refused.Content.ReadAsStringAsync());

        var created = await browser.PostFieldsAsync("/traceability/keys", [("Input.Name", "erp"), ("Input.Scopes", ApiScopes.EpcisCapture), ("Input.Scopes", ApiScopes.EpcisQuery)], "/traceability/keys?handler=Create");
        var html = await created.Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"new-api-key\">(shian_[0-9a-f]{64})<").Groups[1].Value;
        Assert.StartsWith("shian_", secret);

        using var machine = Client(factory, secret);
        var lot = "urn:epc:class:lgtin:4012345.012345.K" + Guid.NewGuid().ToString("N")[..8];
        await CaptureOkAsync(machine, Document(Commission(lot)).ToJsonString());
        Assert.Single(await EventsAsync(machine, "MATCH_anyEPC=" + Q(lot)));

        // Staff do not get this page; the administrators' page stays theirs.
        using var office = await factory.SignedInAsync(Roles.Office);
        Assert.NotEqual(HttpStatusCode.OK, (await office.GetAsync("/traceability/keys")).StatusCode);
    }
}
