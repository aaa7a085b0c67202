namespace Personalize.Sdk.Redis.Replication;

/// <summary>What a journal record writes to one person's keys (<see cref="PersonRecords"/>), if anything.</summary>
/// <param name="Kind">What is written.</param>
/// <param name="Key">The person's profile key.</param>
/// <param name="Ticks">When the change was made, UTC ticks: an erasure drops the person's changes made before it.</param>
/// <param name="Number">This server's running number of the change, so a recall recognises its own (<see cref="ProfileRecall"/>).</param>
/// <param name="Alias">For <see cref="PersonWriteKind.Stitch"/>, the key stitched to the person; for <see cref="PersonWriteKind.LinkedWithdrawal"/>, the key of the person who withdrew, whose own records a clear never deletes.</param>
/// <param name="Kept">The kept list an event or consent also goes to, beside the records (<see cref="KeptLists"/>).</param>
/// <param name="Owners">
/// For <see cref="PersonWriteKind.Erase"/>, <see cref="PersonWriteKind.LinkedWithdrawal"/> and <see cref="PersonWriteKind.StitchedConsent"/>, the keys
/// of the person the key is erased (cleared) as one of: its own link in Redis is followed, and an
/// erasure deletes it, only when it names one of them (a link to another account, through a shared
/// device, is left alone). Null: the key is the person's own, or was reached as the person a key
/// was stitched to, and its link is followed wherever it leads.
/// </param>
internal readonly record struct PersonWrite(PersonWriteKind Kind, string? Key, long Ticks, long Number = 0, string? Alias = null, KeptList Kept = KeptList.None, IReadOnlyList<string>? Owners = null)
{
    /// <summary>The <see cref="Owners"/> of a key followed from <paramref name="owner"/> (one of its keys), or null for no one's.</summary>
    public static IReadOnlyList<string>? OwnedBy(string? owner) => owner is null ? null : [owner];
}
