namespace Personalize.Sdk.Extensibility;

/// <summary>
/// One input to a decision. A provider fills one column of scores, one value per candidate,
/// normalised to [0, 1] so that weights mean what they say.
/// </summary>
/// <remarks>
/// Providers are singletons called concurrently from many decisions: keep them stateless, or
/// thread-safe. <see cref="Compute"/> runs on the decision path; it should not allocate.
/// A provider that throws loses only its own column. Values NaN or infinite count as 0 and values
/// outside [0, 1] are clamped to it; both are counted in <c>personalize.signal.invalid_values</c>.
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
