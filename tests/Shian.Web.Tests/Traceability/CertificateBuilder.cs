using Shian.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>Test certificates go through the same transition as a producer's: <see cref="ProduceCertificate.Issue"/>.</summary>
internal static class CertificateBuilder
{
    public static ProduceCertificate Issued(this ProduceCertificate certificate, string by, DateTime at)
    {
        Assert.Null(certificate.Issue(by, at));
        return certificate;
    }
}
