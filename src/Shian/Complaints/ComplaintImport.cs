using System.Globalization;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Complaints;

/// <summary>
/// 导入热线工单: a hotline system's exported work orders (.xlsx or .csv, one header row of <see cref="Columns"/>). Each row
/// goes through <see cref="ComplaintIntake.PrepareAsync"/> with the receipt time from the file, so it is checked, routed
/// and clocked as a ticket typed by hand; a ticket already stored or repeated in the file is a row error. All or nothing:
/// any bad row refuses the file with its row, column and reason, and the rows are stored together in one save.
/// </summary>
public static class ComplaintImport
{
    public static class Columns
    {
        public const string Ticket = "工单号";
        public const string Channel = "渠道";
        public const string Kind = "类别";
        public const string ReceivedAt = "受理时间";
        public const string BusinessName = "被投诉对象";
        public const string CreditCode = "统一社会信用代码";
        public const string Address = "地址";
        public const string Description = "事由";
        public const string OccurredOn = "发生日期";
        public const string ContactName = "联系人";
        public const string ContactPhone = "联系电话";

        public static readonly IReadOnlyList<string> All =
            [Ticket, Channel, Kind, ReceivedAt, BusinessName, CreditCode, Address, Description, OccurredOn, ContactName, ContactPhone];

        public static readonly IReadOnlyList<string> Required = [Ticket, Channel, Kind, ReceivedAt, BusinessName, Address, Description];

        /// <summary>English headings a file may use instead (compared without case, spaces or underscores).</summary>
        private static readonly Dictionary<string, string> Aliases = new()
        {
            ["ticket"] = Ticket, ["ticketnumber"] = Ticket, ["workorder"] = Ticket, ["channel"] = Channel, ["kind"] = Kind, ["type"] = Kind,
            ["received"] = ReceivedAt, ["receivedat"] = ReceivedAt, ["receipttime"] = ReceivedAt, ["business"] = BusinessName,
            ["businessname"] = BusinessName, ["creditcode"] = CreditCode, ["uscc"] = CreditCode, ["address"] = Address,
            ["description"] = Description, ["occurred"] = OccurredOn, ["occurredon"] = OccurredOn, ["contact"] = ContactName,
            ["contactname"] = ContactName, ["phone"] = ContactPhone, ["contactphone"] = ContactPhone,
        };

        /// <summary>The column a heading names (its own name or an English alias), or null for one the import does not read.</summary>
        public static string? Of(string heading)
        {
            var text = heading.Trim();
            return All.Contains(text) ? text : Aliases.GetValueOrDefault(text.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant());
        }
    }

    /// <summary>A district's hotline tickets for a month are a few hundred; each row is checked against the database.</summary>
    public static readonly ImportLimits Limits = new(MaxRows: 2_000, MaxFileBytes: 5 * 1024 * 1024, MaxUnpackedBytes: 32 * 1024 * 1024);

    /// <summary>The file's rows by column (the headings as the file writes them kept for the report), and the headings not read.</summary>
    public sealed record Sheet(IReadOnlyList<BusinessImport.Row> Rows, IReadOnlyDictionary<string, string> Headings, IReadOnlyList<string> Ignored);

    public sealed record Checked(IReadOnlyList<Complaint> Complaints, IReadOnlyList<BusinessImport.RowError> Errors);

