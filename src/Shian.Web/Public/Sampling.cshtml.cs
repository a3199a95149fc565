using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Sampling;

namespace Shian.Web.Public;

/// <summary>
/// 抽检结果查询 for anyone: the samples of approved, not withdrawn announcements, searched by product, business,
/// producer, category, result and year, 20 to a page; and the list of published announcements. Nothing else is reachable.
/// </summary>
[AllowAnonymous]
public class SamplingModel(ShianDb db) : PageModel
{
    public const int PageSize = 20;

    public sealed record Category(string Code, string Name);
    public sealed record AnnouncementRow(Guid Id, string Title, string Number, DateOnly PublishedOn, SamplingKind Kind, int Samples);

    public string? Product { get; private set; }
    public string? Business { get; private set; }
    public string? Producer { get; private set; }
    public string? CategoryCode { get; private set; }
    public SampleConclusion? Result { get; private set; }
    public int? Year { get; private set; }
    public Guid? AnnouncementId { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<SamplingPublicRow> Rows { get; private set; } = [];
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<AnnouncementRow> Announcements { get; private set; } = [];

    public async Task OnGetAsync(string? product, string? business, string? producer, string? category, SampleConclusion? result, int? year,
        Guid? announcement, int? p)
    {
        Product = Clean(product);
        Business = Clean(business);
        Producer = Clean(producer);
        CategoryCode = Clean(category);
        Result = result is { } r && Enum.IsDefined(r) ? r : null;
        Year = year is >= 2000 and <= 2100 ? year : null;
        AnnouncementId = announcement;
        PageNumber = Math.Max(1, p ?? 1);

        Announcements = await db.SamplingAnnouncements.AsNoTracking().Where(a => a.Status == AnnouncementStatus.Published)
            .OrderByDescending(a => a.PublishedOn).ThenByDescending(a => a.Sequence)
            .Select(a => new AnnouncementRow(a.Id, a.Title, a.Number!, a.PublishedOn!.Value, a.Kind, a.Entries.Count)).ToListAsync();
        Years = Announcements.Select(a => a.PublishedOn.Year).Distinct().OrderDescending().ToList();
        Categories = await db.FoodCategories.AsNoTracking().Where(c => c.Level == 1).OrderBy(c => c.Code).Select(c => new Category(c.Code, c.Name)).ToListAsync();

        var query = SamplingPublication.PublishedSamples(db).AsNoTracking();
        if (Product is { } pr)
        {
            query = query.Where(x => x.Sample.SampleName.Contains(pr) || x.Sample.Brand.Contains(pr));
        }
        if (Business is { } b)
        {
            query = query.Where(x => x.Sample.BusinessName.Contains(b));
        }
        if (Producer is { } pd)
        {
            query = query.Where(x => x.Sample.ProducerName.Contains(pd));
        }
        if (CategoryCode is { } c)
        {
            query = query.Where(x => x.Sample.FoodCategoryCode.StartsWith(c));
        }
        if (Result is { } res)
        {
            query = query.Where(x => x.Sample.Conclusion == res);
        }
        if (Year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var until = from.AddYears(1);
            query = query.Where(x => x.PublishedOn >= from && x.PublishedOn < until);
        }
        if (AnnouncementId is { } id)
        {
            query = query.Where(x => x.AnnouncementId == id);
        }
        Total = await query.CountAsync();
        PageNumber = Math.Min(PageNumber, PageCount);
        var page = await query.OrderByDescending(x => x.PublishedOn).ThenBy(x => x.Sample.Number)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        Rows = await SamplingPublicRow.LoadAsync(db, page.Select(x => (x.Sample, (string?)x.Number, (DateOnly?)x.PublishedOn)).ToList(), HttpContext.RequestAborted);
    }

    /// <summary>The address of another page of the same search.</summary>
    public string LinkTo(int page)
    {
        var q = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                q.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("product", Product);
        Add("business", Business);
        Add("producer", Producer);
        Add("category", CategoryCode);
        Add("result", Result?.ToString());
        Add("year", Year?.ToString(CultureInfo.InvariantCulture));
        Add("announcement", AnnouncementId?.ToString());
        Add("p", page.ToString(CultureInfo.InvariantCulture));
        return PublicRoutes.Sampling + "?" + string.Join("&", q);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 100)];
}
