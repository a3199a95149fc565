using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Common;
using Shian.Data;
using Shian.Organization;

namespace Shian.Sampling;

public enum AnnouncementStatus
{
    Draft,     // 草稿: not public
    Published, // 已发布: approved by the office, public
    Withdrawn, // 已撤回: off the public pages, with its reason
}

/// <summary>
/// 抽检信息公告: the reported samples (passed and failed) of a period and kind that the office makes public. A draft
/// gathers the samples not yet in another draft or a published announcement; it is public only once an office user other
/// than the drafter approves it, which gives it its number (2026年第3期) and date; withdrawn, with a reason, it leaves the
/// public pages and its samples may be announced again.
/// </summary>
public class SamplingAnnouncement
{
    public const int TitleMax = 200;
    public const int ReasonMax = 500;

    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public SamplingKind Kind { get; set; }

    /// <summary>The samples whose report came out from..to (inclusive).</summary>
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }

    public AnnouncementStatus Status { get; private set; }

    /// <summary>The drafting unit (a department's announcement); null for the office's.</summary>
    public Guid? UnitId { get; set; }

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>Given on approval: 2026年第3期, numbered within the year of publication.</summary>
    public string? Number { get; private set; }
    public int? Year { get; private set; }
    public int? Sequence { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public string? ApprovedBy { get; private set; }

    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string WithdrawnReason { get; private set; } = "";

    private readonly List<SamplingAnnouncementEntry> entries = [];

    /// <summary>The announced samples, in order: set only when the draft is made (<see cref="Draft"/>).</summary>
    public IReadOnlyList<SamplingAnnouncementEntry> Entries => entries;

    /// <summary>A new draft of the given samples, in that order (checked beforehand with <see cref="ValidateDraft"/>).</summary>
    public static SamplingAnnouncement Draft(string title, SamplingKind kind, DateOnly from, DateOnly to, Guid? unitId, IEnumerable<Guid> sampleIds, DateTime at, string by)
    {
        var draft = new SamplingAnnouncement
        {
            Id = Guid.CreateVersion7(), Title = title, Kind = kind, PeriodFrom = from, PeriodTo = to, UnitId = unitId, CreatedAt = at, CreatedBy = by,
            Status = AnnouncementStatus.Draft,
        };
        draft.entries.AddRange(sampleIds.Select((id, i) => new SamplingAnnouncementEntry { SampleId = id, Order = i }));
        return draft;
    }

    public static string NumberOf(int year, int sequence) => string.Create(CultureInfo.InvariantCulture, $"{year}年第{sequence}期");

    /// <summary>Checks a new draft's title and period; (field, problem) pairs, none when it may be stored.</summary>
    public static List<(string Field, Problem Problem)> ValidateDraft(string title, DateOnly? from, DateOnly? to, DateOnly today)
    {
        var errors = new List<(string, Problem)>();
        if (title.Length == 0)
        {
            errors.Add((nameof(Title), new Problem("SamplingAnnouncement.TitleRequired")));
        }
        else if (title.Length > TitleMax)
        {
            errors.Add((nameof(Title), new Problem("SamplingAnnouncement.TitleTooLong", TitleMax)));
        }
        if (from is null)
        {
            errors.Add((nameof(PeriodFrom), new Problem("SamplingAnnouncement.FromRequired")));
        }
        if (to is null)
        {
            errors.Add((nameof(PeriodTo), new Problem("SamplingAnnouncement.ToRequired")));
        }
        else if (to > today)
        {
            errors.Add((nameof(PeriodTo), new Problem("SamplingAnnouncement.ToInFuture")));
        }
        if (from is { } f && to is { } t && f > t)
        {
            errors.Add((nameof(PeriodFrom), new Problem("SamplingAnnouncement.FromAfterTo")));
        }
        return errors;
    }

    /// <summary>
    /// 审核发布: an office user, not the drafter, approves the draft; it is published today with the next number of the
    /// year (<paramref name="nextSequence"/>). Returns the reason for refusing, or null.
    /// </summary>
    public Problem? Approve(string by, bool byOffice, int nextSequence, DateTime at, DateOnly today)
    {
        if (Status != AnnouncementStatus.Draft)
        {
            return new Problem("SamplingAnnouncement.NotDraft");
        }
        if (!byOffice)
        {
            return new Problem("SamplingAnnouncement.OfficeOnly");
        }
        if (string.Equals(by, CreatedBy, StringComparison.Ordinal))
        {
            return new Problem("SamplingAnnouncement.DrafterApproves");
        }
        if (Entries.Count == 0)
        {
            return new Problem("SamplingAnnouncement.NoSamples");
        }
        Status = AnnouncementStatus.Published;
        Year = today.Year;
        Sequence = nextSequence;
        Number = NumberOf(today.Year, nextSequence);
        PublishedOn = today;
        ApprovedAt = at;
        ApprovedBy = by;
        return null;
    }

    /// <summary>撤回: a draft or a published announcement leaves the public pages; the reason is required.</summary>
    public Problem? Withdraw(string reason, string by, DateTime at)
    {
        if (Status == AnnouncementStatus.Withdrawn)
        {
            return new Problem("SamplingAnnouncement.AlreadyWithdrawn");
        }
        if (reason.Length == 0)
        {
            return new Problem("SamplingAnnouncement.ReasonRequired");
        }
        if (reason.Length > ReasonMax)
        {
            return new Problem("SamplingAnnouncement.ReasonTooLong", ReasonMax);
        }
        Status = AnnouncementStatus.Withdrawn;
        WithdrawnAt = at;
        WithdrawnBy = by;
        WithdrawnReason = reason;
        return null;
    }
}

