using Shian.Common;
using Shian.Sampling;

namespace Shian.Tests.Sampling;

public class SampleTests
{
    private static readonly WorkingDayCalendar Calendar = new(WorkingDayCalendar.BuiltInDays());

    // Beijing time: 01:00 UTC is 09:00 the same day.
    private static DateTime At(int year, int month, int day) => new(year, month, day, 1, 0, 0, DateTimeKind.Utc);

    public static Sample Filled(DateOnly sampledOn) => new()
    {
        TaskSource = "2020年区级食品安全监督抽检计划", Kind = SamplingKind.Supervision, Environment = SamplingEnvironment.Distribution,
        BusinessId = Guid.NewGuid(), TownshipId = Guid.NewGuid(), BusinessName = "鑫源超市", BusinessAddress = "文昌街道 1 号",
        FoodCategoryCode = "101", SampleName = "小麦粉", Specification = "5kg/袋", ProductionDate = sampledOn.AddDays(-30), ShelfLife = "12个月",
        QuantityTaken = 4, BackupQuantity = 2, BatchSize = 100, QuantityUnit = "袋", SampledOn = sampledOn,
        SamplingUnitId = Guid.NewGuid(), LaboratoryId = Guid.NewGuid(), Sampler1 = "张三", Sampler2 = "李四", OperatorConfirmed = true, SignerName = "王五",
    };

    private static SampleTestItem Item(string name, string value, ItemJudgement judgement, string unit = "mg/kg") =>
        new() { Name = name, Value = value, Unit = unit, Limit = "≤0.2", MethodStandard = "GB 5009.12", Judgement = judgement };

    [Fact]
    public void A_complete_form_is_valid_and_each_bad_field_is_named_in_Chinese()
    {
        var today = new DateOnly(2020, 9, 28);
        Assert.Empty(Filled(today).Validate(today));

        var bad = Filled(today);
        bad.SampledOn = today.AddDays(1);
        bad.ProductionDate = today.AddDays(3);
        bad.QuantityTaken = 2;
        bad.BackupQuantity = 3;
        bad.ShelfLife = "一年";
        bad.SampleName = "";
        bad.Sampler2 = "张三";
        bad.Imported = true;
        var errors = bad.Validate(today);
        Assert.Equal("Sample.SampledOnFuture", errors[nameof(Sample.SampledOn)].Code);
        Assert.StartsWith("Sample.Production", errors[nameof(Sample.ProductionDate)].Code);
        Assert.Equal("Sample.BackupExceedsTaken", errors[nameof(Sample.BackupQuantity)].Code);
        Assert.Equal("Sample.ShelfLifeFormat", errors[nameof(Sample.ShelfLife)].Code);
        Assert.Equal(new Problem("Sample.Required", new Problem.Term("SampleField.SampleName")).ToString(), errors[nameof(Sample.SampleName)].ToString());
        Assert.Equal("Sample.SamplersSame", errors[nameof(Sample.Sampler2)].Code);
        Assert.Equal("Sample.OriginRequired", errors[nameof(Sample.Origin)].Code);

        var zero = Filled(today);
        zero.QuantityTaken = 0;
        zero.OperatorConfirmed = false;
        zero.BatchNumber = "";
        zero.ProductionDate = null;
        zero.Number = "2020-1";
        errors = zero.Validate(today);
        Assert.Equal("Sample.QuantityTakenPositive", errors[nameof(Sample.QuantityTaken)].Code);
        Assert.Equal("Sample.SignatureRequired", errors[nameof(Sample.OperatorConfirmed)].Code);
        Assert.Equal("Sample.BatchOrProductionDate", errors[nameof(Sample.BatchNumber)].Code);
        Assert.Equal("Sample.NumberFormat", errors[nameof(Sample.Number)].Code);
    }

    [Fact]
    public void Numbers_follow_the_highest_of_the_year()
    {
        Assert.Equal("JZ-2026-000001", Sample.NextNumber(2026, []));
        Assert.Equal("JZ-2026-000124", Sample.NextNumber(2026, ["JZ-2026-000123", "JZ-2025-000900", null, "JZ-2026-000007"]));
        Assert.Matches(Sample.NumberFormat(), "JZ-2026-000123");
    }

