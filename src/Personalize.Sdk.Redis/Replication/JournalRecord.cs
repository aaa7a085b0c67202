
namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// One change journaled by a server, encoded (<see cref="JournalCodec"/>), waiting to be appended to
/// the shared journal, and what it writes to the person's own keys.
/// </summary>
/// <param name="Payload">The encoded change, or null for a write to a person's keys alone.</param>
/// <param name="Person">What it writes to one person's keys, if anything.</param>
internal readonly record struct JournalRecord(byte[]? Payload, PersonWrite Person = default);
