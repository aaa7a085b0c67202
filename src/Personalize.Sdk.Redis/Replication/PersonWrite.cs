namespace Personalize.Sdk.Redis.Replication;

/// <summary>What a journal record writes to one person's keys (<see cref="PersonRecords"/>), if anything.</summary>
/// <param name="Kind">What is written.</param>
/// <param name="Key">The person's profile key.</param>
/// <param name="Ticks">When the change was made, UTC ticks: an erasure drops the person's changes made before it.</param>
/// <param name="Number">This server's running number of the change, so a recall recognises its own (<see cref="ProfileRecall"/>).</param>
/// <param name="Alias">For <see cref="PersonWriteKind.Stitch"/>, the key stitched to the person; for <see cref="PersonWriteKind.LinkedWithdrawal"/>, the key of the person who withdrew, whose own records a clear never deletes; for <see cref="PersonWriteKind.Erase"/>, the person the key is erased as one of (its own link is followed only to them), or null.</param>
/// <param name="Kept">The kept list an event or consent also goes to, beside the records (<see cref="KeptLists"/>).</param>
internal readonly record struct PersonWrite(PersonWriteKind Kind, string? Key, long Ticks, long Number = 0, string? Alias = null, KeptList Kept = KeptList.None);
