namespace Personalize.Sdk.Redis.Replication;

/// <summary>What a journal entry records; stored as one byte, so values never change.</summary>
internal enum JournalEntryKind : byte
{
    Event = 1,
    AnonymousEvent = 2,
    Stitch = 3,
    Forget = 4,
    Exposure = 5,
    Reward = 6,
}
