using Personalize.Sdk.Placements;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Engine;

/// <summary>What the record stage needs to know about a finished decision; spans over the decision's scratch.</summary>
internal readonly ref struct DecisionRecord
{
    public required DecisionInfo Info { get; init; }

    public required PlacementPlan Plan { get; init; }

    /// <summary>The live profile the frequency cap counts showings on; null for a person with none.</summary>
    public required UserProfile? Live { get; init; }

    /// <summary>The decision's copy of the profile, for the readiness profile-age count.</summary>
    public required ProfileData Profile { get; init; }

    public required string UnitKey { get; init; }

    public required bool Known { get; init; }

    /// <summary>The pipeline's own outcome failed (a signal, a guardrail, no known candidate), whatever was served.</summary>
    public required bool Failed { get; init; }

    /// <summary>Whether the decision counts as an exposure: something shown, a holdout, no override, kill switch or pause.</summary>
    public required bool Measured { get; init; }

    /// <summary>The catalog the decision resolved its candidates against: <see cref="Kept"/> holds its indices.</summary>
    public required Catalog.CatalogSnapshot Catalog { get; init; }

    public required ReadOnlySpan<int> Kept { get; init; }

    public required ReadOnlySpan<int> Selected { get; init; }

    public required ReadOnlySpan<RankedItem> Items { get; init; }

    public required int Written { get; init; }

    public required ReadOnlySpan<HoldoutAssignment> Assignments { get; init; }

    public required int FirstHoldout { get; init; }

    public required ReadOnlySpan<SignalRun> SignalRuns { get; init; }
}
