using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>What Redis holds of one person (<see cref="PersonRecords"/>), as one fetch read it.</summary>
/// <param name="Records">Their last changes, oldest first (<see cref="PersonRecordCodec"/>).</param>
/// <param name="Aliases">The keys stitched to them.</param>
/// <param name="StitchedTo">The person this key was stitched to, or null.</param>
internal sealed record PersonHistory(RedisValue[] Records, string[] Aliases, string? StitchedTo)
{
    /// <summary>Whether Redis holds nothing of the key.</summary>
    public bool IsEmpty => Records.Length == 0 && Aliases.Length == 0 && StitchedTo is null;
}