    /// <summary>Reads the rows of the file, or says why the file cannot be read as work orders.</summary>
    public static (Sheet? Sheet, Problem? Error) Read(byte[] content, string fileName)
    {
        var (records, error) = ImportReader.Sheet(content, fileName, Limits, headers =>
        {
            var missing = Columns.Required.Where(c => !headers.Any(h => Columns.Of(h) == c)).ToList();
            return missing.Count > 0 ? new Problem("Import.ColumnsMissing", string.Join("、", missing)) : null;
        });
        if (error is not null)
        {
            return (null, error);
        }
        var headings = new Dictionary<string, string>();
        var ignored = new List<string>();
        foreach (var heading in records.Count > 0 ? records[0].Keys : [])
        {
            if (Columns.Of(heading) is { } column)
            {
                headings.TryAdd(column, heading.Trim());
            }
            else if (heading.Trim().Length > 0)
            {
                ignored.Add(heading.Trim());
            }
        }
        var rows = new List<BusinessImport.Row>();
        for (var i = 0; i < records.Count; i++)
        {
            var values = new Dictionary<string, string>();
            foreach (var (heading, value) in records[i])
            {
                if (Columns.Of(heading) is { } column && !values.ContainsKey(column))
                {
                    values[column] = value is DateTime t && t.TimeOfDay != TimeSpan.Zero
                        ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                        : BusinessImport.Cell(value);
                }
            }
            if (values.Values.Any(v => v.Length > 0))
            {
                rows.Add(new BusinessImport.Row(i + 2, values)); // row 1 is the header; a blank line is not a work order
            }
        }
        return rows.Count == 0 ? (null, new Problem("Import.NoRows")) : (new Sheet(rows, headings, ignored), null);
    }

    /// <summary>
    /// Checks every row through the intake (one <see cref="ComplaintIntake.Context"/>, so a ticket stored or met earlier in
    /// the file is refused) and answers the complaints ready to store, or the errors by row and column.
    /// </summary>
    public static async Task<Checked> CheckAsync(ShianDb db, Sheet sheet, ComplaintSettings settings, string by, DateTime now, CancellationToken ct = default)
    {
        var context = new ComplaintIntake.Context(db);
        var complaints = new List<Complaint>();
        var errors = new List<BusinessImport.RowError>();
        var seen = new Dictionary<string, int>();
        foreach (var row in sheet.Rows)
        {
            string Cell(string column) => row.Values.GetValueOrDefault(column, "").Trim();
            var own = new Dictionary<string, Problem>();
            var channel = Cell(Columns.Channel) is { Length: > 0 } channelText
                ? ComplaintIntake.HotlineChannel(channelText) ?? Refuse<ComplaintChannel>(own, Columns.Channel, new Problem("Complaint.ChannelUnknown", channelText))
                : Refuse<ComplaintChannel>(own, Columns.Channel, new Problem("Complaint.Required", new Problem.Term("Complaint.Channel")));
            var kind = Cell(Columns.Kind) is { Length: > 0 } kindText
                ? KindOf(kindText) ?? Refuse<ComplaintKind>(own, Columns.Kind, new Problem("ComplaintImport.KindUnknown", kindText))
                : null; // the intake says it is required
            var receivedAt = ReceiptTime(Cell(Columns.ReceivedAt), now, own);
            DateOnly? occurredOn = null;
            if (Cell(Columns.OccurredOn) is { Length: > 0 } occurredText)
            {
                occurredOn = DateOf(occurredText) is { } day ? DateOnly.FromDateTime(day) : Refuse<DateOnly>(own, Columns.OccurredOn, new Problem("Complaint.DateInvalid", occurredText));
            }
            var ticket = Cell(Columns.Ticket);
            var key = (channel ?? ComplaintChannel.Hotline12315) + ":" + ticket; // as the intake's context counts tickets
            var input = new Complaint.Input(kind, Cell(Columns.BusinessName), Cell(Columns.CreditCode), Cell(Columns.Address), Cell(Columns.Description),
                occurredOn, Cell(Columns.ContactName), Cell(Columns.ContactPhone), HotlineTicket: ticket);
            var (complaint, refused) = await ComplaintIntake.PrepareAsync(db, input, channel ?? ComplaintChannel.Hotline12315, settings, by,
                receivedAt ?? now, context, ct);
            foreach (var (field, problem) in refused)
            {
                var column = ColumnOf(field);
                // The intake says "already registered" of a ticket met earlier in this file too: name that row instead.
                var said = field == nameof(Complaint.HotlineTicket) && problem.Code == "Complaint.TicketExists" && seen.TryGetValue(key, out var first)
                    ? new Problem("Import.DuplicateRow", first, ticket)
                    : problem;
                own.TryAdd(column, said);
            }
            seen.TryAdd(key, row.Number);
            errors.AddRange(own.Select(e => new BusinessImport.RowError(row.Number, sheet.Headings.GetValueOrDefault(e.Key, e.Key), e.Value)));
            if (own.Count == 0 && complaint is not null)
            {
                complaints.Add(complaint);
            }
        }
        return new Checked(complaints, errors);
    }

