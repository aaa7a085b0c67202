namespace Personalize.Sdk.Learning;

/// <summary>
/// The learner's features of one candidate: each signal's value, each signal's value times the
/// person's profile confidence (so the mix can trust personal signals more for a rich profile than
/// for a thin one), and a constant 1 (the reward's base level). 2n + 1 numbers for n signals.
/// </summary>
internal static class LearningFeatures
{
    public static int Dimensions(int signals) => (2 * signals) + 1;

    /// <summary>Writes the features of a candidate with <paramref name="values"/> (one per signal) for a person of <paramref name="confidence"/>.</summary>
    public static void Fill(ReadOnlySpan<float> values, float confidence, Span<float> features)
    {
        var n = values.Length;
        for (var s = 0; s < n; s++)
        {
            features[s] = values[s];
            features[n + s] = values[s] * confidence;
        }

        features[2 * n] = 1f;
    }

    /// <summary>
    /// As <see cref="Fill"/>, for a log record: a signal the decision did not compute (<paramref name="computed"/>
    /// by signal index) is NaN, its value and its confidence product, where the learner reads 0, so that
    /// offline it is told apart from a computed 0.
    /// </summary>
    public static void FillLogged(ReadOnlySpan<float> values, float confidence, ReadOnlySpan<bool> computed, Span<float> features)
    {
        Fill(values, confidence, features);
        var n = values.Length;
        for (var s = 0; s < n; s++)
        {
            if (!computed[s])
            {
                features[s] = float.NaN;
                features[n + s] = float.NaN;
            }
        }
    }

    /// <summary>The score the weights <paramref name="theta"/> give a candidate: bias left out, it orders nothing.</summary>
    public static float Score(ReadOnlySpan<float> values, float confidence, ReadOnlySpan<double> theta)
    {
        var n = values.Length;
        double sum = 0;
        for (var s = 0; s < n; s++)
        {
            sum += values[s] * WeightOf(theta, confidence, s, n);
        }

        return (float)sum;
    }

    /// <summary>Each signal's weight in <see cref="Score"/> for a person of <paramref name="confidence"/>: what an explanation of a learned ranking shows.</summary>
    public static float[] Weights(ReadOnlySpan<double> theta, float confidence, int signals)
    {
        var weights = new float[signals];
        for (var s = 0; s < signals; s++)
        {
            weights[s] = (float)WeightOf(theta, confidence, s, signals);
        }

        return weights;
    }

    /// <summary>Signal <paramref name="s"/>'s weight for a person of <paramref name="confidence"/>: its own term plus its confidence interaction's.</summary>
    private static double WeightOf(ReadOnlySpan<double> theta, float confidence, int s, int signals) => theta[s] + (confidence * theta[signals + s]);

    /// <summary>The features' names: the signals', then <c>confidence*</c> each, then <c>bias</c>.</summary>
    public static string[] Names(IReadOnlyList<string> signals) =>
        [.. signals, .. signals.Select(name => "confidence*" + name), "bias"];
}
