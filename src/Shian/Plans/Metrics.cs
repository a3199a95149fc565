using Shian.Accounts;
using Shian.Data;

namespace Shian.Plans;

/// <summary>
/// The measures Shian computes from its own data, by name. Modules fill them as they arrive (sampling, inspections,
/// traceability); an indicator bound to one is shown with the computed value instead of a reported one.
/// </summary>
public static class Metrics
{
    public sealed record Metric(string Name, string Description, string[] SubjectWords, string? Unit);

    public static readonly IReadOnlyList<Metric> All =
    [
        new(Sampling.SamplingQuota.MetricName, "抽检批次/千人 · sampling batches per 1,000 residents", ["抽检"], "批次/千人"),
        new(Sampling.SampleFailures.MetricName, "不合格食品核查处置完成率：本年送达不合格通知且需处置（复检合格或异议成立撤销的除外）的案件中已完成核查处置的比例 · failed products disposed of", ["核查处置完成率"], "%"),
        // The two pass rates of the plan's task 15 before the generic one, so that Match binds each sentence to its own.
        new(Sampling.SampleMetrics.PassRateAgricultural, "农产品抽检（监测）合格率：本年已出具报告的食用农产品样品中合格的比例 · agricultural products: reported samples this year that passed", ["农产品", "合格率"], "%"),
        new(Sampling.SampleMetrics.PassRateFood, "食品安全抽检合格率：本年已出具报告的食品（食用农产品以外）样品中合格的比例 · food (other than agricultural products): reported samples this year that passed", ["食品安全抽检", "合格率"], "%"),
        new(Sampling.SampleMetrics.PassRate, "抽检（监测）合格率：本年已出具报告的样品中合格的比例 · sampling pass rate: reported samples this year that passed", ["合格率"], "%"),
        new("inspection.school_canteen_coverage", "学校食堂检查覆盖率 · school canteens inspected", ["学校食堂", "检查"], "%"),
        new(Inspections.InspectionCoverage.MetricName, "按风险等级检查覆盖率：本年截至本月应检计划中已完成的比例 · inspection coverage: planned visits due so far this year that are done", ["检查覆盖率"], "%"),
        new(Traceability.TraceReporting.MetricName, "追溯数据上传平均达标率：要求上传的追溯体系节点企业，本年截至今日已结束的上传周期（日、周或月）中有上传数据（至少一条追溯事件）的周期比例，按企业平均 · trace upload rate: for each node enterprise required to report, the share of its reporting periods this year (ended before today) with at least one trace event captured, averaged over the enterprises", ["追溯数据上传"], "%"),
        new("rectification.closure_rate", "整改销号率 · rectification orders closed", ["整改"], "%"),
        new(KitchenVideo.KitchenVideoCoverage.SchoolMetricName, "学校食堂明厨亮灶接入率 · kitchen video: school and kindergarten canteens on the video platform", ["学校", "明厨亮灶"], "%"),
        new(KitchenVideo.KitchenVideoCoverage.MetricName, "明厨亮灶接入率：未关闭的餐饮服务提供者和单位食堂中视频已接入的比例 · kitchen video: catering businesses whose kitchen is on the video platform", ["明厨亮灶"], "%"),
        new(Sampling.SampleMetrics.ReportTimeliness, "检验报告及时率：已接收且报告已到期的样品中，20个工作日内出具报告的比例 · sampling reports issued within 20 working days of receipt", ["检验报告", "及时"], "%"),
        new(Grain.GrainMetrics.ReserveTestCompletion, "区级储备粮半年强制检验完成率：本半年已检验的储备粮仓房比例 · reserve grain: silos tested this half-year", ["储备粮", "检验"], "%"),
        new(Grain.GrainMetrics.PurchaseCheckRate, "粮食收购企业检查比例：本年已检查的粮食收购企业比例（不低于5%） · grain purchase enterprises checked this year (floor 5%)", ["粮食收购企业"], "%"),
        new(Grain.GrainMetrics.ImportedFailedDisposalRate, "不合格进口食品退运销毁率：本年核查不合格的进口食品中已退运或销毁的比例 · failed imported food returned or destroyed", ["进口食品", "退运"], "%"),
        new(Complaints.ComplaintMetrics.AcceptedInTime, "投诉举报按时受理率：本年登记的投诉举报中，受理（不予受理）或作出核查决定未超过法定时限的比例 · complaints and reports accepted, refused or decided within the statutory working days", ["投诉", "受理"], "%"),
        new(Complaints.ComplaintMetrics.ClosedInTime, "投诉举报按时办结率：本年已办结或已超期的投诉举报中，各环节均在时限内办结的比例 · complaints and reports closed with every step in time", ["投诉", "办结"], "%"),
        new(Complaints.ComplaintMetrics.SatisfactionRate, "投诉举报回访满意率：本年回访中表示满意的比例 · return visits this year in which the submitter was satisfied", ["投诉", "满意"], "%"),
        new("selfcheck.report_rate", "企业自查风险报告率 · self-inspection reports filed", ["自查风险报告率"], "%"),
    ];

