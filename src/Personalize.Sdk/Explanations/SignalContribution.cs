namespace Personalize.Sdk.Reporting;

/// <summary>What one signal added to one item's score.</summary>
/// <param name="Signal">The signal's name.</param>
/// <param name="Weight">The signal's weight in this decision's variant.</param>
/// <param name="Value">The signal's value for the item, in [0, 1].</param>
public readonly record struct SignalContribution(string Signal, float Weight, float Value)
{
    /// <summary><see cref="Weight"/> times <see cref="Value"/>: the part of the score this signal gave.</summary>
    public float Contribution => Weight * Value;
}
