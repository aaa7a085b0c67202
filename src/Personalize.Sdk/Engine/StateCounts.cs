namespace Personalize.Sdk.Engine;

/// <summary>How much a snapshot held: for logs, metrics and tests.</summary>
/// <param name="Profiles">Profiles, each under the key it is stored by.</param>
/// <param name="Aliases">Keys the identity map resolves: signed-in keys and aliases.</param>
/// <param name="Items">Items with statistics (popularity, engagement or next-step links).</param>
/// <param name="MeasuredUnits">Units measured in holdouts, one per unit and holdout.</param>
/// <param name="Erasures">Recent erasures still guarded against.</param>
internal readonly record struct StateCounts(int Profiles, int Aliases, int Items, int MeasuredUnits, int Erasures);
