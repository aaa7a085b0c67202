using System.Buffers;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>The parts a snapshot is stored with: stream positions, writers' positions and chunks.</summary>
public sealed class SnapshotPartsTests
{
    [Theory]
    [InlineData("0-0", "0-1")]
    [InlineData("1700000000000-5", "1700000000000-12")]
    [InlineData("999-99", "1000-0")]
    public void Stream_ids_order_by_time_then_sequence_not_as_text(string earlier, string later)
    {
        Assert.True(StreamId.Parse(earlier) < StreamId.Parse(later));
        Assert.True(StreamId.Parse(later) > StreamId.Parse(earlier));
        Assert.Equal(later, StreamId.Parse(later).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("-1")]
    [InlineData("1-x")]
    public void A_malformed_stream_id_is_refused(string id) =>
        Assert.Throws<InvalidDataException>(() => StreamId.Parse(id));

    [Fact]
    public void Writers_positions_round_trip_and_still_pass_over_copies()
    {
        var positions = new JournalPositions();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        positions.Advance(a, batch: 7, index: 3);
        positions.Advance(b, batch: 2, index: 0);

        var read = JournalPositions.FromBytes(positions.ToBytes());

        Assert.Equal(2, read.Count);
        Assert.True(read.Contains(a));
        Assert.False(read.Contains(Guid.NewGuid()));
        Assert.False(read.Advance(a, batch: 7, index: 3));
        Assert.True(read.Advance(a, batch: 7, index: 4));
        Assert.False(read.Advance(b, batch: 1, index: 9));
    }

    [Fact]
    public void Writers_positions_of_a_wrong_length_are_refused() =>
        Assert.Throws<InvalidDataException>(() => JournalPositions.FromBytes(new byte[33]));

    [Fact]
    public void A_state_written_in_chunks_reads_back_byte_for_byte_across_chunk_boundaries()
    {
        var writer = new ChunkWriter(chunkSize: 64);
        var expected = new List<byte>();
        var random = new Random(5);
        for (var write = 0; write < 200; write++)
        {
            var size = random.Next(1, 100);
            var span = writer.GetSpan(size);
            Assert.True(span.Length >= size);
            for (var i = 0; i < size; i++)
            {
                span[i] = (byte)random.Next(256);
                expected.Add(span[i]);
            }

            writer.Advance(size);
        }

        var sequence = ChunkSequence.Join(writer.Chunks);

        Assert.True(writer.Chunks.Count > 100);
        Assert.Equal(expected.Count, writer.Length);
        Assert.Equal(expected.ToArray(), sequence.ToArray());
    }

    [Fact]
    public void An_empty_state_is_no_chunks_and_an_empty_sequence()
    {
        var writer = new ChunkWriter();

        Assert.Empty(writer.Chunks);
        Assert.True(ChunkSequence.Join(writer.Chunks).IsEmpty);
    }
}
