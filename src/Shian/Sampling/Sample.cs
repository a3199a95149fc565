using System.Globalization;
using System.Text.RegularExpressions;
using Shian.Common;

namespace Shian.Sampling;

/// <summary>抽检类型 (食品安全抽样检验管理办法).</summary>
public enum SamplingKind
{
    Supervision,    // 监督抽检
    RiskMonitoring, // 风险监测
    Evaluation,     // 评价性抽检
}

/// <summary>抽样环节.</summary>
public enum SamplingEnvironment
{
    Production,   // 生产
    Distribution, // 流通
    Catering,     // 餐饮
    Online,       // 网络
}

public enum SampleStatus
{
    Draft,     // 草稿: filled, not yet handed in
    Submitted, // 已抽样: the form is signed and numbered; the sample is on its way to the lab
    Received,  // 已接收: the laboratory has it
    Tested,    // 已检验: results entered
    Reported,  // 已出具报告: the report is uploaded
}

/// <summary>The overall verdict; the failure handling (核查处置) of another module starts from <see cref="Failed"/>.</summary>
public enum SampleConclusion
{
    Passed, // 合格
    Failed, // 不合格
}

public enum ItemJudgement
{
    Pass, // 合格
    Fail, // 不合格
}

/// <summary>
/// 抽样单: one batch sampled from one business, the lab it goes to and what the lab finds. The business's particulars are
/// copied at the time of sampling (the form is a record of that day, not a live view of the registry). Every transition
/// is a method here that returns an error or null; the statutory limits (5 working days to the lab, 20 to the report)
/// are counted with the <see cref="WorkingDayCalendar"/>.
/// </summary>
public partial class Sample
{
    public const int TextMaxLength = 200;
    public const int DaysToLaboratory = 5;
    public const int DaysToReport = 20;
    public const string NumberPrefix = "JZ";

    public Guid Id { get; set; }

    /// <summary>抽样单编号, e.g. JZ-2026-000123: given on submit (or taken from the pre-printed paper form); unique.</summary>
    public string? Number { get; set; }

    public string TaskSource { get; set; } = "";
    public SamplingKind Kind { get; set; }
    public SamplingEnvironment Environment { get; set; }

