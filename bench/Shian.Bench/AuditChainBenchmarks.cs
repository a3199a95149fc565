using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Shian.Audit;

namespace Shian.Bench;

/// <summary>
/// The audit hash chain. ComputeHash is paid on every SaveChanges for every changed entity; Verify is the nightly check
/// and the administrator's "verify now" over the whole trail. Rows are already in memory, so Verify measures the
/// hashing and comparison, not the database read.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AuditChainBenchmarks
{
    /// <summary>A typical update payload: a business record with Chinese names and address, about 300 UTF-8 bytes.</summary>
    public const string Payload =
        """{"Name":"天津市蓟州区渔阳镇鑫源餐饮管理有限公司","Address":"天津市蓟州区渔阳镇文昌街道府君路东侧商业楼一层","Licence":"JY21201190012345","CreditCode":"91120225MA05KX4N2Q","Township":"渔阳镇","Grade":"B","Inspector":"张三","Remark":"复查合格"}""";

    private AuditEntry _row = null!;
    private AuditEntry[] _rows10K = [];
    private AuditEntry[] _rows100K = [];

    private static AuditEntry Row(long sequence) => new()
    {
        Sequence = sequence,
        At = new DateTime(2020, 9, 28, 1, 30, 0, DateTimeKind.Utc).AddTicks(sequence * 13_370),
        Actor = "张三",
        Action = AuditAction.Update,
        Entity = "Business",
        EntityId = "0190a3b2-5c1e-7d4a-8f00-" + sequence.ToString("x12", CultureInfo.InvariantCulture),
        OldValues = """{"Grade":"C","Remark":"责令整改"}""",
        NewValues = Payload,
    };

    private static AuditEntry[] Chain(int count)
    {
        var rows = new AuditEntry[count];
        var previous = AuditChain.Genesis;
        for (var i = 0; i < count; i++)
        {
            rows[i] = Row(i + 1);
            AuditChain.Seal(rows[i], previous);
            previous = rows[i].Hash;
        }
        if (AuditChain.Verify(rows) is { } broken)
        {
            throw new InvalidOperationException($"The benchmark chain is broken at row {broken.Sequence}: {broken.Reason}");
        }
        return rows;
    }

    [GlobalSetup(Target = nameof(ComputeHash))]
    public void SetupRow()
    {
        var bytes = Encoding.UTF8.GetByteCount(Payload);
        if (bytes is < 280 or > 320)
        {
            throw new InvalidOperationException($"The payload is {bytes} UTF-8 bytes; the benchmark is defined for about 300.");
        }
        _row = Row(42);
    }

    [GlobalSetup(Target = nameof(Verify_10K_rows))]
    public void Setup10K() => _rows10K = Chain(10_000);

    [GlobalSetup(Target = nameof(Verify_100K_rows))]
    public void Setup100K() => _rows100K = Chain(100_000);

    [Benchmark]
    public string ComputeHash() => AuditChain.ComputeHash(_row, AuditChain.Genesis);

    [Benchmark]
    public AuditChain.Break? Verify_10K_rows() => AuditChain.Verify(_rows10K);

    [Benchmark]
    public AuditChain.Break? Verify_100K_rows() => AuditChain.Verify(_rows100K);
}
