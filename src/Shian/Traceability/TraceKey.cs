namespace Shian.Traceability;

/// <summary>
/// One spelling for every GS1 identifier, whether it arrived as an EPC URN (<c>urn:epc:class:lgtin:4012345.012345.998877</c>)
/// or a GS1 Digital Link URI (<c>https://id.gs1.org/01/04012345123452/10/998877</c>): the Digital Link path without
/// host, <c>01/04012345123452/10/998877</c>. Events, queries, lots and QR codes meet on this key. Identifiers that are
/// not GS1 keys (a GRAI, a private URI) are kept as given.
/// </summary>
public static class TraceKey
{
    public static string Lot(string gtin14, string lot) => $"01/{gtin14}/10/{lot}";

    public static string Product(string gtin14) => $"01/{gtin14}";

    /// <summary>A location by its 13-digit GLN, with its extension unless there is none (empty or "0").</summary>
    public static string Location(string gln13, string? extension) =>
        extension is null or "" or "0" ? $"414/{gln13}" : $"414/{gln13}/254/{extension}";

    /// <summary>Reads a lot key back: a GTIN-14 and the lot (which may itself contain slashes).</summary>
    public static bool TryLot(string key, out string gtin14, out string lot)
    {
        gtin14 = lot = "";
        if (key.Length < 21 || !key.StartsWith("01/", StringComparison.Ordinal) || key.AsSpan(17, 4) is not "/10/")
        {
            return false;
        }
        gtin14 = key[3..17];
        lot = key[21..];
        return lot.Length > 0;
    }

    public static string Of(string identifier)
    {
        var value = identifier.Trim();
        if (value.StartsWith("urn:epc:", StringComparison.Ordinal))
        {
            return FromUrn(value) ?? value;
        }
        if (value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return FromDigitalLink(value) ?? value;
        }
        return value;
    }

    private static string? FromUrn(string urn)
    {
        var colon = urn.LastIndexOf(':');
        var scheme = urn[..colon];
        var parts = urn[(colon + 1)..].Split('.');
        switch (scheme, parts)
        {
            case ("urn:epc:id:sgtin", [var prefix, var item, var serial]) when Digits(prefix, item, 13):
                return $"01/{GtinOf(prefix, item)}/21/{Uri.UnescapeDataString(serial)}";
            case ("urn:epc:class:lgtin", [var prefix, var item, var lot]) when Digits(prefix, item, 13):
                return Lot(GtinOf(prefix, item), Uri.UnescapeDataString(lot));
            case ("urn:epc:idpat:sgtin", [var prefix, var item, "*"]) when Digits(prefix, item, 13):
                return Product(GtinOf(prefix, item));
            case ("urn:epc:id:sscc", [var prefix, var serial]) when Digits(prefix, serial, 17):
                var sscc17 = serial[..1] + prefix + serial[1..];
                return $"00/{sscc17}{Gtin.CheckDigit(sscc17)}";
            case ("urn:epc:id:sgln", [var prefix, var location, var extension]) when Digits(prefix, location, 12):
                var gln = prefix + location;
                return Location(gln + Gtin.CheckDigit(gln), Uri.UnescapeDataString(extension));
            case ("urn:epc:id:pgln", [var prefix, var party]) when Digits(prefix, party, 12):
                var pgln = prefix + party;
                return $"417/{pgln}{Gtin.CheckDigit(pgln)}";
            default:
                return null;
        }
    }

    private static string? FromDigitalLink(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return null;
        }
        var segments = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        // The primary key may follow a path prefix (https://example.com/products/01/…), so look for the first one.
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            var rest = segments[(i + 2)..];
            switch (segments[i])
            {
                case "01" when Gtin.Normalize(segments[i + 1]) is { } gtin:
                    // A consumer product variant (22) may sit between the GTIN and the lot or serial.
                    var qualifiers = rest is ["22", _, ..] ? rest[2..] : rest;
                    return qualifiers switch
                    {
                        ["10", var lot, ..] => Lot(gtin, lot),
                        ["21", var serial, ..] => $"01/{gtin}/21/{serial}",
                        _ => Product(gtin),
                    };
                case "00" when segments[i + 1].Length == 18 && segments[i + 1].All(char.IsAsciiDigit):
                    return $"00/{segments[i + 1]}";
                case "414" when segments[i + 1].Length == 13 && segments[i + 1].All(char.IsAsciiDigit):
                    return Location(segments[i + 1], rest is ["254", var extension, ..] ? extension : null);
                case "417" when segments[i + 1].Length == 13 && segments[i + 1].All(char.IsAsciiDigit):
                    return $"417/{segments[i + 1]}";
            }
        }
        return null;
    }

    /// <summary>The URN's company prefix and reference must together have the key's digit count (13 for a GTIN).</summary>
    private static bool Digits(string prefix, string reference, int length) =>
        prefix.Length + reference.Length == length && prefix.All(char.IsAsciiDigit) && reference.All(char.IsAsciiDigit);

    private static string GtinOf(string prefix, string indicatorAndItem)
    {
        var gtin13 = indicatorAndItem[..1] + prefix + indicatorAndItem[1..];
        return gtin13 + Gtin.CheckDigit(gtin13);
    }
}

/// <summary>GS1 Global Trade Item Numbers.</summary>
public static class Gtin
{
    /// <summary>
    /// A GTIN-8, -12, -13 or -14 as the 14-digit form used in keys, or null when it is not digits of those lengths or its
    /// check digit is wrong.
    /// </summary>
    public static string? Normalize(string? digits)
    {
        var value = digits?.Trim() ?? "";
        if (value.Length is not (8 or 12 or 13 or 14) || !value.All(char.IsAsciiDigit))
        {
            return null;
        }
        var gtin14 = value.PadLeft(14, '0');
        return CheckDigit(gtin14[..13]) == gtin14[13] ? gtin14 : null;
    }

    /// <summary>The GS1 mod-10 check digit for the digits before it (weights 3 and 1 from the right).</summary>
    public static char CheckDigit(string digitsWithoutCheck)
    {
        var sum = 0;
        for (var i = 0; i < digitsWithoutCheck.Length; i++)
        {
            var digit = digitsWithoutCheck[digitsWithoutCheck.Length - 1 - i] - '0';
            sum += digit * (i % 2 == 0 ? 3 : 1);
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }
}
