namespace Personalize.Sdk.Redis.Replication;

/// <summary>One change journaled by a server, encoded (<see cref="JournalCodec"/>), waiting to be appended to the shared journal.</summary>
/// <param name="Payload">The encoded change.</param>
internal readonly record struct JournalRecord(byte[] Payload);
