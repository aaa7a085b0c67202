namespace Personalize.Sdk.Signals;

/// <summary>
/// One input to a decision. A provider fills one column of scores, one value per candidate,
/// normalised to [0, 1] so that weights mean what they say.
/// </summary>
/// <remarks>
/// Providers are singletons called concurrently from many decisions: keep them stateless, or
/// thread-safe. <see cref="Compute"/> runs on the decision path; it should not allocate.
/// A provider that throws, or writes NaN or infinity, only loses its own column.
/// </remarks>
public interface ISignalProvider
{
    /// <summary>The signal's unique name; weights are configured by it.</summary>
    string Name { get; }

    /// <summary>Writes one score in [0, 1] per candidate.</summary>
    /// <param name="context">The user's profile, the catalog and the request.</param>
    /// <param name="candidates">The candidates' item indices; read items with <see cref="DecisionContext.GetItem"/>.</param>
    /// <param name="column">Receives the scores; as long as <paramref name="candidates"/>, zeroed on entry.</param>
    void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column);
}
