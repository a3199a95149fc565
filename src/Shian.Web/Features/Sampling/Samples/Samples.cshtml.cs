using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 抽样单: the samples a user may see, filtered by kind, status, lab and lateness. A laboratory sees the samples sent to it
/// and the office all of them, each with the overdue ones (not received within 5 working days, no report within 20) first.
/// </summary>
[Authorize(Policy = Policies.Samples)]
public class SamplesModel(ShianDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string? Number, string SampleName, string Business, DateOnly SampledOn, SamplingKind Kind, SampleStatus Status,
        string Laboratory, SampleConclusion? Conclusion, int LateDays, DateOnly? ReportDeadline, bool ReceiptOverdue, bool ReportOverdue);

    public sealed record Option(Guid Id, string Name);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Option> Laboratories { get; private set; } = [];
    public int OverdueCount { get; private set; }
    public bool IsOperator { get; private set; }
    public bool CanTake { get; private set; }
    public bool CanImport { get; private set; }

    public SamplingKind? Kind { get; private set; }
    public SampleStatus? Status { get; private set; }
    public Guid? Lab { get; private set; }
    public bool Overdue { get; private set; }

    /// <summary>The most rows the export writes (the page shows the newest 500).</summary>
    public const int ExportMax = 50_000;

    public async Task OnGetAsync(SamplingKind? kind, SampleStatus? status, Guid? lab, bool overdue = false)
    {
        var (today, samples) = await FilterAsync(kind, status, lab, overdue);
        Laboratories = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Laboratory).OrderBy(u => u.Name).Select(u => new Option(u.Id, u.Name)).ToListAsync();
        var rows = await samples
            .Join(db.Units, s => s.LaboratoryId, u => u.Id, (s, u) => new { s, Lab = u.Name })
            .OrderByDescending(x => x.s.SampledOn).ThenByDescending(x => x.s.CreatedAt).Take(500)
            .ToListAsync();
        Rows = rows.Select(x => new Row(x.s.Id, x.s.Number, x.s.SampleName, x.s.BusinessName, x.s.SampledOn, x.s.Kind, x.s.Status, x.Lab,
                // An operator learns the verdict with the report, not before.
                IsOperator && x.s.Status != SampleStatus.Reported ? null : x.s.Conclusion,
                x.s.ReceivedLateDays, x.s.ReportDeadline, x.s.IsReceiptOverdue(today), x.s.IsReportOverdue(today)))
            .OrderByDescending(r => r.ReceiptOverdue || r.ReportOverdue).ToList();
    }

    /// <summary>The list with its current filters as an .xlsx workbook, column names in Chinese.</summary>
    public async Task<IActionResult> OnGetExportAsync(SamplingKind? kind, SampleStatus? status, Guid? lab, [FromServices] Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, bool overdue = false)
    {
        var (_, samples) = await FilterAsync(kind, status, lab, overdue);
        var rows = await samples
            .Join(db.Units, s => s.LaboratoryId, u => u.Id, (s, u) => new { s, Lab = u.Name })
            .Join(db.Townships, x => x.s.TownshipId, t => t.Id, (x, t) => new { x.s, x.Lab, Township = t.Name })
            .OrderByDescending(x => x.s.SampledOn).ThenByDescending(x => x.s.CreatedAt).Take(ExportMax)
            .Select(x => new
            {
                x.s.Number, x.s.SampleName, x.s.BusinessName, x.Township, x.s.FoodCategoryCode, x.s.SampledOn, x.s.Kind, x.s.Environment, x.Lab, x.s.Status,
                x.s.Conclusion, x.s.ReceivedOn, x.s.ReceivedLateDays, x.s.ReportDeadline, x.s.ReportedOn,
            })
            .ToListAsync();
        static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string Conclusion(SampleStatus status, SampleConclusion? conclusion) => (IsOperator && status != SampleStatus.Reported) || conclusion is null ? ""
            : l["SampleConclusion." + conclusion].Value;
        return Export.Of(rows)
            .Column("Sample.Number", x => x.Number ?? l["SampleStatus.Draft"].Value).Column("Sample.SampleName", x => x.SampleName)
            .Column("Sample.BusinessName", x => x.BusinessName).Column("Registry.Township", x => x.Township).Column("Sample.Export.FoodCategory", x => x.FoodCategoryCode)
            .Column("Sample.SampledOn", x => Date(x.SampledOn)).Column("Sample.Kind", x => l.Term(x.Kind))
            .Column("Sample.Environment", x => l.Term(x.Environment)).Column("Sample.Laboratory", x => x.Lab)
            .Column("Sample.Status", x => l.Term(x.Status)).Column("Sample.Export.Conclusion", x => Conclusion(x.Status, x.Conclusion))
            .Column("Sample.Export.ReceivedOn", x => Date(x.ReceivedOn)).Column("Sample.Export.ReceivedLateDays", x => x.ReceivedLateDays)
            .Column("Sample.Export.ReportDeadline", x => Date(x.ReportDeadline)).Column("Sample.Export.ReportedOn", x => Date(x.ReportedOn))
            .Xlsx(l, $"{l["Nav.Samples"].Value}.xlsx", l["Nav.Samples"]);
    }

    private async Task<(DateOnly Today, IQueryable<Sample> Samples)> FilterAsync(SamplingKind? kind, SampleStatus? status, Guid? lab, bool overdue)
    {
        (Kind, Status, Lab, Overdue) = (kind, status, lab, overdue);
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var scope = await user.ScopeAsync();
        IsOperator = scope.Level == AccessLevel.OwnBusinesses;
        CanTake = await HttpContext.MeetsAsync(Policies.SamplesTake);
        CanImport = scope.LaboratoryId is not null || await HttpContext.MeetsAsync(Policies.Office);
        var samples = db.Samples.AsNoTracking().VisibleTo(scope);
        // Overdue: at the lab's door past the 5th working day, or in the lab past the 20th without a report.
        var overdueSamples = samples.Where(s =>
            (s.Status == SampleStatus.Submitted && s.ReceiptDeadline < today)
            || ((s.Status == SampleStatus.Received || s.Status == SampleStatus.Tested) && s.ReportDeadline < today));
        OverdueCount = IsOperator ? 0 : await overdueSamples.CountAsync();
        if (overdue)
        {
            samples = overdueSamples;
        }
        if (kind is { } k)
        {
            samples = samples.Where(s => s.Kind == k);
        }
        if (status is { } st)
        {
            samples = samples.Where(s => s.Status == st);
        }
        if (lab is { } l)
        {
            samples = samples.Where(s => s.LaboratoryId == l);
        }
        return (today, samples);
    }
}
