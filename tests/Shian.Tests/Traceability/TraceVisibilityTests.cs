using Shian.Traceability;

namespace Shian.Tests.Traceability;

/// <summary>Whose events count for an identifier: the owner's chain of recorded partners, never a stranger's (issue [7]).</summary>
public class TraceVisibilityTests
{
    private static readonly Guid Farm = Guid.NewGuid(), Mill = Guid.NewGuid(), Shop = Guid.NewGuid(), Canteen = Guid.NewGuid(), Stranger = Guid.NewGuid();
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private const string Lot = "01/06901234000016/10/L1";

    private static TraceVisibility.Fact Fact(Guid by, int minutes, bool creates = false, params Guid[] parties) => new(Guid.NewGuid(), by, T0.AddMinutes(minutes), creates, parties);

    [Fact]
    public void The_confirmed_gtin_claimant_owns_a_lot_whoever_recorded_making_it_first()
    {
        var strangerMade = Fact(Stranger, 0, creates: true);
        var farmMade = Fact(Farm, 5, creates: true);
        Assert.Equal(Farm, TraceVisibility.Owner(Lot, new Dictionary<string, Guid> { ["06901234000016"] = Farm }, [strangerMade, farmMade]));
        // Without a confirmed claim, the first recorded maker; nobody when no event made it.
        Assert.Equal(Stranger, TraceVisibility.Owner(Lot, new Dictionary<string, Guid>(), [farmMade, strangerMade]));
        Assert.Null(TraceVisibility.Owner(Lot, new Dictionary<string, Guid>(), [Fact(Farm, 0)]));
    }

    [Fact]
    public void Partners_recorded_by_the_owners_chain_count_and_a_stranger_naming_itself_does_not()
    {
        var facts = new List<TraceVisibility.Fact>
        {
            Fact(Farm, 0, creates: true),
            Fact(Farm, 1, false, Farm, Mill), // shipped to the mill
            Fact(Mill, 2, false, Shop, Canteen), // the mill ships on: both are partners now
            Fact(Canteen, 3),
            Fact(Stranger, 4, false, Farm, Stranger), // "received from the farm", says the stranger
        };
        var trusted = TraceVisibility.Corroborators(Farm, null, facts);
        Assert.Equal(new HashSet<Guid> { Farm, Mill, Shop, Canteen }, trusted);
        var visible = TraceVisibility.Visible(trusted, facts);
        Assert.Equal(4, visible.Count);
        Assert.DoesNotContain(facts[4].EventId, visible);
        Assert.Empty(TraceVisibility.Corroborators(null, null, facts));
    }

    [Fact]
    public void A_business_linking_a_lot_into_its_trace_sees_its_own_events_and_the_owners_only_if_the_owner_records_it()
    {
        var facts = new List<TraceVisibility.Fact> { Fact(Farm, 0, creates: true), Fact(Farm, 1, false, Farm, Mill), Fact(Mill, 2) };
        Assert.Equal(new HashSet<Guid> { Farm, Mill }, TraceVisibility.Corroborators(Farm, Mill, facts));
        // A stranger claiming the farm's lot as an input of its own product sees its own events of the lot only.
        var claimed = facts.Append(Fact(Stranger, 3)).ToList();
        Assert.Equal(new HashSet<Guid> { Stranger }, TraceVisibility.Corroborators(Farm, Stranger, claimed));
    }

    [Fact]
    public void Making_is_commissioning_a_transformation_output_or_packing_a_container()
    {
        Assert.True(TraceVisibility.Creates(EpcisEventType.ObjectEvent, "ADD", EpcRole.Epc));
        Assert.False(TraceVisibility.Creates(EpcisEventType.ObjectEvent, "OBSERVE", EpcRole.Epc));
        Assert.True(TraceVisibility.Creates(EpcisEventType.TransformationEvent, null, EpcRole.Output));
        Assert.False(TraceVisibility.Creates(EpcisEventType.TransformationEvent, null, EpcRole.Input));
        Assert.True(TraceVisibility.Creates(EpcisEventType.AggregationEvent, "ADD", EpcRole.Parent));
        Assert.False(TraceVisibility.Creates(EpcisEventType.AggregationEvent, "ADD", EpcRole.Child));
    }

    [Fact]
    public void A_claim_is_confirmed_or_rejected_with_a_reason_once()
    {
        var at = T0;
        var claim = new TraceProduct { Gtin = "06901234000016" };
        Assert.Equal(TraceClaimStatus.Pending, claim.Status);
        Assert.Equal("TraceClaim.ReasonRequired", claim.Reject(" ", "office", at)?.Code);
        Assert.Null(claim.Confirm("office", at));
        Assert.Equal((TraceClaimStatus.Confirmed, "office", (DateTime?)at), (claim.Status, claim.ReviewedBy, claim.ReviewedAt));
        Assert.Equal("TraceClaim.ConfirmNotPending", claim.Confirm("office", at)?.Code);
        Assert.Equal("TraceClaim.RejectNotPending", claim.Reject("wrong prefix", "office", at)?.Code);
        var rival = new TraceParty { Key = "414/6901234000016" };
        Assert.Null(rival.Reject("厂商识别代码不属于该企业", "office", at));
        Assert.Equal((TraceClaimStatus.Rejected, "厂商识别代码不属于该企业"), (rival.Status, rival.RejectionReason));
        Assert.Equal("TraceClaim.ConfirmNotPending", rival.Confirm("office", at)?.Code);
        Assert.Equal("6901234", TraceClaims.CompanyPrefix("06901234000016"));
        Assert.Equal("69212345", TraceClaims.CompanyPrefix("6921234500018"));
    }
}
