using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Ledger;

namespace Shian.Data;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> e)
    {
        e.HasKey(x => x.Index);
        e.Property(x => x.Index).ValueGeneratedNever();
        e.Property(x => x.Kind).HasMaxLength(LedgerEntry.KindMaxLength);
        e.Property(x => x.Reference).HasMaxLength(LedgerEntry.ReferenceMaxLength);
        e.HasIndex(x => new { x.Kind, x.Reference });
    }
}

internal sealed class LedgerNodeConfiguration : IEntityTypeConfiguration<LedgerNode>
{
    public void Configure(EntityTypeBuilder<LedgerNode> e)
    {
        e.HasKey(x => x.Position);
        e.Property(x => x.Position).ValueGeneratedNever();
    }
}

internal sealed class SignedTreeHeadConfiguration : IEntityTypeConfiguration<SignedTreeHead>
{
    public void Configure(EntityTypeBuilder<SignedTreeHead> e)
    {
        e.HasKey(x => x.TreeSize);
        e.Property(x => x.TreeSize).ValueGeneratedNever();
        e.Property(x => x.KeyId).HasMaxLength(60);
    }
}
