using Shian.Traceability;

namespace Shian.Tests.Traceability;

/// <summary>EPC URNs and GS1 Digital Link URIs meet on one key (GS1 Tag Data Standard examples).</summary>
public sealed class TraceKeyTests
{
    [Theory]
    [InlineData("urn:epc:class:lgtin:4012345.012345.998877", "01/04012345123456/10/998877")]
    [InlineData("https://id.gs1.org/01/04012345123456/10/998877", "01/04012345123456/10/998877")]
    [InlineData("https://example.com/products/01/4012345123456/10/998877?exp=251231", "01/04012345123456/10/998877")]
    [InlineData("urn:epc:id:sgtin:0614141.107346.2017", "01/10614141073464/21/2017")]
    [InlineData("https://id.gs1.org/01/10614141073464/22/2A/21/2017", "01/10614141073464/21/2017")]
    [InlineData("urn:epc:id:sgtin:0614141.107346.AB%2F1", "01/10614141073464/21/AB/1")]
    [InlineData("urn:epc:idpat:sgtin:4012345.012345.*", "01/04012345123456")]
    [InlineData("https://id.gs1.org/01/04012345123456", "01/04012345123456")]
    [InlineData("urn:epc:id:sscc:0614141.1234567890", "00/106141412345678908")]
    [InlineData("urn:epc:id:sgln:0614141.12345.400", "414/0614141123452/254/400")]
    [InlineData("urn:epc:id:sgln:0614141.12345.0", "414/0614141123452")]
    [InlineData("https://id.gs1.org/414/0614141123452/254/400", "414/0614141123452/254/400")]
    [InlineData("urn:epc:id:pgln:0614141.12345", "417/0614141123452")]
    [InlineData("urn:epc:id:grai:0614141.12345.400", "urn:epc:id:grai:0614141.12345.400")]
    [InlineData("https://id.gs1.org/01/04012345123457/10/1", "https://id.gs1.org/01/04012345123457/10/1")] // wrong check digit: not a GS1 key
    public void Spellings_of_one_identifier_give_one_key(string identifier, string key) => Assert.Equal(key, TraceKey.Of(identifier));

    [Fact]
    public void A_lot_key_reads_back_with_slashes_in_the_lot()
    {
        var key = TraceKey.Lot("06901234567892", "2020/05-A");
        Assert.True(TraceKey.TryLot(key, out var gtin, out var lot));
        Assert.Equal(("06901234567892", "2020/05-A"), (gtin, lot));
        Assert.False(TraceKey.TryLot("01/10614141073464/21/2017", out _, out _));
        Assert.False(TraceKey.TryLot("00/106141412345678908", out _, out _));
    }

    [Theory]
    [InlineData("6901234567892", "06901234567892")]
    [InlineData("06901234567892", "06901234567892")]
    [InlineData("96385074", "00000096385074")]
    [InlineData("614141000036", "00614141000036")]
    [InlineData("6901234567893", null)]
    [InlineData("690123456789", null)]
    [InlineData("69012345678a2", null)]
    [InlineData("", null)]
    public void Gtins_are_checked_and_padded_to_14_digits(string input, string? expected) => Assert.Equal(expected, Gtin.Normalize(input));
}
