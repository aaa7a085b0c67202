namespace Personalize.Sdk.Redis.Replication;

/// <summary>This server's identity in the journal and in people's records, new at every start.</summary>
/// <param name="Id">The identity.</param>
internal sealed record JournalOrigin(Guid Id);
