using System.Buffers;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The state a shared store snapshots: everything servers share through the journal (profiles,
/// the identity map, the consents kept apart after evictions, item statistics, the measurement ledger and recent erasures), written whole
/// and merged back, keyed by stable keys and never by this process's item indices. What is kept
/// per server (readiness counters, the learner) is not part of it. The format is
/// <see cref="StateFormat"/>.
/// </summary>
/// <remarks>
/// A store builds a snapshot from a quiescent shadow personalizer, but writing is safe while
/// other threads track and rank: it then sees each profile, item and unit consistently, the
/// whole only approximately.
/// </remarks>
internal interface IStateSnapshot
{
    /// <summary>Writes the whole shared state in the snapshot format (see StateFormat).</summary>
    StateCounts WriteState(IBufferWriter<byte> output);

    /// <summary>Merges a state written by WriteState (on this or another server) into this one. Throws InvalidDataException, having changed nothing, when the input is truncated, corrupt (checksum) or of a newer version.</summary>
    StateCounts MergeState(ReadOnlySequence<byte> state);
}
