using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Replication;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// The erasures a server made before it merged the shared state are handed to the merge, once; its
/// consents are kept until read back from the journal; its journal waits for the merge.
/// </summary>
public sealed class RestoreGateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Erasures_before_the_restore_are_handed_over_once_and_later_ones_only_when_they_began_before_it_ended()
    {
        var gate = new RestoreGate(capacity: 10, _time);
        gate.Hold();
        var erasedAt = _time.GetUtcNow();

        Assert.False(gate.Erased(["alice", "guest"], erasedAt));
        _time.Advance(TimeSpan.FromSeconds(1));
        var (erasures, overflow, _) = gate.Open();

        Assert.Equal([("alice", erasedAt, (string?)null), ("guest", erasedAt, "alice")], erasures);
        Assert.Equal(0, overflow);
        Assert.Empty(gate.Open().Erasures);

        // One that began while the merge ran is applied again by its caller; one after, not.
        Assert.True(gate.Erased(["bob"], erasedAt));
        Assert.False(gate.Erased(["carol"], _time.GetUtcNow() + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Erasures_past_the_capacity_are_counted_not_kept()
    {
        var gate = new RestoreGate(capacity: 2, _time);
        gate.Hold();

        gate.Erased(["a", "b", "c"], _time.GetUtcNow());

        var (erasures, overflow, _) = gate.Open();
        Assert.Equal(2, erasures.Count);
        Assert.Equal(1, overflow);
    }

    [Fact]
    public void No_erased_key_is_kept_before_the_reader_starts_or_after_it_stops()
    {
        var unstarted = new RestoreGate(capacity: 10, _time);
        var stopped = new RestoreGate(capacity: 10, _time);
        stopped.Hold();

        Assert.False(unstarted.Erased(["alice"], _time.GetUtcNow()));
        Assert.False(stopped.Erased(["bob"], _time.GetUtcNow()));
        stopped.Release();
        Assert.False(stopped.Erased(["carol"], _time.GetUtcNow()));

        // No restore will come for either: neither holds a key for one.
        Assert.Empty(unstarted.Open().Erasures);
        Assert.Empty(stopped.Open().Erasures);
    }

    [Fact]
    public void The_last_consent_stated_before_the_restore_is_kept_until_it_or_a_later_one_is_read_back()
    {
        var gate = new RestoreGate(capacity: 10, _time);
        gate.Hold();
        var givenAt = _time.GetUtcNow();
        var withdrawnAt = givenAt + TimeSpan.FromSeconds(1);
        gate.Stated("alice", PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization) with { Timestamp = givenAt });
        gate.Stated("alice", PersonalizationEvent.ConsentWithdrawn("alice") with { Timestamp = withdrawnAt });
        gate.Open();

        // Stated after the restore: the journal holds nothing older that this server reads after it.
        gate.Stated("bob", PersonalizationEvent.ConsentWithdrawn("bob") with { Timestamp = withdrawnAt });
        Assert.False(gate.Restatement("bob", out _));

        Assert.True(gate.HoldsStatements);
        Assert.True(gate.Restatement("alice", out var kept));
        Assert.Equal(ConsentFlags.None, kept.Consent);
        Assert.Equal(withdrawnAt, kept.Timestamp);

        // The earlier statement read back leaves the later one to come.
        gate.ReadBack("alice", givenAt);
        Assert.True(gate.Restatement("alice", out _));
        gate.ReadBack("alice", withdrawnAt);
        Assert.False(gate.Restatement("alice", out _));
        Assert.False(gate.HoldsStatements);
    }

    [Fact]
    public void Consents_of_more_people_than_the_capacity_are_counted_not_kept_and_none_outlive_the_readers_stop()
    {
        var gate = new RestoreGate(capacity: 2, _time);
        gate.Hold();
        foreach (var person in new[] { "a", "b", "a", "c" })
        {
            gate.Stated(person, PersonalizationEvent.ConsentWithdrawn(person) with { Timestamp = _time.GetUtcNow() });
        }

        Assert.Equal(1, gate.Open().StatementOverflow);
        Assert.True(gate.Restatement("a", out _) && gate.Restatement("b", out _));
        Assert.False(gate.Restatement("c", out _));

        gate.Release();
        Assert.False(gate.HoldsStatements);
        Assert.False(gate.Restatement("a", out _));
    }

    [Fact]
    public void An_erasure_lets_go_of_the_persons_consent_stated_before_it()
    {
        var gate = new RestoreGate(capacity: 10, _time);
        gate.Hold();
        gate.Stated("alice", PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization) with { Timestamp = _time.GetUtcNow() });
        gate.Stated("bob", PersonalizationEvent.ConsentGiven("bob", ConsentFlags.Personalization) with { Timestamp = _time.GetUtcNow() });

        gate.Erased(["alice", "guest"], _time.GetUtcNow());
        gate.Open();

        Assert.False(gate.Restatement("alice", out _));
        Assert.True(gate.Restatement("bob", out _));
    }

    [Fact]
    public void The_journal_is_held_only_from_the_readers_start_until_the_restore_or_the_stop()
    {
        var restored = new RestoreGate(capacity: 10, _time);
        var stopped = new RestoreGate(capacity: 10, _time);
        var opened = 0;
        restored.Opened += () => opened++;
        stopped.Opened += () => opened++;

        // Without a host the reader never starts: nothing holds the journal.
        Assert.True(restored.MayJournal);
        restored.Hold();
        stopped.Hold();
        Assert.False(restored.MayJournal);
        Assert.False(stopped.MayJournal);

        restored.Open();
        stopped.Release();

        Assert.True(restored.MayJournal);
        Assert.True(stopped.MayJournal);
        Assert.Equal(2, opened);
    }
}
