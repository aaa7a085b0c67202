namespace Personalize.Sdk.Redis.Replication;

/// <summary>Where a stitch stands in the journal: the writing server, its batch's sequence and the place in it.</summary>
/// <param name="Origin">The writing server's id.</param>
/// <param name="Sequence">The batch's sequence.</param>
/// <param name="Index">The stitch's place in the batch.</param>
internal readonly record struct StitchPosition(Guid Origin, long Sequence, int Index);
