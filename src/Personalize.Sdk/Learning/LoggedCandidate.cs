namespace Personalize.Sdk.Extensibility;

/// <summary>One candidate a learning decision chose from, with the features the policies scored it by.</summary>
public sealed class LoggedCandidate
{
    /// <summary>Creates a logged candidate, for example to evaluate hand-made logs.</summary>
    /// <param name="itemKey">The item.</param>
    /// <param name="category">The item's category, or null.</param>
    /// <param name="features">Its features, in the order of <see cref="LearningRecord.FeatureNames"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="itemKey"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    public LoggedCandidate(string itemKey, string? category, IReadOnlyList<float> features)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemKey);
        ArgumentNullException.ThrowIfNull(features);
        ItemKey = itemKey;
        Category = category;
        Features = features;
    }

    /// <summary>The item.</summary>
    public string ItemKey { get; }

    /// <summary>The item's category, or null; the diversity cap counts by it.</summary>
    public string? Category { get; }

    /// <summary>
    /// The item's features, in the order of <see cref="LearningRecord.FeatureNames"/>. A signal the
    /// decision did not compute (its placement gave it no weight, personalized or cold start, when the
    /// decision was made, or its provider threw) is <see cref="float.NaN"/>, and so is its <c>confidence*</c> product: the
    /// record holds no value for it. Leave such a record out when evaluating weights that weigh that
    /// signal; <c>bias</c> and computed signals are always finite.
    /// </summary>
    public IReadOnlyList<float> Features { get; }
}