    public Guid BusinessId { get; set; }
    public Guid TownshipId { get; set; }
    public string BusinessName { get; set; } = "";
    public string BusinessAddress { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string LicenceNumber { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";

    /// <summary>The food category's code (or top-level name) until the category tree is linked.</summary>
    public string FoodCategoryCode { get; set; } = "";

    public string SampleName { get; set; } = "";
    public string Brand { get; set; } = "";
    public string Specification { get; set; } = "";
    public string BatchNumber { get; set; } = "";

    /// <summary>商品条码 (GTIN-14 once validated), "" when unknown: with <see cref="BatchNumber"/> it names the trace lot.</summary>
    public string Gtin { get; set; } = "";

    public DateOnly? ProductionDate { get; set; }

    /// <summary>保质期 as printed: "12个月", "180天", "2年".</summary>
    public string ShelfLife { get; set; } = "";

    public string Standard { get; set; } = "";
    public string ScNumber { get; set; } = "";
    public decimal? Price { get; set; }
    public bool Imported { get; set; }
    public string Origin { get; set; } = "";
    public string Packaging { get; set; } = "";
    public string StorageCondition { get; set; } = "";

    public decimal? BatchSize { get; set; }
    public decimal QuantityTaken { get; set; }
    public decimal BackupQuantity { get; set; }
    public string QuantityUnit { get; set; } = "";

    public string ProducerName { get; set; } = "";
    public string ProducerAddress { get; set; } = "";

    public DateOnly SampledOn { get; set; }

    /// <summary>抽样单位 (a member unit or a contracted 承检机构).</summary>
    public Guid SamplingUnitId { get; set; }

    /// <summary>承检机构: a unit of kind laboratory; its users see this sample.</summary>
    public Guid LaboratoryId { get; set; }

    public string Sampler1 { get; set; } = "";
    public string Sampler2 { get; set; } = "";

    /// <summary>被抽样单位签字: the operator's signer confirmed the form on site.</summary>
    public bool OperatorConfirmed { get; set; }
    public string SignerName { get; set; } = "";
    public DateTime? SignedAt { get; set; }

    public SampleStatus Status { get; private set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? SubmittedAt { get; private set; }

    /// <summary>The last day the lab may receive it: 5 working days after sampling.</summary>
    public DateOnly? ReceiptDeadline { get; private set; }

    public DateOnly? ReceivedOn { get; private set; }
    public DateTime? ReceivedAt { get; private set; }
    public string? ReceivedBy { get; private set; }

    /// <summary>Working days after <see cref="ReceiptDeadline"/> the lab received it; 0 when in time.</summary>
    public int ReceivedLateDays { get; private set; }

    /// <summary>The last day for the report: 20 working days after receipt.</summary>
    public DateOnly? ReportDeadline { get; private set; }

    public DateTime? TestedAt { get; private set; }
    public string? TestedBy { get; private set; }
    public SampleConclusion? Conclusion { get; private set; }

    public Guid? ReportFileId { get; private set; }
    public DateOnly? ReportedOn { get; private set; }
    public DateTime? ReportedAt { get; private set; }
    public string? ReportedBy { get; private set; }

    private readonly List<SampleTestItem> items = [];

    /// <summary>The tested items, in order: set only by <see cref="RecordResults"/> (EF fills the field).</summary>
    public IReadOnlyList<SampleTestItem> Items => items;

    public bool ReceivedLate => ReceivedLateDays > 0;

    /// <summary>Sent but not received by the lab within 5 working days.</summary>
    public bool IsReceiptOverdue(DateOnly today) => Status == SampleStatus.Submitted && ReceiptDeadline is { } d && today > d;

    /// <summary>Received and no report by the 20th working day.</summary>
    public bool IsReportOverdue(DateOnly today) => Status is SampleStatus.Received or SampleStatus.Tested && ReportDeadline is { } d && today > d;

    public bool ReportedLate => ReportedOn is { } on && ReportDeadline is { } d && on > d;

    [GeneratedRegex(@"^[A-Z]{2,6}-\d{4}-\d{6}$")]
    public static partial Regex NumberFormat();

    [GeneratedRegex(@"^\d{1,4}\s*(天|日|个月|月|年)$")]
    private static partial Regex ShelfLifeFormat();

    /// <summary>The next number of a year, after the highest already given (JZ-2026-000123 → JZ-2026-000124).</summary>
    public static string NextNumber(int year, IEnumerable<string?> existing)
    {
        var prefix = $"{NumberPrefix}-{year:D4}-";
        var max = existing.Where(n => n is not null && n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => int.TryParse(n![prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max();
        return prefix + (max + 1).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Checks the filled form against the rules of the form itself (field by field) and the day it is filled. An empty
    /// dictionary means it may be stored. A field's name is worded from the resource <c>SampleField.{Field}</c>.
    /// </summary>
    public Dictionary<string, Problem> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, Problem>();
        static Problem.Term Label(string field) => new("SampleField." + field);
        void Required(string field, string value, string label)
        {
            if (value.Length == 0)
            {
                errors[field] = new Problem("Sample.Required", Label(field));
            }
            else if (value.Length > TextMaxLength)
            {
                errors[field] = new Problem("Sample.TooLong", Label(field), TextMaxLength);
            }
        }
        void Optional(string field, string value, string label)
        {
            if (value.Length > TextMaxLength)
            {
                errors[field] = new Problem("Sample.TooLong", Label(field), TextMaxLength);
            }
        }
        Required(nameof(TaskSource), TaskSource, "任务来源");
        Required(nameof(BusinessName), BusinessName, "被抽样单位名称");
        Required(nameof(BusinessAddress), BusinessAddress, "被抽样单位地址");
        Optional(nameof(CreditCode), CreditCode, "统一社会信用代码");
        Optional(nameof(LicenceNumber), LicenceNumber, "许可证编号");
        Optional(nameof(ContactName), ContactName, "联系人");
        Optional(nameof(ContactPhone), ContactPhone, "联系电话");
        Required(nameof(FoodCategoryCode), FoodCategoryCode, "食品类别");
        Required(nameof(SampleName), SampleName, "样品名称");
        Optional(nameof(Brand), Brand, "商标");
        Required(nameof(Specification), Specification, "规格型号");
        Optional(nameof(Standard), Standard, "执行标准");
        Optional(nameof(ScNumber), ScNumber, "生产许可证编号");
        Optional(nameof(Packaging), Packaging, "包装分类");
        Optional(nameof(StorageCondition), StorageCondition, "储存条件");
        Optional(nameof(ProducerName), ProducerName, "标称生产者名称");
        Optional(nameof(ProducerAddress), ProducerAddress, "标称生产者地址");
        Required(nameof(QuantityUnit), QuantityUnit, "数量单位");
        Required(nameof(Sampler1), Sampler1, "抽样人员（一）");
        Required(nameof(Sampler2), Sampler2, "抽样人员（二）");
        Optional(nameof(Origin), Origin, "原产地");
        Optional(nameof(BatchNumber), BatchNumber, "批号");
        if (Sampler1.Length > 0 && Sampler1 == Sampler2)
        {
            errors[nameof(Sampler2)] = new Problem("Sample.SamplersSame");
        }
        if (SampledOn == default)
        {
            errors[nameof(SampledOn)] = new Problem("Sample.SampledOnRequired");
        }
        else if (SampledOn > today)
        {
            errors[nameof(SampledOn)] = new Problem("Sample.SampledOnFuture");
        }
        if (Gtin.Length > 0)
        {
            if (Traceability.Gtin.Normalize(Gtin) is { } gtin14)
            {
                Gtin = gtin14;
            }
            else
            {
                errors[nameof(Gtin)] = new Problem("Sample.GtinInvalid");
            }
        }
        if (BatchNumber.Length == 0 && ProductionDate is null)
        {
            errors[nameof(BatchNumber)] = new Problem("Sample.BatchOrProductionDate");
        }
        if (ProductionDate is { } made && SampledOn != default && made > SampledOn)
        {
            errors[nameof(ProductionDate)] = new Problem("Sample.ProductionAfterSampling");
        }
        else if (ProductionDate is { } made2 && made2 > today)
        {
            errors[nameof(ProductionDate)] = new Problem("Sample.ProductionFuture");
        }
        if (ShelfLife.Length == 0)
        {
            errors[nameof(ShelfLife)] = new Problem("Sample.ShelfLifeRequired");
        }
        else if (!ShelfLifeFormat().IsMatch(ShelfLife) || ShelfLife.StartsWith('0'))
        {
            errors[nameof(ShelfLife)] = new Problem("Sample.ShelfLifeFormat");
        }
        if (Price is < 0)
        {
            errors[nameof(Price)] = new Problem("Sample.PriceNegative");
        }
        if (Imported && Origin.Length == 0)
        {
            errors[nameof(Origin)] = new Problem("Sample.OriginRequired");
        }
        if (BatchSize is <= 0)
        {
            errors[nameof(BatchSize)] = new Problem("Sample.BatchSizePositive");
        }
        if (QuantityTaken <= 0)
        {
            errors[nameof(QuantityTaken)] = new Problem("Sample.QuantityTakenPositive");
        }
        if (BackupQuantity <= 0)
        {
            errors[nameof(BackupQuantity)] = new Problem("Sample.BackupPositive");
        }
        else if (QuantityTaken > 0 && BackupQuantity > QuantityTaken)
        {
            errors[nameof(BackupQuantity)] = new Problem("Sample.BackupExceedsTaken");
        }
        if (BatchSize is > 0 && QuantityTaken > BatchSize)
        {
            errors[nameof(QuantityTaken)] = new Problem("Sample.TakenExceedsBatch");
        }
        if (!OperatorConfirmed)
        {
            errors[nameof(OperatorConfirmed)] = new Problem("Sample.SignatureRequired");
        }
        Required(nameof(SignerName), SignerName, "被抽样单位签字人");
        if (Number is { Length: > 0 } number && !NumberFormat().IsMatch(number))
        {
            errors[nameof(Number)] = new Problem("Sample.NumberFormat");
        }
        return errors;
    }

    /// <summary>提交: the form is signed and numbered; from now on the 5-working-day limit to the lab runs.</summary>
    public Problem? Submit(string number, WorkingDayCalendar calendar, DateTime at)
    {
        if (Status != SampleStatus.Draft)
        {
            return new Problem("Sample.AlreadySubmitted");
        }
        if (!NumberFormat().IsMatch(number))
        {
            return new Problem("Sample.NumberFormat");
        }
        if (!OperatorConfirmed || SignerName.Length == 0)
        {
            return new Problem("Sample.NotSigned");
        }
        Number = number;
        SubmittedAt = at;
        SignedAt ??= at;
        ReceiptDeadline = calendar.AddWorkingDays(SampledOn, DaysToLaboratory);
        EnsurePublicToken(); // the printed form's QR code opens the public check by this token
        Status = SampleStatus.Submitted;
        return null;
    }

    /// <summary>
    /// 样品接收: the lab takes the sample. After the 5th working day it is still taken, and marked late by the number of
    /// working days; the 20-working-day report limit starts from the day of receipt.
    /// </summary>
    public Problem? Receive(DateOnly receivedOn, WorkingDayCalendar calendar, DateTime at, string by)
    {
        if (Status != SampleStatus.Submitted)
        {
            return Status == SampleStatus.Draft ? new Problem("Sample.NotSubmitted") : new Problem("Sample.AlreadyReceived");
        }
        if (receivedOn < SampledOn)
        {
            return new Problem("Sample.ReceivedBeforeSampling");
        }
        if (receivedOn > ShianTime.LocalDate(at))
        {
            return new Problem("Sample.ReceivedInFuture");
        }
        var deadline = ReceiptDeadline ?? calendar.AddWorkingDays(SampledOn, DaysToLaboratory);
        ReceiptDeadline = deadline;
        ReceivedOn = receivedOn;
        ReceivedAt = at;
        ReceivedBy = by;
        ReceivedLateDays = Math.Max(0, calendar.WorkingDaysBetween(deadline, receivedOn));
        ReportDeadline = calendar.AddWorkingDays(receivedOn, DaysToReport);
        Status = SampleStatus.Received;
        return null;
    }

    /// <summary>
    /// 检验结果: the items tested, each judged; any 不合格 item makes the sample 不合格. Entered again before the report,
    /// they replace the earlier entry. Returns the errors by item (key "Items[i].Field"), none when taken.
    /// </summary>
    public Dictionary<string, Problem> RecordResults(IReadOnlyList<SampleTestItem> items, DateTime at, string by)
    {
        var errors = new Dictionary<string, Problem>();
        if (Status is not (SampleStatus.Received or SampleStatus.Tested))
        {
            errors[nameof(Items)] = Status == SampleStatus.Reported
                ? new Problem("Sample.ReportOut")
                : new Problem("Sample.NotReceived");
            return errors;
        }
        if (items.Count == 0)
        {
            errors[nameof(Items)] = new Problem("Sample.NoItems");
            return errors;
        }
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (field, problem) in items[i].Validate())
            {
                errors[$"Items[{i}].{field}"] = new Problem("Sample.ItemProblem", i + 1, problem);
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        this.items.Clear();
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Order = i;
            this.items.Add(items[i]);
        }
        Conclusion = ConclusionOf(items);
        TestedAt = at;
        TestedBy = by;
        Status = SampleStatus.Tested;
        return errors;
    }

    /// <summary>Any 不合格 item → 不合格.</summary>
    public static SampleConclusion ConclusionOf(IEnumerable<SampleTestItem> items) =>
        items.Any(i => i.Judgement == ItemJudgement.Fail) ? SampleConclusion.Failed : SampleConclusion.Passed;

    /// <summary>检验报告: a PDF closes the lab's part; after the 20th working day it is taken and shown as late.</summary>
    public Problem? AttachReport(StoredFile report, DateTime at, string by)
    {
        if (Status != SampleStatus.Tested)
        {
            return Status == SampleStatus.Reported ? new Problem("Sample.AlreadyReported") : new Problem("Sample.ResultsFirst");
        }
        if (report.ContentType != "application/pdf")
        {
            return new Problem("Sample.ReportNotPdf");
        }
        ReportFileId = report.Id;
        ReportedOn = ShianTime.LocalDate(at);
        ReportedAt = at;
        ReportedBy = by;
        Status = SampleStatus.Reported;
        return null;
    }
}

/// <summary>One test item of a sample: what was measured, against which limit, and the lab's judgement.</summary>
public class SampleTestItem
{
    public Guid Id { get; set; }
    public Guid SampleId { get; set; }
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";

    /// <summary>The unit of a measured value (mg/kg); when given, the value must be a number or 未检出.</summary>
    public string Unit { get; set; } = "";

    public string Limit { get; set; } = "";
    public string MethodStandard { get; set; } = "";
    public ItemJudgement? Judgement { get; set; }

    /// <summary>What a lab writes for a value below the limit of detection.</summary>
    public static readonly IReadOnlyList<string> NotDetected = ["未检出", "ND", "<LOD"];

    /// <summary>
    /// The item's own checks: name, value (a number within its unit's plausible range, see <see cref="SampleResultRanges"/>,
    /// or 未检出), a judgement that does not contradict a "≤X" limit, lengths. Empty when it may be stored.
    /// </summary>
    public IEnumerable<(string Field, Problem Problem)> Validate()
    {
        if (Name.Length == 0)
        {
            yield return (nameof(Name), new Problem("Sample.Item.NameRequired"));
        }
        if (Value.Length == 0)
        {
            yield return (nameof(Value), new Problem("Sample.Item.ValueRequired"));
        }
        else if (decimal.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // Outside its unit's plausible range (SampleResultRanges.ByUnit), or judged 合格 above a "≤X" limit: refused.
            if (SampleResultRanges.Check(Name, number, Unit) is { } outside)
            {
                yield return (nameof(Value), outside);
            }
            else if (SampleResultRanges.CheckJudgement(Name, number, Limit, Judgement) is { } contradiction)
            {
                yield return (nameof(Judgement), contradiction);
            }
        }
        else if (Unit.Length > 0 && !NotDetected.Contains(Value, StringComparer.OrdinalIgnoreCase))
        {
            yield return (nameof(Value), new Problem("Sample.Item.ValueNotNumber", Value, Unit));
        }
        if (Judgement is null)
        {
            yield return (nameof(Judgement), new Problem("Sample.Item.JudgementRequired"));
        }
        foreach (var (field, value) in new[] { (nameof(Name), Name), (nameof(Value), Value), (nameof(Unit), Unit), (nameof(Limit), Limit), (nameof(MethodStandard), MethodStandard) })
        {
            if (value.Length > Sample.TextMaxLength)
            {
                yield return (field, new Problem("Sample.Item.TooLong", Sample.TextMaxLength));
            }
        }
    }
}
