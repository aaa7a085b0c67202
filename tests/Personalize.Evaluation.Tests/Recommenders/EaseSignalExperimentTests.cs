using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Sdk;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Recommenders;

/// <summary>The experimental EASE signal of the ease-study branch (opt-in through an environment variable).</summary>
public sealed class EaseSignalExperimentTests
{
    // Two "clusters": a, b, c are bought together, x, y, z are bought together; "p" is bought by everyone.
    private static readonly Interaction[] Log =
    [
        Row("u1", "a", 1), Row("u1", "b", 2), Row("u1", "c", 3), Row("u1", "p", 4),
        Row("u2", "a", 5), Row("u2", "b", 6), Row("u2", "p", 7),
        Row("u3", "x", 8), Row("u3", "y", 9), Row("u3", "z", 10), Row("u3", "p", 11),
        Row("u4", "x", 12), Row("u4", "y", 13), Row("u4", "p", 14),
        Row("u5", "p", 15), Row("u6", "p", 16), Row("u7", "p", 17),
    ];

    [Fact]
    public void Unset_means_no_rows()
    {
        Assert.Empty(EaseSignalVariant.Parse(null));
        Assert.Empty(EaseSignalVariant.Parse("  "));
    }

    [Fact]
    public void Entries_parse_weights_and_options()
    {
        var variants = EaseSignalVariant.Parse("0; 1:cold=0.5,similar-items=0 ;2:history=full;0.5:lambda=100,window=16");

        Assert.Equal(4, variants.Count);
        Assert.Equal(new EaseSignalVariant(0, 0, variants[0].Weights, false), variants[0]);
        Assert.Empty(variants[0].Weights);
        Assert.Equal(1f, variants[1].Weight);
        Assert.Equal(0.5f, variants[1].ColdStartWeight);
        Assert.Equal(0f, variants[1].Weights["similar-items"]);
        Assert.True(variants[2].FullHistory);
        Assert.Equal(100, variants[3].Lambda);
        Assert.Equal(16, variants[3].GramWindow);
        Assert.Equal("sdk + ease-signal 1 (cold start 0.5); similar-items=0", variants[1].RowName);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-1")]
    [InlineData("1:nope=1")]
    [InlineData("1:cold")]
    [InlineData("1:lambda=0")]
    [InlineData("1:window=0")]
    public void Malformed_entries_are_errors(string text) =>
        Assert.Throws<FormatException>(() => EaseSignalVariant.Parse(text));

    [Fact]
    public void Alone_the_signal_ranks_the_items_of_the_users_cluster_first_as_ease_does()
    {
        var train = new TrainingSet(Log, Dataset(Log).Catalog, EventKind.Purchase, seed: 3);
        var zero = SdkSignals.All.ToDictionary(s => s, _ => 0f, StringComparer.Ordinal);
        using var sdk = new SdkRecommender(
            SdkConfiguration.With(zero, zero, name: "ease alone"),
            new ExperimentalSignal(t => new EaseItemSignal(EaseSignalModel.For(t, 1), fullHistory: false), 1, 1));
        var ease = new EaseRecommender(1);
        sdk.Fit(train);
        ease.Fit(train);

        // u2 has a, b, p: of the candidates, c (a and b's partner) comes first for both models.
        train.TryGetUser("u2", out var user);
        int[] candidates = [.. new[] { "x", "y", "z", "c" }.Select(k => train.TryGetItem(k, out var i) ? i : -1)];
        var fromSdk = new int[1];
        var fromEase = new int[1];
        Assert.Equal(1, sdk.Recommend(user, candidates, At(100), fromSdk));
        Assert.Equal(1, ease.Recommend(user, candidates, At(100), fromEase));
        Assert.Equal("c", train.ItemKeys[fromSdk[0]]);
        Assert.Equal(fromEase[0], fromSdk[0]);
    }
}
