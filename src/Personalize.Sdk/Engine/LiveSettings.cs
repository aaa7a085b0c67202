namespace Personalize.Sdk.Engine;

/// <summary>
/// The decision settings in force: one reference, swapped atomically when a reload is accepted.
/// Readers take <see cref="Current"/> once per decision; nothing is locked or allocated.
/// </summary>
internal sealed class LiveSettings(DecisionSettings initial)
{
    private volatile DecisionSettings _current = initial;

    public DecisionSettings Current => _current;

    /// <summary>Puts <paramref name="next"/> in force for every decision that starts after this call; returns the settings it replaced.</summary>
    public DecisionSettings Swap(DecisionSettings next) => Interlocked.Exchange(ref _current, next);
}
