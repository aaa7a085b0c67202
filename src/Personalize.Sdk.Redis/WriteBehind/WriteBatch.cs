namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>
/// Writes sent together. A batch that is not acknowledged is sent again with the same
/// <see cref="Sequence"/> and the same items, so a sender can make a non-idempotent command
/// (an increment) safe to repeat by recording the sequence it last applied.
/// </summary>
/// <typeparam name="T">The write operation.</typeparam>
internal readonly record struct WriteBatch<T>(long Sequence, ReadOnlyMemory<T> Items);