    /// <summary>Stores the checked complaints (and whatever else the caller staged, such as dropping the checked file) in one save.</summary>
    public static async Task<int> StoreAsync(ShianDb db, Checked result, CancellationToken ct = default)
    {
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("A refused import is not stored.");
        }
        db.Complaints.AddRange(result.Complaints);
        await db.SaveChangesAsync(ct); // one transaction: every row or none
        return result.Complaints.Count;
    }

    /// <summary>The template's example row: a complaint received yesterday morning (China time), in the values the import reads.</summary>
    public static IReadOnlyList<object?> Example(DateTime now)
    {
        var yesterday = ShianTime.ToLocal(now).Date.AddDays(-1);
        return [$"12315{yesterday:yyyyMMdd}0001", "12315", "投诉", yesterday.AddHours(9).AddMinutes(30), "蓟州区某某饭店", "", "渔阳镇北大街 8 号",
            "在店内用餐后腹泻，怀疑凉菜不洁，要求赔偿", yesterday.AddDays(-1), "王女士", "13800000000"];
    }

    /// <summary>Notes the column's problem (the first one a column gets stands) and answers no value.</summary>
    private static T? Refuse<T>(Dictionary<string, Problem> errors, string column, Problem problem) where T : struct
    {
        errors.TryAdd(column, problem);
        return null;
    }

    private static ComplaintKind? KindOf(string text) => text.ToLowerInvariant() switch
    {
        "投诉" or "complaint" => ComplaintKind.Complaint,
        "举报" or "report" => ComplaintKind.Report,
        _ => null,
    };

    /// <summary>When the hotline took it (China time unless the text carries an offset), refused when unreadable or still to come.</summary>
    private static DateTime? ReceiptTime(string text, DateTime now, Dictionary<string, Problem> errors)
    {
        if (text.Length == 0)
        {
            return Refuse<DateTime>(errors, Columns.ReceivedAt, new Problem("Complaint.Required", new Problem.Term("ComplaintImport.ReceivedAt")));
        }
        DateTime at;
        if (DateOf(text) is { } local)
        {
            at = ShianTime.FromLocal(local);
        }
        else if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            at = withOffset.UtcDateTime;
        }
        else
        {
            return Refuse<DateTime>(errors, Columns.ReceivedAt, new Problem("ComplaintImport.TimeInvalid", text));
        }
        return at > now ? Refuse<DateTime>(errors, Columns.ReceivedAt, new Problem("Complaint.ReceivedInFuture", text)) : at;
    }

    private static readonly string[] Formats =
    [
        "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy-M-d", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d", "yyyy-M-d'T'H:mm:ss", "yyyy-M-d'T'H:mm",
        "yyyy.M.d", "yyyyMMdd",
    ];

    /// <summary>ISO 8601 with an offset, as a hotline system's API writes it (2026-03-02T09:30:00+08:00, or Z for UTC).</summary>
    private static readonly string[] OffsetFormats =
        ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    /// <summary>A local date or date-time as exports write it, or an Excel serial number (a date cell read without its format).</summary>
    private static DateTime? DateOf(string text)
    {
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 20_000 and < 100_000
            ? DateTime.FromOADate(serial)
            : null;
    }

    /// <summary>The column of a field the intake refused.</summary>
    private static string ColumnOf(string field) => field switch
    {
        nameof(Complaint.HotlineTicket) => Columns.Ticket,
        nameof(Complaint.Kind) => Columns.Kind,
        nameof(Complaint.BusinessName) => Columns.BusinessName,
        nameof(Complaint.BusinessCreditCode) or nameof(Complaint.BusinessId) => Columns.CreditCode,
        nameof(Complaint.Address) or "" => Columns.Address, // no handler found: routing goes by the address
        nameof(Complaint.Description) => Columns.Description,
        nameof(Complaint.OccurredOn) => Columns.OccurredOn,
        nameof(Complaint.ContactName) => Columns.ContactName,
        nameof(Complaint.ContactPhone) => Columns.ContactPhone,
        _ => field,
    };
}