/// <summary>One sample of an announcement.</summary>
public class SamplingAnnouncementEntry
{
    public Guid Id { get; set; }
    public Guid AnnouncementId { get; set; }
    public Guid SampleId { get; set; }
    public int Order { get; set; }
}

/// <summary>What may be announced and what is public.</summary>
public static class SamplingPublication
{
    /// <summary>
    /// Reported samples of the kind whose report came out in the period and that are in no draft or published
    /// announcement (a withdrawn one releases them), from those given (the drafter's visible samples).
    /// </summary>
    public static IQueryable<Sample> Announceable(ShianDb db, IQueryable<Sample> visible, SamplingKind kind, DateOnly from, DateOnly to) =>
        visible.Where(s => s.Status == SampleStatus.Reported && s.Conclusion != null && s.Kind == kind && s.ReportedOn >= from && s.ReportedOn <= to
            && !db.SamplingAnnouncementEntries.Any(e => e.SampleId == s.Id
                && db.SamplingAnnouncements.Any(a => a.Id == e.AnnouncementId && a.Status != AnnouncementStatus.Withdrawn)));

    /// <summary>A public row: a sample in a published announcement, with the announcement's number and date.</summary>
    public sealed class Published
    {
        public required Sample Sample { get; init; }
        public required Guid AnnouncementId { get; init; }
        public required string Number { get; init; }
        public required DateOnly PublishedOn { get; init; }
    }

    /// <summary>Every sample in a published (approved, not withdrawn) announcement, with that announcement.</summary>
    public static IQueryable<Published> PublishedSamples(ShianDb db) =>
        from e in db.SamplingAnnouncementEntries
        join a in db.SamplingAnnouncements on e.AnnouncementId equals a.Id
        join s in db.Samples on e.SampleId equals s.Id
        where a.Status == AnnouncementStatus.Published && s.Status == SampleStatus.Reported
        select new Published { Sample = s, AnnouncementId = a.Id, Number = a.Number!, PublishedOn = a.PublishedOn!.Value };

    /// <summary>The next number of the year: after the highest given (withdrawn announcements keep theirs).</summary>
    public static async Task<int> NextSequenceAsync(ShianDb db, int year, CancellationToken ct = default) =>
        (await db.SamplingAnnouncements.Where(a => a.Year == year).MaxAsync(a => a.Sequence, ct) ?? 0) + 1;
}

internal sealed class SamplingAnnouncementConfiguration : IEntityTypeConfiguration<SamplingAnnouncement>
{
    public void Configure(EntityTypeBuilder<SamplingAnnouncement> e)
    {
        e.Property(a => a.Title).HasMaxLength(SamplingAnnouncement.TitleMax);
        e.Property(a => a.CreatedBy).HasMaxLength(100);
        e.Property(a => a.ApprovedBy).HasMaxLength(100);
        e.Property(a => a.WithdrawnBy).HasMaxLength(100);
        e.Property(a => a.Number).HasMaxLength(40);
        e.Property(a => a.WithdrawnReason).HasMaxLength(SamplingAnnouncement.ReasonMax);
        e.HasIndex(a => a.Number).IsUnique();
        e.HasIndex(a => new { a.Status, a.PublishedOn });
        e.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(a => a.Entries).WithOne().HasForeignKey(x => x.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SamplingAnnouncementEntryConfiguration : IEntityTypeConfiguration<SamplingAnnouncementEntry>
{
    public void Configure(EntityTypeBuilder<SamplingAnnouncementEntry> e)
    {
        e.HasOne<Sample>().WithMany().HasForeignKey(x => x.SampleId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.AnnouncementId, x.Order });
        e.HasIndex(x => x.SampleId);
    }
}
