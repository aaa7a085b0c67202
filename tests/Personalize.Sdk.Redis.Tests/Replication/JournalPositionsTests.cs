using Personalize.Sdk.Redis.Replication;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>A batch resent after a failure reaches the journal twice; its second copy is passed over.</summary>
public sealed class JournalPositionsTests
{
    [Fact]
    public void A_resent_batch_is_a_copy_and_the_next_batch_is_new()
    {
        var positions = new JournalPositions();
        var server = Guid.NewGuid();

        Assert.True(positions.Advance(server, batch: 1, index: 0));
        Assert.True(positions.Advance(server, batch: 1, index: 1));
        Assert.False(positions.Advance(server, batch: 1, index: 0));
        Assert.False(positions.Advance(server, batch: 1, index: 1));
        Assert.True(positions.Advance(server, batch: 2, index: 0));
        Assert.False(positions.Advance(server, batch: 1, index: 2));
    }

    [Fact]
    public void Each_server_has_its_own_position()
    {
        var positions = new JournalPositions();

        Assert.True(positions.Advance(Guid.NewGuid(), batch: 5, index: 3));
        Assert.True(positions.Advance(Guid.NewGuid(), batch: 1, index: 0));
    }
}
