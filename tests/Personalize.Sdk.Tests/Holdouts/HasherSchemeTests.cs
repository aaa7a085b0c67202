using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// A hasher's scheme is its <see cref="IBucketHasher.Name"/>, not its instance: holdouts given two
/// instances of one custom hasher draw the same bucket, so they nest, share a layer and are
/// expected exactly as holdouts given one instance are.
/// </summary>
public sealed class HasherSchemeTests
{
    [Fact]
    public void Nested_holdouts_given_two_instances_of_one_custom_scheme_are_expected_to_nest()
    {
        var assigner = new HoldoutAssigner(
        [
            new HoldoutOptions { Name = "outer", Salt = "shared", BasisPoints = 5_000, Hasher = new MyScheme() },
            new HoldoutOptions { Name = "inner", Salt = "shared", BasisPoints = 2_000, Hasher = new MyScheme() },
        ]);

        // One scheme, one salt: "inner" lies inside "outer", so its treatment is measured only in
        // buckets 5000..9999 (q = 0.5 / 0.8); independent, q would be 0.5.
        Assert.Equal(0.5, assigner.ExpectedControlShare(0), 12);
        Assert.Equal(0.2 / 0.7, assigner.ExpectedControlShare(1), 12);
    }

    [Fact]
    public void Nested_holdouts_given_two_instances_of_one_custom_scheme_find_no_sample_ratio_mismatch()
    {
        using var sdk = new TestSdk(build: builder => builder
            .AddHoldout("outer", 5_000, salt: "shared", hasher: new MyScheme())
            .AddHoldout("inner", 2_000, salt: "shared", hasher: new MyScheme()));
        for (var i = 0; i < 20_000; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"user-{i}") { Count = 1 });
        }

        var reporter = sdk.Services.GetRequiredService<ILiftReporter>();
        foreach (var holdout in new[] { "outer", "inner" })
        {
            var report = reporter.GetReport(holdout);
            Assert.False(report.SampleRatio.IsMismatch, report.ToTable());
        }
    }

    [Fact]
    public async Task A_layer_given_two_instances_of_one_custom_scheme_starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization()
            .AddHoldout("a", 1_000, salt: "layer", hasher: new MyScheme(), layer: "l")
            .AddHoldout("b", 1_000, salt: "layer", hasher: new MyScheme(), layer: "l", bucketStart: 1_000);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_hasher_with_no_name_fails_at_start_naming_the_holdout()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization().AddHoldout("nameless", 1_000, hasher: new Nameless());
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Holdout 'nameless' has a hasher with no name (Nameless)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_hasher_named_growthbook_v1_is_refused_two_salts_as_the_built_in_one_is()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization()
            .AddHoldout("home", 5_000, salt: "home-2026", hasher: new WrappedGrowthBookV1())
            .AddHoldout("cart", 2_000, salt: "cart-2026", hasher: BucketHashers.GrowthBookV1);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Holdouts 'home' (salt 'home-2026'), 'cart' (salt 'cart-2026') use growthbook-v1 with different salts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_hasher_taking_a_built_in_schemes_name_but_drawing_other_buckets_fails_at_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization()
            .AddHoldout("a", 5_000, salt: "layer", layer: "l")
            .AddHoldout("b", 5_000, salt: "layer", hasher: new Impostor("personalize-v1", (salt, key) => 9_999 - BucketHashers.Default.GetBucket(salt, key)), layer: "l", bucketStart: 5_000)
            .AddHoldout("c", 5, salt: "c", hasher: new Impostor("growthbook-v1", (salt, key) => BucketHashers.Default.GetBucket(salt, key)));
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Holdout 'b' has a hasher (Impostor) named 'personalize-v1', a built-in scheme's name, that draws other buckets", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Holdout 'c' has a hasher (Impostor) named 'growthbook-v1'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrapper_that_draws_a_built_in_schemes_buckets_may_take_its_name()
    {
        using var sdk = new TestSdk(build: builder => builder
            .AddHoldout("a", 5_000, salt: "layer", hasher: BucketHashers.GrowthBookV1, layer: "l")
            .AddHoldout("b", 5_000, salt: "layer", hasher: new WrappedGrowthBookV1(), layer: "l", bucketStart: 5_000));

        var inBoth = Enumerable.Range(0, 1_000).Count(i =>
            sdk.Personalizer.GetHoldoutAssignment($"user-{i}", "a").Arm == HoldoutArm.Control && sdk.Personalizer.GetHoldoutAssignment($"user-{i}", "b").Arm == HoldoutArm.Control);

        Assert.Equal(0, inBoth);
    }

    private sealed class Impostor(string name, Func<string, string, int> bucket) : IBucketHasher
    {
        public string Name => name;

        public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey) => bucket(salt.ToString(), unitKey.ToString());
    }

    /// <summary>A custom scheme (the default one's buckets under another name): every instance is the same scheme.</summary>
    private sealed class MyScheme : IBucketHasher
    {
        public string Name => "my-scheme-v1";

        public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey) => BucketHashers.Default.GetBucket(salt, unitKey);
    }

    private sealed class WrappedGrowthBookV1 : IBucketHasher
    {
        public string Name => "growthbook-v1";

        public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey) => BucketHashers.GrowthBookV1.GetBucket(salt, unitKey);
    }

    private sealed class Nameless : IBucketHasher
    {
        public string Name => " ";

        public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey) => BucketHashers.Default.GetBucket(salt, unitKey);
    }
}