    /// <summary>
    /// The value of a computed metric on a day for what the scope may see, or null when the metric is not computed yet
    /// (its module has not arrived) or has nothing to measure.
    /// </summary>
    public static async Task<decimal?> ComputeAsync(ShianDb db, AccessScope scope, string name, DateOnly today, CancellationToken ct = default) => name switch
    {
        Inspections.InspectionCoverage.MetricName => (await Inspections.InspectionCoverage.ComputeAsync(db, scope, today, ct)).Percent,
        Schools.SchoolCoverage.MetricName => scope.Level switch
        {
            AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Laboratory => await Schools.SchoolCoverage.IndicatorAsync(db, Schools.SchoolTerm.Of(today), ct: ct),
            AccessLevel.Township => await Schools.SchoolCoverage.IndicatorAsync(db, Schools.SchoolTerm.Of(today), townshipId: scope.TownshipId, ct: ct),
            _ => null,
        },
        KitchenVideo.KitchenVideoCoverage.MetricName => await KitchenVideo.KitchenVideoCoverage.IndicatorAsync(db, scope, schoolsOnly: false, ct),
        KitchenVideo.KitchenVideoCoverage.SchoolMetricName => await KitchenVideo.KitchenVideoCoverage.IndicatorAsync(db, scope, schoolsOnly: true, ct),
        Sampling.SampleFailures.MetricName => await Sampling.SampleFailures.DisposalCompletionAsync(db, scope, today, ct),
        Sampling.SampleMetrics.ReportTimeliness => await Sampling.SampleMetrics.ReportTimelinessAsync(db, scope, today, ct),
        Sampling.SampleMetrics.PassRate or Sampling.SampleMetrics.PassRateAgricultural or Sampling.SampleMetrics.PassRateFood
            => await Sampling.SampleMetrics.PassRateAsync(db, scope, name, today, ct),
        Grain.GrainMetrics.ReserveTestCompletion or Grain.GrainMetrics.PurchaseCheckRate or Grain.GrainMetrics.ImportedFailedDisposalRate
            => await Grain.GrainMetrics.ComputeAsync(db, scope, name, today, ct),
        Rectification.RectificationMetrics.ClosureRate => await Rectification.RectificationMetrics.ClosureRateAsync(db, scope, today, ct),
        Sampling.SamplingQuota.MetricName => await Sampling.SamplingPlanProgress.BatchesPerThousandAsync(db, scope, today, ct),
        Traceability.TraceReporting.MetricName => await Traceability.TraceReporting.UploadRateAsync(db, scope, today, ct),
        Complaints.ComplaintMetrics.AcceptedInTime or Complaints.ComplaintMetrics.ClosedInTime or Complaints.ComplaintMetrics.SatisfactionRate
            => await Complaints.ComplaintMetrics.ComputeAsync(db, scope, name, today, ct),
        _ => null,
    };

    /// <summary>The metric whose words the subject carries and whose unit matches, if any (most specific first).</summary>
    public static Metric? Match(string subject, string unit) =>
        All.FirstOrDefault(m => (m.Unit is null || m.Unit == unit) && m.SubjectWords.All(w => subject.Contains(w, StringComparison.Ordinal)));
}
