using Shian.Common;
using Shian.Traceability;

namespace Shian.Tests.Traceability;

/// <summary>A capture job finishes once: accepted → succeeded or failed.</summary>
public class CaptureJobTests
{
    private static readonly DateTime At = new(2026, 3, 7, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_accepted_job_succeeds_once_with_its_count()
    {
        var job = new CaptureJob { CreatedAt = At };
        Assert.Equal((CaptureJobStatus.Accepted, null), (job.Status, job.FinishedAt));
        Assert.Null(job.Succeed(3, At));
        Assert.Equal((CaptureJobStatus.Succeeded, 3, At), (job.Status, job.EventCount, job.FinishedAt));
        Assert.Equal("CaptureJob.AlreadyFinished", job.Succeed(4, At)?.Code);
        Assert.Equal("CaptureJob.AlreadyFinished", job.Fail([new EpcisError("$", new Problem("Epcis.EmptyBody"))], At)?.Code);
        Assert.Equal(3, job.EventCount);
    }

    [Fact]
    public void A_failed_job_keeps_its_errors_and_cannot_succeed_afterwards()
    {
        var job = new CaptureJob { CreatedAt = At };
        Assert.Equal("CaptureJob.FailureNeedsErrors", job.Fail([], At)?.Code);
        Assert.Null(job.Fail([new EpcisError("$.epcisBody", new Problem("Epcis.EmptyBody"))], At));
        Assert.Equal(CaptureJobStatus.Failed, job.Status);
        Assert.Contains("$.epcisBody", job.ErrorsJson);
        Assert.Equal("CaptureJob.AlreadyFinished", job.Succeed(1, At)?.Code);
    }
}
