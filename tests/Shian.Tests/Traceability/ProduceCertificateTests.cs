using Shian.Traceability;

namespace Shian.Tests.Traceability;

public sealed class ProduceCertificateTests
{
    private static ProduceCertificate Issued() => new()
    {
        Id = Guid.Parse("0190a000-0000-7000-8000-000000000001"), Code = "abc234defg", BusinessId = Guid.Parse("0190a000-0000-7000-8000-0000000000aa"),
        ProductName = "黄瓜 \"精品\"", Category = ProduceCategory.Vegetables, Quantity = 500.50m, Unit = "千克", Mode = CertificateMode.PerPackage, Copies = 20,
        ProducerName = "绿野蔬菜专业合作社", Origin = "天津市蓟州区渔阳镇", ContactPhone = "13900001111", IssuedOn = new DateOnly(2026, 11, 28),
        Promised = true, SignedBy = "张三", Basis = CertificateBasis.SelfTest, ReportNumber = "ZJ-1", Gtin = "06901234567892", Lot = "L1",
    };

    [Fact]
    public void The_ledger_json_is_canonical_and_holds_only_the_issued_fields()
    {
        var certificate = Issued();
        var json = certificate.ToLedgerJson();
        Assert.Equal(
            "{\"type\":\"produce-certificate\",\"code\":\"abc234defg\",\"businessId\":\"0190a000-0000-7000-8000-0000000000aa\",\"productName\":\"黄瓜 \\\"精品\\\"\"," +
            "\"category\":\"Vegetables\",\"quantity\":\"500.5\",\"unit\":\"千克\",\"mode\":\"PerPackage\",\"copies\":20,\"producerName\":\"绿野蔬菜专业合作社\"," +
            "\"origin\":\"天津市蓟州区渔阳镇\",\"contactPhone\":\"13900001111\",\"issuedOn\":\"2026-11-28\",\"promises\":[\"不使用禁限用农药兽药\",\"不使用非法添加物\"," +
            "\"遵守农药安全间隔期、兽药休药期规定\",\"销售的食用农产品符合农药兽药残留食品安全国家强制性标准\"],\"signedBy\":\"张三\",\"basis\":\"SelfTest\"," +
            "\"reportNumber\":\"ZJ-1\",\"gtin\":\"06901234567892\",\"lot\":\"L1\"}", json);
        // Revoking or receiving changes the certificate's state, not what was issued.
        Assert.Null(certificate.Revoke("自检不合格", "operator", DateTime.UtcNow));
        Assert.Equal(json, certificate.ToLedgerJson());
    }

    [Fact]
    public void A_receipt_is_refused_for_the_producer_twice_or_when_revoked()
    {
        var certificate = Issued();
        var buyer = Guid.NewGuid();
        var today = new DateOnly(2026, 11, 29);
        Assert.Equal("Certificate.OwnReceipt", certificate.Receive(certificate.BusinessId, "self", 1, today, today, "u", DateTime.UtcNow)?.Code);
        Assert.Equal("Certificate.ReceiptQuantity", certificate.Receive(buyer, "超市", 600, today, today, "u", DateTime.UtcNow)?.Code);
        Assert.Null(certificate.Receive(buyer, "超市", 100, today, today, "u", DateTime.UtcNow));
        Assert.Equal("Certificate.AlreadyReceived", certificate.Receive(buyer, "超市", 1, today, today, "u", DateTime.UtcNow)?.Code);
        Assert.Equal("Certificate.ReceiptDate", certificate.Receive(Guid.NewGuid(), "市场", 1, today.AddDays(1), today, "u", DateTime.UtcNow)?.Code);
        Assert.Equal("Certificate.ReasonRequired", certificate.Revoke(" ", "u", DateTime.UtcNow)?.Code);
        Assert.Null(certificate.Revoke("召回", "u", DateTime.UtcNow));
        Assert.Equal((CertificateStatus.Revoked, "召回", "u"), (certificate.Status, certificate.RevokedReason, certificate.RevokedBy));
        Assert.Equal("Certificate.AlreadyRevoked", certificate.Revoke("再次", "u", DateTime.UtcNow)?.Code);
        Assert.Equal("Certificate.RevokedNoReceipt", certificate.Receive(Guid.NewGuid(), "市场", 1, today, today, "u", DateTime.UtcNow)?.Code);
        Assert.Single(certificate.Receipts);
    }

    [Fact]
    public void Issuing_stamps_who_and_when_once_and_gives_a_code()
    {
        var certificate = new ProduceCertificate { ProductName = "黄瓜" };
        var at = new DateTime(2026, 11, 28, 1, 0, 0, DateTimeKind.Utc);
        Assert.Null(certificate.Issue("farmer", at));
        Assert.Equal((ProduceCertificate.CodeLength, "farmer", at), (certificate.Code.Length, certificate.CreatedBy, certificate.CreatedAt));
        Assert.Equal("Certificate.AlreadyIssued", certificate.Issue("someone", at.AddDays(1))?.Code);
        Assert.Equal("farmer", certificate.CreatedBy);
    }
}
