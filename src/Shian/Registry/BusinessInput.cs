using System.Globalization;
using System.Text.RegularExpressions;
using Shian.Common;
using Shian.Organization;

namespace Shian.Registry;

/// <summary>
/// A business as typed in a form or read from a spreadsheet row: text only. <see cref="Build"/> checks every field and
/// turns it into a <see cref="Business"/>, naming each field by its column heading so that import errors read as the
/// spreadsheet does.
/// </summary>
public sealed partial class BusinessInput
{
    public static class Columns
    {
        public const string Name = "名称";
        public const string CreditCode = "统一社会信用代码";
        public const string CreditCodeOverride = "代码校验说明";
        public const string LegalRepresentative = "法定代表人";
        public const string Address = "地址";
        public const string Township = "乡镇街道";
        public const string Subtype = "类型";
        public const string Scale = "规模";
        public const string ContactName = "联系人";
        public const string ContactPhone = "联系电话";
        public const string Status = "状态";
        public const string Tags = "标签";
        public const string Latitude = "纬度";
        public const string Longitude = "经度";

        public static readonly IReadOnlyList<string> All =
            [Name, CreditCode, CreditCodeOverride, LegalRepresentative, Address, Township, Subtype, Scale, ContactName, ContactPhone, Status, Tags, Latitude, Longitude];

        public static readonly IReadOnlyList<string> Required = [Name, CreditCode, Address, Township, Subtype];
    }

    public sealed record FieldError(string Field, Problem Problem);

    // Setters turn null into "": a web form posts an empty field as null, and every field is checked by Build anyway.

    public string Name { get; set => field = value ?? ""; } = "";
    public string CreditCode { get; set => field = value ?? ""; } = "";
    public string CreditCodeOverride { get; set => field = value ?? ""; } = "";
    public string LegalRepresentative { get; set => field = value ?? ""; } = "";
    public string Address { get; set => field = value ?? ""; } = "";

    /// <summary>The township's name or its 9-digit code.</summary>
    public string Township { get; set => field = value ?? ""; } = "";

    /// <summary>The sub-type's code or Chinese name (餐馆, restaurant).</summary>
    public string Subtype { get; set => field = value ?? ""; } = "";

    public string Scale { get; set => field = value ?? ""; } = "";
    public string ContactName { get; set => field = value ?? ""; } = "";
    public string ContactPhone { get; set => field = value ?? ""; } = "";
    public string Status { get; set => field = value ?? ""; } = "";

    /// <summary>Tag codes or names separated by 、，,;| or spaces.</summary>
    public string Tags { get; set => field = value ?? ""; } = "";

    public string Latitude { get; set => field = value ?? ""; } = "";
    public string Longitude { get; set => field = value ?? ""; } = "";

    private static readonly Dictionary<string, BusinessScale> Scales = new()
    {
        ["微型"] = BusinessScale.Micro, ["小型"] = BusinessScale.Small, ["中型"] = BusinessScale.Medium, ["大型"] = BusinessScale.Large,
    };

    private static readonly Dictionary<string, BusinessStatus> Statuses = new()
    {
        ["正常"] = BusinessStatus.Active, ["在营"] = BusinessStatus.Active, ["停业"] = BusinessStatus.Suspended, ["注销"] = BusinessStatus.Closed,
    };

    public static string ScaleName(BusinessScale scale) => Scales.First(s => s.Value == scale).Key;

    public static string StatusName(BusinessStatus status) => Statuses.First(s => s.Value == status).Key;

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{5,18}[0-9]$")]
    private static partial Regex Phone();

