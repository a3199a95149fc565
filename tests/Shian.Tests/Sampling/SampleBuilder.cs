using System.Runtime.CompilerServices;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;

namespace Shian.Tests.Sampling;

/// <summary>
/// Walks a filled draft through the real transitions (submit, receive, results, report) to the state a test wants, so that
/// fixtures never set a status or a stamp by hand. Each step happens at 09:00 Beijing time of its day; a refused step
/// fails the test with the problem. Shared by the web tests (linked into their project).
/// </summary>
public sealed class SampleBuilder
{
    /// <summary>The built-in calendar (2020 and 2026 holidays), unless a test gives the database's.</summary>
    public static readonly WorkingDayCalendar BuiltInCalendar = new(WorkingDayCalendar.BuiltInDays());

    private static readonly byte[] PdfContent = "%PDF-1.4\n% test report\n%%EOF"u8.ToArray();

    /// <summary>Each reported sample's report file, so that <see cref="AddTo"/> can store it beside the sample.</summary>
    private static readonly ConditionalWeakTable<Sample, StoredFile> Reports = [];

    private readonly Sample draft;
    private readonly WorkingDayCalendar calendar;

    /// <summary>A draft to walk on; one without the business's signature is signed by 签字人 (a fixture's particulars).</summary>
    public SampleBuilder(Sample draft, WorkingDayCalendar? calendar = null)
    {
        this.draft = draft;
        this.calendar = calendar ?? BuiltInCalendar;
        if (draft.Id == Guid.Empty)
        {
            draft.Id = Guid.CreateVersion7();
        }
        if (!draft.OperatorConfirmed || draft.SignerName.Length == 0)
        {
            draft.OperatorConfirmed = true;
            draft.SignerName = draft.SignerName.Length == 0 ? "签字人" : draft.SignerName;
        }
    }

    public Sample Sample => draft;

    /// <summary>The report attached by <see cref="Reported"/>; <see cref="AddTo"/> stores it with the sample.</summary>
    public StoredFile? ReportFile { get; private set; }

    /// <summary>09:00 in Beijing on that day, in UTC.</summary>
    public static DateTime At(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), ShianTime.Zone);

    /// <summary>One passing item, for a sample whose results do not matter.</summary>
    public static SampleTestItem PassingItem() =>
        new() { Name = "铅（以Pb计）", Value = "0.05", Unit = "mg/kg", Limit = "≤0.2", Judgement = ItemJudgement.Pass };

    /// <summary>One failing item.</summary>
    public static SampleTestItem FailingItem() =>
        new() { Name = "黄曲霉毒素B1", Value = "12.5", Unit = "μg/kg", Limit = "≤5.0", Judgement = ItemJudgement.Fail };

    /// <summary>A stand-in PDF, made and checked the way an upload is (not yet stored).</summary>
    public static StoredFile Pdf(string ownerKind, Guid ownerId, DateTime at, string by = "lab")
    {
        var (file, error) = StoredFile.From("检验报告.pdf", PdfContent, ownerKind, ownerId, by, at);
        Assert.True(file is not null, error?.ToString());
        file.Id = Guid.CreateVersion7();
        return file;
    }

    /// <summary>Adds the samples, and the report files of those a builder reported, to the context (the caller saves).</summary>
    public static void AddTo(ShianDb db, params Sample[] samples)
    {
        foreach (var sample in samples)
        {
            if (Reports.TryGetValue(sample, out var report))
            {
                db.StoredFiles.Add(report);
            }
            db.Samples.Add(sample);
        }
    }

    /// <summary>
    /// Walks to <paramref name="status"/> with the default days; results pass unless <paramref name="conclusion"/> is
    /// <see cref="SampleConclusion.Failed"/>; the report on <paramref name="reportedOn"/> (else the day of testing).
    /// </summary>
    public SampleBuilder To(SampleStatus status, SampleConclusion? conclusion = null, DateOnly? reportedOn = null)
    {
        SampleTestItem[] items = [conclusion == SampleConclusion.Failed ? FailingItem() : PassingItem()];
        return status switch
        {
            SampleStatus.Draft => this,
            SampleStatus.Submitted => Submitted(),
            SampleStatus.Received => Received(),
            SampleStatus.Tested => Tested(items),
            _ => Reported(reportedOn, items),
        };
    }

    /// <summary>Signed and numbered on the day of sampling (the draft's number, or the first of its year).</summary>
    public SampleBuilder Submitted(DateOnly? on = null)
    {
        var number = draft.Number ?? Sample.NextNumber(draft.SampledOn.Year, []);
        return Check(draft.Submit(number, calendar, At(on ?? draft.SampledOn)));
    }

    /// <summary>Received by the lab (the day of sampling unless given); submitted first if still a draft.</summary>
    public SampleBuilder Received(DateOnly? on = null, string by = "lab")
    {
        if (draft.Status == SampleStatus.Draft)
        {
            Submitted();
        }
        var day = on ?? draft.SampledOn;
        return Check(draft.Receive(day, calendar, At(day), by));
    }

    /// <summary>Results entered (one passing item unless given) on the day of receipt unless given; received first if needed.</summary>
    public SampleBuilder Tested(IEnumerable<SampleTestItem>? items = null, DateOnly? on = null, string by = "lab")
    {
        if (draft.Status is SampleStatus.Draft or SampleStatus.Submitted)
        {
            Received();
        }
        var errors = draft.RecordResults([.. items ?? [PassingItem()]], At(on ?? draft.ReceivedOn!.Value), by);
        return Check(errors.Count == 0 ? null : string.Join("; ", errors.Select(e => e.Key + ": " + e.Value)));
    }

    /// <summary>The report (a PDF) attached on that day (the day of testing unless given); tested first if needed.</summary>
    public SampleBuilder Reported(DateOnly? on = null, IEnumerable<SampleTestItem>? items = null, string by = "lab")
    {
        if (draft.Status != SampleStatus.Tested)
        {
            Tested(items);
        }
        var at = At(on ?? ShianTime.LocalDate(draft.TestedAt!.Value));
        var file = Pdf(FileOwners.SampleReport, draft.Id, at, by);
        ReportFile = file;
        Reports.AddOrUpdate(draft, file);
        return Check(draft.AttachReport(file, at, by));
    }

    private SampleBuilder Check(object? refused)
    {
        Assert.True(refused is null, $"The sample {draft.Number} was refused: {refused}");
        return this;
    }
}
