
namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// One change journaled by a server, encoded (<see cref="JournalCodec"/>), waiting to be appended to
/// the shared journal, and what it writes to the person's own keys.
/// </summary>
/// <param name="Payload">The encoded change, or null for a write to a person's keys alone.</param>
/// <param name="Person">What it writes to one person's keys, if anything.</param>
internal readonly record struct JournalRecord(byte[]? Payload, PersonWrite Person = default)
{
    /// <summary>
    /// The clear of <paramref name="key"/>, linked in Redis to a person who withdrew consent at
    /// <paramref name="ticks"/> (with <paramref name="withdrew"/>), as one of <paramref name="owner"/>'s keys if named.
    /// </summary>
    public static JournalRecord LinkedWithdrawal(string key, long ticks, string? withdrew, string? owner) =>
        new(null, new PersonWrite(PersonWriteKind.LinkedWithdrawal, key, ticks, Alias: withdrew, Owners: PersonWrite.OwnedBy(owner)));

    /// <summary>
    /// A consent given at <paramref name="ticks"/>, noted on <paramref name="key"/>, linked to the key
    /// it was given with (<paramref name="kind"/>: the person it is stitched to, or a key stitched to
    /// <paramref name="owner"/>).
    /// </summary>
    public static JournalRecord LinkedConsent(PersonWriteKind kind, string key, long ticks, string? owner) =>
        new(null, new PersonWrite(kind, key, ticks, Owners: PersonWrite.OwnedBy(owner)));
}
