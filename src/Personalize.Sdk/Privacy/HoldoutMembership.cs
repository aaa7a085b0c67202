
namespace Personalize.Sdk.Reporting;

/// <summary>A person's place in one holdout, as the measurement ledger holds it.</summary>
public sealed class HoldoutMembership
{
    /// <summary>The holdout's name.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public required string Holdout { get; init => field = value ?? throw new ArgumentNullException(nameof(Holdout)); }

    /// <summary>The key the person was measured by.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public required string Unit { get; init => field = value ?? throw new ArgumentNullException(nameof(Unit)); }

    /// <summary>The arm they are in.</summary>
    public HoldoutArm Arm { get; init; }

    /// <summary>When they were first shown a measured decision.</summary>
    public DateTimeOffset FirstExposed { get; init; }

    /// <summary>Whether a purchase was attributed to them.</summary>
    public bool Converted { get; init; }

    /// <summary>The revenue attributed to them.</summary>
    public double Revenue { get; init; }
}