    [Fact]
    public void Receipt_is_due_within_5_working_days_across_the_2020_National_Day_holiday_and_late_receipt_is_marked()
    {
        // Sampled Monday 2020-09-28: 29, 30 (2), 1–8 October holiday, Friday 9 (3), Saturday 10 adjusted workday (4),
        // Monday 12 (5) → the lab must receive it by 2020-10-12.
        var sample = Filled(new DateOnly(2020, 9, 28));
        Assert.Null(sample.Submit("JZ-2020-000001", Calendar, At(2020, 9, 28)));
        Assert.Equal(SampleStatus.Submitted, sample.Status);
        Assert.Equal(Sample.PublicTokenLength, sample.PublicToken?.Length); // the printed QR code's public check
        Assert.Equal(new DateOnly(2020, 10, 12), sample.ReceiptDeadline);
        Assert.Equal("Sample.AlreadySubmitted", sample.Submit("JZ-2020-000002", Calendar, At(2020, 9, 28))?.Code);
        Assert.False(sample.IsReceiptOverdue(new DateOnly(2020, 10, 12)));
        Assert.True(sample.IsReceiptOverdue(new DateOnly(2020, 10, 13)));

        // Received Wednesday 14 October: two working days late (13, 14), still taken.
        Assert.Equal("Sample.ReceivedBeforeSampling", sample.Receive(new DateOnly(2020, 9, 27), Calendar, At(2020, 10, 14), "lab")?.Code);
        Assert.Equal("Sample.ReceivedInFuture", sample.Receive(new DateOnly(2020, 10, 15), Calendar, At(2020, 10, 14), "lab")?.Code);
        Assert.Null(sample.Receive(new DateOnly(2020, 10, 14), Calendar, At(2020, 10, 14), "lab"));
        Assert.Equal((SampleStatus.Received, 2, true), (sample.Status, sample.ReceivedLateDays, sample.ReceivedLate));
        // The report is due 20 working days later: 15–16 (2), 19–23 (7), 26–30 (12), 2–6 Nov (17), 9, 10, 11 (20).
        Assert.Equal(new DateOnly(2020, 11, 11), sample.ReportDeadline);
        Assert.False(sample.IsReportOverdue(new DateOnly(2020, 11, 11)));
        Assert.True(sample.IsReportOverdue(new DateOnly(2020, 11, 12)));
        Assert.Equal("Sample.AlreadyReceived", sample.Receive(new DateOnly(2020, 10, 14), Calendar, At(2020, 10, 14), "lab")?.Code);
    }

    [Fact]
    public void A_receipt_on_the_fifth_working_day_is_in_time()
    {
        var sample = Filled(new DateOnly(2020, 9, 28));
        Assert.Null(sample.Submit("JZ-2020-000001", Calendar, At(2020, 9, 28)));
        Assert.Null(sample.Receive(new DateOnly(2020, 10, 10), Calendar, At(2020, 10, 10), "lab"));
        Assert.Equal(0, sample.ReceivedLateDays);
    }

    [Fact]
    public void The_lab_cannot_skip_a_step()
    {
        var sample = Filled(new DateOnly(2020, 9, 28));
        Assert.Equal("Sample.NotSubmitted", sample.Receive(new DateOnly(2020, 9, 29), Calendar, At(2020, 9, 29), "lab")?.Code);
        Assert.Equal("Sample.NotReceived", sample.RecordResults([Item("铅", "0.1", ItemJudgement.Pass)], At(2020, 9, 29), "lab")["Items"].Code);
        var pdf = new StoredFile { Id = Guid.NewGuid(), ContentType = "application/pdf" };
        Assert.Equal("Sample.ResultsFirst", sample.AttachReport(pdf, At(2020, 9, 29), "lab")?.Code);
        Assert.Equal(SampleStatus.Draft, sample.Status);
    }

    [Fact]
    public void Any_failing_item_makes_the_sample_fail_and_implausible_values_are_refused()
    {
        var sample = Filled(new DateOnly(2020, 9, 28));
        sample.Submit("JZ-2020-000001", Calendar, At(2020, 9, 28));
        sample.Receive(new DateOnly(2020, 9, 29), Calendar, At(2020, 9, 29), "lab");

        var refused = sample.RecordResults([Item("铅", "-0.1", ItemJudgement.Pass), Item("镉", "很多", ItemJudgement.Pass), Item("", "阴性", ItemJudgement.Pass, unit: "")], At(2020, 10, 9), "lab");
        // Each item's problem is nested in the sample's, with the item's number.
        Assert.Equal("Sample.ItemProblem(1, Sample.Item.Negative(铅, -0.1))", refused["Items[0].Value"].ToString());
        Assert.Equal("Sample.ItemProblem(2, Sample.Item.ValueNotNumber(很多, mg/kg))", refused["Items[1].Value"].ToString());
        Assert.Equal("Sample.ItemProblem(3, Sample.Item.NameRequired)", refused["Items[2].Name"].ToString());
        Assert.Equal((SampleStatus.Received, 0, (SampleConclusion?)null), (sample.Status, sample.Items.Count, sample.Conclusion));

        Assert.Empty(sample.RecordResults([Item("铅", "0.1", ItemJudgement.Pass), Item("镉", "未检出", ItemJudgement.Pass)], At(2020, 10, 9), "lab"));
        Assert.Equal((SampleStatus.Tested, SampleConclusion.Passed), (sample.Status, sample.Conclusion));
        // Entered again before the report: a failing item makes the whole sample 不合格.
        Assert.Empty(sample.RecordResults([Item("铅", "0.5", ItemJudgement.Fail), Item("镉", "0.01", ItemJudgement.Pass), Item("菌落总数", "阴性", ItemJudgement.Pass, unit: "")], At(2020, 10, 9), "lab"));
        Assert.Equal((SampleConclusion.Failed, 3), (sample.Conclusion!.Value, sample.Items.Count));

        Assert.Equal("Sample.ReportNotPdf", sample.AttachReport(new StoredFile { Id = Guid.NewGuid(), ContentType = "image/png" }, At(2020, 10, 20), "lab")?.Code);
        var pdf = new StoredFile { Id = Guid.NewGuid(), ContentType = "application/pdf" };
        Assert.Null(sample.AttachReport(pdf, At(2020, 11, 12), "lab"));
        Assert.Equal((SampleStatus.Reported, pdf.Id, true), (sample.Status, sample.ReportFileId!.Value, sample.ReportedLate));
        Assert.Equal("Sample.ReportOut", sample.RecordResults([Item("铅", "0.1", ItemJudgement.Pass)], At(2020, 11, 12), "lab")["Items"].Code);
    }
}