    /// <param name="mayOverride">Whether this user may accept a credit code that fails its check, with a reason.</param>
    public (Business? Business, IReadOnlyList<FieldError> Errors) Build(IReadOnlyList<Township> townships, bool mayOverride)
    {
        var errors = new List<FieldError>();
        void Error(string field, Problem problem) => errors.Add(new FieldError(field, problem));

        var name = Name.Trim();
        if (name.Length == 0)
        {
            Error(Columns.Name, new Problem("Business.NameRequired"));
        }
        else if (name.Length > 200)
        {
            Error(Columns.Name, new Problem("Business.NameTooLong", 200));
        }

        var check = Registry.CreditCode.Validate(CreditCode);
        var overrideReason = CreditCodeOverride.Trim();
        if (check.Normalized.Length == 0)
        {
            Error(Columns.CreditCode, new Problem("Business.CreditCodeRequired"));
        }
        else if (!check.Valid && (check.ExpectedCheck is null || !mayOverride || overrideReason.Length == 0))
        {
            // Only a wrong check character may be overridden: a code of the wrong length or alphabet is no code at all.
            Error(Columns.CreditCode, check.ExpectedCheck is not null && mayOverride ? new Problem("Business.CreditCodeOverridable", check.Error!) : check.Error!);
        }

        var address = Address.Trim();
        if (address.Length is 0 or > 300)
        {
            Error(Columns.Address, address.Length == 0 ? new Problem("Business.AddressRequired") : new Problem("Business.AddressTooLong", 300));
        }

        var townshipText = Township.Trim();
        var township = townships.FirstOrDefault(t => t.Name == townshipText || t.Code == townshipText);
        if (township is null)
        {
            Error(Columns.Township, townshipText.Length == 0 ? new Problem("Business.TownshipRequired") : new Problem("Business.TownshipUnknown", townshipText));
        }

        var subtype = BusinessTypes.FindSubtype(Subtype);
        if (subtype is null)
        {
            Error(Columns.Subtype, Subtype.Trim().Length == 0 ? new Problem("Business.SubtypeRequired") : new Problem("Business.SubtypeUnknown", Subtype.Trim(), string.Join("、", BusinessTypes.Subtypes.Select(s => s.Name))));
        }

        var scale = BusinessScale.Small;
        if (Scale.Trim().Length > 0 && !Scales.TryGetValue(Scale.Trim(), out scale) && !Enum.TryParse(Scale.Trim(), true, out scale))
        {
            Error(Columns.Scale, new Problem("Business.ScaleUnknown", string.Join("、", Scales.Keys)));
        }
        var status = BusinessStatus.Active;
        if (Status.Trim().Length > 0 && !Statuses.TryGetValue(Status.Trim(), out status) && !Enum.TryParse(Status.Trim(), true, out status))
        {
            Error(Columns.Status, new Problem("Business.StatusUnknown"));
        }

        var phone = ContactPhone.Trim();
        if (phone.Length > 0 && !Phone().IsMatch(phone))
        {
            Error(Columns.ContactPhone, new Problem("Business.PhoneInvalid", phone));
        }

        var tags = new List<string>();
        foreach (var word in Tags.Split(['、', '，', ',', ';', '；', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (BusinessTypes.FindTag(word) is { } tag)
            {
                tags.Add(tag.Code);
            }
            else
            {
                Error(Columns.Tags, new Problem("Business.TagUnknown", word, string.Join("、", BusinessTypes.Tags.Select(t => t.Name))));
            }
        }

        double? latitude = null, longitude = null;
        if (Latitude.Trim().Length > 0 || Longitude.Trim().Length > 0)
        {
            // Within China's extent: a swapped pair or a missing decimal point is caught here.
            if (!double.TryParse(Latitude.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < 3 or > 54)
            {
                Error(Columns.Latitude, new Problem("Business.LatitudeRange", 3, 54));
            }
            else
            {
                latitude = lat;
            }
            if (!double.TryParse(Longitude.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lng) || lng is < 73 or > 136)
            {
                Error(Columns.Longitude, new Problem("Business.LongitudeRange", 73, 136));
            }
            else
            {
                longitude = lng;
            }
        }

        foreach (var (field, value, max) in new[] { (Columns.LegalRepresentative, LegalRepresentative, 100), (Columns.ContactName, ContactName, 100), (Columns.CreditCodeOverride, CreditCodeOverride, 500) })
        {
            if (value.Trim().Length > max)
            {
                Error(field, new Problem("Business.FieldTooLong", field, max));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        // Not yet registered: the page and the import register it (Business.Register) at the time they store it.
        var details = new BusinessDetails(name, check.Normalized, check.Valid ? "" : overrideReason, LegalRepresentative.Trim(), address, township!.Id,
            latitude, longitude, subtype!.Category, subtype.Code, scale, ContactName.Trim(), phone, Business.JoinTags(tags));
        return (Business.Register(details, status, default), errors);
    }

    /// <summary>A row of a spreadsheet, by column heading.</summary>
    public static BusinessInput FromRow(IReadOnlyDictionary<string, string> row)
    {
        string Get(string column) => row.TryGetValue(column, out var value) ? value : "";
        return new BusinessInput
        {
            Name = Get(Columns.Name), CreditCode = Get(Columns.CreditCode), CreditCodeOverride = Get(Columns.CreditCodeOverride),
            LegalRepresentative = Get(Columns.LegalRepresentative), Address = Get(Columns.Address), Township = Get(Columns.Township),
            Subtype = Get(Columns.Subtype), Scale = Get(Columns.Scale), ContactName = Get(Columns.ContactName), ContactPhone = Get(Columns.ContactPhone),
            Status = Get(Columns.Status), Tags = Get(Columns.Tags), Latitude = Get(Columns.Latitude), Longitude = Get(Columns.Longitude),
        };
    }
}
