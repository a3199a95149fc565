using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Public;

/// <summary>
/// What an announcement makes public about one sample, and nothing else: form number, sampled unit, declared producer,
/// sample name, brand, specification, batch or production date, category, result, the failed items with value and limit,
/// laboratory, announcement number and date. Never the contact person or phone, the samplers or the price.
/// </summary>
public sealed record SamplingPublicRow(Guid SampleId, string FormNumber, string BusinessName, string ProducerName, string ProducerAddress,
    string SampleName, string Brand, string Specification, string BatchOrDate, string Category, SampleConclusion Conclusion,
    IReadOnlyList<SamplingPublicRow.FailedItem> FailedItems, string Laboratory, string? AnnouncementNumber, DateOnly? PublishedOn)
{
    public sealed record FailedItem(string Name, string Value, string Limit);

    /// <summary>The rows of the given samples (in that order), with the announcement each was published in, if any.</summary>
    public static async Task<List<SamplingPublicRow>> LoadAsync(ShianDb db, IReadOnlyList<(Sample Sample, string? Number, DateOnly? PublishedOn)> samples,
        CancellationToken ct = default)
    {
        if (samples.Count == 0)
        {
            return [];
        }
        // The ids go as parameters: callers pass one page of the public list or one announcement's samples.
        var ids = samples.Select(s => s.Sample.Id).ToList();
        var failed = (await db.SampleTestItems.AsNoTracking().Where(i => ids.Contains(i.SampleId) && i.Judgement == ItemJudgement.Fail)
            .OrderBy(i => i.Order).ToListAsync(ct)).ToLookup(i => i.SampleId);
        var labIds = samples.Select(s => s.Sample.LaboratoryId).Distinct().ToList();
        var labs = await db.Units.AsNoTracking().Where(u => labIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var paths = await FoodCategoryPaths.AllAsync(db, ct);
        return samples.Select(x =>
        {
            var s = x.Sample;
            var batch = string.Join(" / ", new[] { s.BatchNumber, s.ProductionDate is { } d ? Display.Date(d) : "" }.Where(v => v.Length > 0));
            return new SamplingPublicRow(s.Id, s.Number ?? "", s.BusinessName, s.ProducerName, s.ProducerAddress, s.SampleName, s.Brand, s.Specification,
                batch, paths.GetValueOrDefault(s.FoodCategoryCode, s.FoodCategoryCode), s.Conclusion ?? SampleConclusion.Passed,
                failed[s.Id].Select(i => new FailedItem(i.Name, (i.Value + " " + i.Unit).Trim(), i.Limit)).ToList(),
                labs.GetValueOrDefault(s.LaboratoryId, ""), x.Number, x.PublishedOn);
        }).ToList();
    }

    /// <summary>The rows as a workbook sheet: the public columns only.</summary>
    public static ExcelExport.Sheet Sheet(string name, IEnumerable<SamplingPublicRow> rows, IStringLocalizer l) => Export.Of(rows)
        .Column("Sample.Number", r => r.FormNumber).Column("Sample.BusinessName", r => r.BusinessName).Column("Sample.ProducerName", r => r.ProducerName)
        .Column("Sample.ProducerAddress", r => r.ProducerAddress).Column("Sample.SampleName", r => r.SampleName).Column("Sample.Brand", r => r.Brand)
        .Column("Sample.Specification", r => r.Specification).Column("Publication.BatchOrDate", r => r.BatchOrDate).Column("Sample.FoodCategoryCode", r => r.Category)
        .Column("Publication.Result", r => l["SampleConclusion." + r.Conclusion].Value)
        .Column("Publication.FailedItems", r => string.Join("；", r.FailedItems.Select(i => $"{i.Name} {i.Value}（{l["Sample.Item.Limit"].Value} {i.Limit}）")))
        .Column("Sample.Laboratory", r => r.Laboratory).Column("Publication.Number", r => r.AnnouncementNumber ?? "")
        .Column("Publication.PublishedOn", r => r.PublishedOn is { } d ? d.ToString("yyyy-MM-dd") : "")
        .Sheet(l, name);
}
