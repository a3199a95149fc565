using BenchmarkDotNet.Attributes;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Bench;

/// <summary>
/// The calculator side of <c>shian risk regrade</c>: grading 100,000 businesses in memory with the default sheets, one
/// in ten with dynamic factors and one in a thousand listed as a serious violator. The database reads and writes are
/// not included. Target: a whole regrade of 100,000 in under 10 s, so this part should be a small fraction of that.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RiskGradingBenchmarks
{
    private const int Count = 100_000;
    private Business[] _businesses = [];
    private ILookup<Guid, RiskFactor> _factors = null!;
    private HashSet<Guid> _listed = [];
    private RiskSheetSet _sheets = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20201129);
        var subtypes = BusinessTypes.Subtypes;
        var tags = BusinessTypes.Tags;
        var items = RiskSheets.DynamicItems;
        _businesses = new Business[Count];
        var factors = new List<RiskFactor>();
        for (var i = 0; i < Count; i++)
        {
            var subtype = subtypes[random.Next(subtypes.Count)];
            var business = new Business
            {
                Id = Guid.CreateVersion7(),
                Category = subtype.Category,
                Subtype = subtype.Code,
                Scale = (BusinessScale)random.Next(4),
                Tags = Business.JoinTags(Enumerable.Range(0, random.Next(3)).Select(_ => tags[random.Next(tags.Count)].Code)),
            };
            _businesses[i] = business;
            if (i % 10 == 0)
            {
                for (var f = random.Next(1, 4); f > 0; f--)
                {
                    factors.Add(new RiskFactor { BusinessId = business.Id, ItemCode = items[random.Next(items.Count)].Code, Points = random.Next(1, 11) });
                }
            }
            if (i % 1000 == 0)
            {
                _listed.Add(business.Id);
            }
        }
        _factors = factors.ToLookup(f => f.BusinessId);
        _sheets = new RiskSheetSet(RiskSheets.Defaults, new DateOnly(2020, 6, 1));

        // Refuse to benchmark a broken calculator: the hand-worked school canteen must come out at 26, and the
        // grading must reach every grade on this population.
        var school = new Business { Category = BusinessCategory.Canteen, Subtype = "school", Scale = BusinessScale.Medium, Tags = "|school-related|" };
        if (RiskGrading.Grade(RiskSheets.Catering, school, [], false).Score != 26)
        {
            throw new InvalidOperationException("The catering sheet no longer gives the hand-worked 26 points for a medium school canteen.");
        }
        var grades = GradeAll();
        if (grades.Any(g => g == 0))
        {
            throw new InvalidOperationException($"Some grade was never given: {string.Join(", ", grades)}");
        }
    }

    /// <summary>Grades all 100,000 and counts them per grade, as the regrade does before it writes.</summary>
    [Benchmark]
    public int[] Grade_100K() => GradeAll();

    private int[] GradeAll()
    {
        var perGrade = new int[4];
        foreach (var business in _businesses)
        {
            if (_sheets.For(business.Category) is { } sheet)
            {
                perGrade[(int)RiskGrading.Grade(sheet, business, _factors[business.Id], _listed.Contains(business.Id)).Grade]++;
            }
        }
        return perGrade;
    }
}
