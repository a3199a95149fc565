using Shian.Audit;

namespace Shian.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTime T0 = new DateTime(2020, 9, 28, 1, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560);

    private static AuditEntry Row(long sequence, string actor, AuditAction action, string entity, string entityId, string? oldValues, string? newValues) =>
        new()
        {
            Sequence = sequence,
            At = T0.AddSeconds(sequence * 37).AddTicks(sequence * 10),
            Actor = actor,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            OldValues = oldValues,
            NewValues = newValues,
        };

    /// <summary>Six sealed rows covering inserts, updates and deletes, null and Chinese payloads.</summary>
    private static List<AuditEntry> Chain()
    {
        var rows = new List<AuditEntry>
        {
            Row(1, "system", AuditAction.Insert, "Jurisdiction", "0190a3b2-0000-7000-8000-000000000001", null, """{"RegionCode":"120119","Name":"蓟州区"}"""),
            Row(2, "cli:root", AuditAction.Insert, "Township", "0190a3b2-0000-7000-8000-000000000002", null, """{"Code":"120119001","Name":"文昌街道","Kind":"街道"}"""),
            Row(3, "张三", AuditAction.Update, "Township", "0190a3b2-0000-7000-8000-000000000002", """{"Name":"文昌街道"}""", """{"Name":"文昌街道办事处"}"""),
            Row(4, "apikey:海关数据交换", AuditAction.Update, "Unit", "0190a3b2-0000-7000-8000-000000000003", """{"Active":true}""", """{"Active":false}"""),
            Row(5, "李四", AuditAction.Delete, "Unit", "0190a3b2-0000-7000-8000-000000000003", """{"Name":"蓟州北站","Kind":"Railway"}""", null),
            Row(6, "system", AuditAction.Insert, "CalendarDay", "2020-10-10", null, """{"Kind":"AdjustedWorkday","Name":"国庆节、中秋节调休"}"""),
        };
        var previous = AuditChain.Genesis;
        foreach (var row in rows)
        {
            AuditChain.Seal(row, previous);
            previous = row.Hash;
        }
        return rows;
    }

    private static string ChangeOneChar(string value, int index)
    {
        var chars = value.ToCharArray();
        var c = chars[index];
        // Stay a plausible character of the same sort: hex stays hex, letters stay letters.
        chars[index] = c switch
        {
            'f' => 'e',
            '9' => '8',
            'z' => 'y',
            'Z' => 'Y',
            _ => (char)(c + 1),
        };
        return new string(chars);
    }

    private static IEnumerable<int> Positions(string value) => new[] { 0, value.Length / 2, value.Length - 1 }.Distinct();

    /// <summary>Every one-character change of every field of a row, with a label saying what was changed.</summary>
    private static IEnumerable<(string What, Action<AuditEntry> Tamper)> Tamperings(AuditEntry original)
    {
        yield return ("At +1 µs", r => r.At = r.At.AddTicks(10));
        yield return ("At -1 s", r => r.At = r.At.AddSeconds(-1));
        yield return ("At +1 year", r => r.At = r.At.AddYears(1));
        yield return ("Sequence +1", r => r.Sequence++);
        yield return ("Sequence -1", r => r.Sequence--);
        foreach (var action in Enum.GetValues<AuditAction>().Where(a => a != original.Action))
        {
            yield return ($"Action {action}", r => r.Action = action);
        }
        yield return ("Action out of range", r => r.Action = (AuditAction)99);

        foreach (var (name, get, set) in StringFields())
        {
            var value = get(original);
            if (value is null)
            {
                yield return ($"{name} null -> empty", r => set(r, ""));
                yield return ($"{name} null -> {{}}", r => set(r, "{}"));
                continue;
            }
            foreach (var i in Positions(value))
            {
                yield return ($"{name}[{i}] changed", r => set(r, ChangeOneChar(get(r)!, i)));
            }
            yield return ($"{name} one more char", r => set(r, get(r) + " "));
            yield return ($"{name} one char fewer", r => set(r, get(r)![..^1]));
            if (name is nameof(AuditEntry.OldValues) or nameof(AuditEntry.NewValues))
            {
                yield return ($"{name} -> null", r => set(r, null));
            }
        }
    }

    private static IEnumerable<(string Name, Func<AuditEntry, string?> Get, Action<AuditEntry, string?> Set)> StringFields()
    {
        yield return (nameof(AuditEntry.Actor), r => r.Actor, (r, v) => r.Actor = v!);
        yield return (nameof(AuditEntry.Entity), r => r.Entity, (r, v) => r.Entity = v!);
        yield return (nameof(AuditEntry.EntityId), r => r.EntityId, (r, v) => r.EntityId = v!);
        yield return (nameof(AuditEntry.OldValues), r => r.OldValues, (r, v) => r.OldValues = v);
        yield return (nameof(AuditEntry.NewValues), r => r.NewValues, (r, v) => r.NewValues = v);
        yield return (nameof(AuditEntry.PreviousHash), r => r.PreviousHash, (r, v) => r.PreviousHash = v!);
        yield return (nameof(AuditEntry.Hash), r => r.Hash, (r, v) => r.Hash = v!);
    }

    [Fact]
    public void Sealed_chain_verifies()
    {
        var rows = Chain();
        Assert.Null(AuditChain.Verify(rows));
        Assert.Equal(AuditChain.Genesis, rows[0].PreviousHash);
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].Hash, rows[i].PreviousHash);
        }
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.Hash));
        Assert.Equal(rows.Count, rows.Select(r => r.Hash).Distinct().Count());
    }

    [Fact]
    public void Empty_chain_verifies()
    {
        Assert.Null(AuditChain.Verify([]));
    }

    [Fact]
    public void Genesis_is_64_zeros()
    {
        Assert.Equal(new string('0', 64), AuditChain.Genesis);
    }

    [Fact]
    public void Hash_of_a_known_row_matches_the_reference_value()
    {
        // Computed independently (Python hashlib) from the documented layout: each field as "length:value|",
        // At as yyyy-MM-ddTHH:mm:ss.ffffffZ, Action as its number, an absent value as "null|". Stored chains must keep verifying
        // after an upgrade, so the layout must not drift.
        var row = new AuditEntry
        {
            Sequence = 1,
            At = T0,
            Actor = "张三",
            Action = AuditAction.Insert,
            Entity = "Township",
            EntityId = "120119001",
            OldValues = null,
            NewValues = """{"Name":"文昌街道","Kind":"街道"}""",
        };
        Assert.Equal("febb6c8c65c58cb75af5eb9fcc27de02696355da819b96c05cf2b66db6c7f38d", AuditChain.ComputeHash(row, AuditChain.Genesis));
    }

    [Fact]
    public void Every_one_character_change_of_every_field_of_every_row_is_detected_at_that_row()
    {
        var count = 0;
        foreach (var index in Enumerable.Range(0, Chain().Count))
        {
            foreach (var (what, tamper) in Tamperings(Chain()[index]))
            {
                var rows = Chain();
                tamper(rows[index]);
                var broken = AuditChain.Verify(rows);
                Assert.True(broken is not null, $"row {index + 1}: '{what}' was not detected");
                Assert.True(broken.Sequence == rows[index].Sequence,
                    $"row {index + 1}: '{what}' reported at row {broken.Sequence}: {broken.Reason}");
                count++;
            }
        }
        Assert.True(count > 6 * 30, $"only {count} tamperings tried");
    }

    [Fact]
    public void Changed_sequence_is_reported_as_missing_or_reordered_rows()
    {
        var rows = Chain();
        rows[2].Sequence = 13;
        var broken = AuditChain.Verify(rows);
        Assert.NotNull(broken);
        Assert.Equal(13, broken.Sequence);
        Assert.Equal("Audit.RowsMissingOrReordered(3, 13)", broken.Reason.ToString());
    }

    [Fact]
    public void Changed_content_is_reported_as_altered()
    {
        var rows = Chain();
        rows[3].NewValues = """{"Active":true}""";
        var broken = AuditChain.Verify(rows);
        Assert.Equal(4, broken?.Sequence);
        Assert.Equal("Audit.RowAltered", broken!.Reason.Code);
    }

    [Fact]
    public void Content_change_that_is_resealed_is_caught_at_the_next_row()
    {
        // Someone who can write the table recomputes the altered row's hash but not the rest of the chain.
        var rows = Chain();
        rows[2].NewValues = """{"Name":"伪造"}""";
        AuditChain.Seal(rows[2], rows[1].Hash);
        var broken = AuditChain.Verify(rows);
        Assert.Equal(4, broken?.Sequence);
        Assert.Equal("Audit.PreviousHashMismatch", broken!.Reason.Code);
    }

    [Fact]
    public void Deleted_row_is_detected_at_the_row_after_the_gap()
    {
        var rows = Chain();
        rows.RemoveAt(2);
        var broken = AuditChain.Verify(rows);
        Assert.Equal(4, broken?.Sequence);
        Assert.Equal(3L, broken!.Reason.Args[0]);
    }

    [Fact]
    public void Deleted_first_row_is_detected()
    {
        var rows = Chain();
        rows.RemoveAt(0);
        Assert.Equal(2, AuditChain.Verify(rows)?.Sequence);
    }

    [Fact]
    public void Deleted_row_with_later_rows_renumbered_is_detected()
    {
        var rows = Chain();
        rows.RemoveAt(2);
        for (var i = 2; i < rows.Count; i++)
        {
            rows[i].Sequence = i + 1;
        }
        Assert.Equal(3, AuditChain.Verify(rows)?.Sequence);
    }

    [Fact]
    public void Swapped_rows_are_detected()
    {
        var rows = Chain();
        (rows[2], rows[3]) = (rows[3], rows[2]);
        var broken = AuditChain.Verify(rows);
        Assert.Equal(4, broken?.Sequence);
        Assert.Equal("Audit.RowsMissingOrReordered", broken!.Reason.Code);
    }

    [Fact]
    public void Swapped_rows_with_sequences_swapped_back_are_detected()
    {
        var rows = Chain();
        (rows[2], rows[3]) = (rows[3], rows[2]);
        (rows[2].Sequence, rows[3].Sequence) = (3, 4);
        Assert.Equal(3, AuditChain.Verify(rows)?.Sequence);
    }

    [Fact]
    public void Row_inserted_in_the_middle_is_detected_even_when_correctly_sealed()
    {
        var rows = Chain();
        var forged = Row(4, "张三", AuditAction.Delete, "Township", "0190a3b2-0000-7000-8000-000000000002", """{"Name":"文昌街道办事处"}""", null);
        AuditChain.Seal(forged, rows[2].Hash);
        rows.Insert(3, forged);
        var broken = AuditChain.Verify(rows);
        Assert.Equal(4, broken?.Sequence);
        Assert.Equal(5L, broken!.Reason.Args[0]);
    }

    [Fact]
    public void Row_inserted_in_the_middle_with_later_rows_renumbered_is_detected()
    {
        var rows = Chain();
        var forged = Row(4, "张三", AuditAction.Delete, "Township", "0190a3b2-0000-7000-8000-000000000002", null, null);
        AuditChain.Seal(forged, rows[2].Hash);
        rows.Insert(3, forged);
        for (var i = 4; i < rows.Count; i++)
        {
            rows[i].Sequence = i + 1;
        }
        var broken = AuditChain.Verify(rows);
        Assert.Equal(5, broken?.Sequence);
    }

    [Fact]
    public void Moving_characters_between_entity_and_entity_id_changes_the_hash()
    {
        var a = Row(1, "system", AuditAction.Insert, "AB", "C", null, "{}");
        var b = Row(1, "system", AuditAction.Insert, "A", "BC", null, "{}");
        Assert.NotEqual(AuditChain.ComputeHash(a, AuditChain.Genesis), AuditChain.ComputeHash(b, AuditChain.Genesis));
    }

    [Fact]
    public void Moving_characters_between_actor_and_entity_changes_the_hash()
    {
        var a = Row(1, "张三T", AuditAction.Insert, "ownship", "1", null, "{}");
        var b = Row(1, "张三", AuditAction.Insert, "Township", "1", null, "{}");
        Assert.NotEqual(AuditChain.ComputeHash(a, AuditChain.Genesis), AuditChain.ComputeHash(b, AuditChain.Genesis));
    }

    [Fact]
    public void Moving_characters_between_old_and_new_values_changes_the_hash()
    {
        var a = Row(1, "system", AuditAction.Update, "Unit", "1", """{"A":1}""", """{"A":2}""");
        var b = Row(1, "system", AuditAction.Update, "Unit", "1", "{\"A\":1}{", "\"A\":2}");
        Assert.NotEqual(AuditChain.ComputeHash(a, AuditChain.Genesis), AuditChain.ComputeHash(b, AuditChain.Genesis));
    }

    [Fact]
    public void Field_text_that_imitates_the_separator_does_not_collide()
    {
        // "A|1:B" in one field versus "A" and "B" split by a forged separator.
        var a = Row(1, "system", AuditAction.Insert, "A|9:B", "C", null, "{}");
        var b = Row(1, "system", AuditAction.Insert, "A", "B|1:C", null, "{}");
        Assert.NotEqual(AuditChain.ComputeHash(a, AuditChain.Genesis), AuditChain.ComputeHash(b, AuditChain.Genesis));
    }

    [Fact]
    public void Null_and_empty_values_hash_differently()
    {
        var withNull = Row(1, "system", AuditAction.Insert, "Unit", "1", null, "{}");
        var withEmpty = Row(1, "system", AuditAction.Insert, "Unit", "1", "", "{}");
        Assert.NotEqual(AuditChain.ComputeHash(withNull, AuditChain.Genesis), AuditChain.ComputeHash(withEmpty, AuditChain.Genesis));
    }

    [Fact]
    public void Null_values_and_a_single_nul_character_hash_differently()
    {
        // Every distinct row content must give a distinct hash; a null payload and the one-character string "\0" are
        // different contents (SQLite stores either).
        var withNull = Row(1, "system", AuditAction.Insert, "Unit", "1", null, "{}");
        var withNul = Row(1, "system", AuditAction.Insert, "Unit", "1", "\u0000", "{}");
        Assert.NotEqual(AuditChain.ComputeHash(withNull, AuditChain.Genesis), AuditChain.ComputeHash(withNul, AuditChain.Genesis));
    }

    [Fact]
    public void Same_row_after_a_different_previous_hash_hashes_differently()
    {
        var row = Chain()[2];
        Assert.NotEqual(AuditChain.ComputeHash(row, AuditChain.Genesis), AuditChain.ComputeHash(row, row.PreviousHash));
    }

    [Fact]
    public void Hash_ignores_the_datetime_kind_of_a_utc_instant_and_sub_microsecond_ticks()
    {
        // At is stored to the microsecond (ShianTime.UtcNow truncates); the hash must read the same back from the database.
        var row = Chain()[0];
        var hash = AuditChain.ComputeHash(row, AuditChain.Genesis);
        row.At = new DateTime(row.At.Ticks + 9, DateTimeKind.Utc);
        Assert.Equal(hash, AuditChain.ComputeHash(row, AuditChain.Genesis));
        row.At = row.At.AddTicks(1);
        Assert.NotEqual(hash, AuditChain.ComputeHash(row, AuditChain.Genesis));
    }

    [Fact]
    public void Compute_hash_does_not_read_the_stored_hash_fields()
    {
        var row = Chain()[1];
        var hash = AuditChain.ComputeHash(row, row.PreviousHash);
        row.Hash = "x";
        row.PreviousHash = "y";
        Assert.Equal(hash, AuditChain.ComputeHash(row, Chain()[0].Hash));
    }

    [Fact]
    public void Verify_continues_from_a_given_previous_hash_and_sequence()
    {
        var rows = Chain();
        var tail = rows.Skip(3).ToList();
        Assert.Null(AuditChain.Verify(tail, rows[2].Hash, 4));
    }

    [Fact]
    public void Verify_of_a_tail_without_its_anchor_fails_at_its_first_row()
    {
        var rows = Chain();
        var tail = rows.Skip(3).ToList();

        var fromGenesis = AuditChain.Verify(tail);
        Assert.Equal(4, fromGenesis?.Sequence);

        var wrongHash = AuditChain.Verify(tail, rows[1].Hash, 4);
        Assert.Equal(4, wrongHash?.Sequence);
        Assert.Equal("Audit.PreviousHashMismatch", wrongHash!.Reason.Code);

        var wrongSequence = AuditChain.Verify(tail, rows[2].Hash, 5);
        Assert.Equal(4, wrongSequence?.Sequence);
        Assert.Equal(5L, wrongSequence!.Reason.Args[0]);
    }

    [Fact]
    public void Verify_in_two_halves_detects_a_change_in_the_second_half()
    {
        var rows = Chain();
        rows[4].Actor = "王五";
        Assert.Null(AuditChain.Verify(rows.Take(3)));
        Assert.Equal(5, AuditChain.Verify(rows.Skip(3), rows[2].Hash, 4)?.Sequence);
    }

    [Fact]
    public void Verify_reads_the_rows_once_as_a_stream()
    {
        var rows = Chain();
        var reads = 0;
        IEnumerable<AuditEntry> Stream()
        {
            foreach (var row in rows)
            {
                reads++;
                yield return row;
            }
        }
        Assert.Null(AuditChain.Verify(Stream()));
        Assert.Equal(rows.Count, reads);
    }

    [Fact]
    public void Verify_stops_at_the_first_break()
    {
        var rows = Chain();
        rows[1].Actor = "x";
        rows[4].Actor = "y";
        Assert.Equal(2, AuditChain.Verify(rows)?.Sequence);
    }
}
