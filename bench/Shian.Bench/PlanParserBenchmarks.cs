using BenchmarkDotNet.Attributes;
using Shian.Plans;

namespace Shian.Bench;

/// <summary>Parsing the district's 2020 plan (22 tasks, 14 KB): the import preview does this on every upload. Target: under 5 ms.</summary>
[MemoryDiagnoser]
public class PlanParserBenchmarks
{
    private string _seed = "";

    [GlobalSetup]
    public void Load() => _seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"));

    [Benchmark]
    public int Parse_seed() => PlanParser.Parse(_seed).Plan!.Tasks.Count;
}
