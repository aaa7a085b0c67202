using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// Holdouts with different salts are independent (the sample-ratio check counts on it) for every
/// built-in hasher that allows them: Pearson's chi-square of the two holdouts' arms over 100,000
/// keys, df = 1, below 10.83 (p &gt; 0.001). growthbook-v1 is not: its buckets for two salts are
/// correlated (chi-square 114 to 526 in a statistics review), so it refuses them at start.
/// </summary>
public sealed class HoldoutIndependenceTests(ITestOutputHelper output)
{
    /// <summary>Every built-in hasher with a pair of salts, and pairs of different hashers (growthbook-v1 with one other hasher is independent too).</summary>
    public static TheoryData<string, string, string, string> Independent => new()
    {
        { "personalize-v1", "salt-a", "personalize-v1", "salt-b" },
        { "personalize-v1", "home-2026", "personalize-v1", "cart-2026" },
        { "growthbook-v2", "salt-a", "growthbook-v2", "salt-b" },
        { "growthbook-v2", "exp-1", "growthbook-v2", "exp-2" },
        { "optimizely", "salt-a", "optimizely", "salt-b" },
        { "optimizely", "home-2026", "optimizely", "cart-2026" },
        { "growthbook-v1", "salt-a", "personalize-v1", "salt-b" },
        { "growthbook-v1", "home-2026", "growthbook-v2", "cart-2026" },
    };

    [Theory]
    [MemberData(nameof(Independent))]
    public void Holdouts_with_different_salts_are_independent(string hasherA, string saltA, string hasherB, string saltB)
    {
        var chiSquare = ChiSquare(hasherA, saltA, hasherB, saltB);

        Assert.True(chiSquare < 10.83, $"{hasherA} '{saltA}' / {hasherB} '{saltB}': chi-square {chiSquare:0.0}, the assignments are correlated");
    }

    /// <summary>Why growthbook-v1 refuses two salts: its assignments under them are far from independent.</summary>
    [Theory]
    [InlineData("salt-a", "salt-b")]
    [InlineData("home-2026", "cart-2026")]
    public void Growthbook_v1_holdouts_with_different_salts_are_correlated(string saltA, string saltB)
    {
        Assert.True(ChiSquare("growthbook-v1", saltA, "growthbook-v1", saltB) > 10.83);
    }

    [Fact]
    public async Task Growthbook_v1_holdouts_with_different_salts_fail_at_host_start_naming_each()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            options.Holdouts.Add(new HoldoutOptions { Name = "home", Salt = "home-2026", BasisPoints = 5_000, Hasher = BucketHashers.GrowthBookV1 });
            options.Holdouts.Add(new HoldoutOptions { Name = "cart", Salt = "cart-2026", BasisPoints = 2_000, Hasher = BucketHashers.GrowthBookV1 });
            options.Holdouts.Add(new HoldoutOptions { Name = "email", Salt = "email-2026", BasisPoints = 1_000, Hasher = BucketHashers.GrowthBookV2 });
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Holdouts 'home' (salt 'home-2026'), 'cart' (salt 'cart-2026') use growthbook-v1 with different salts", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'email'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growthbook_v1_holdouts_sharing_a_salt_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            // One salt: the same bucket for a unit, so nested ranges, expected exactly; and a layer.
            options.Holdouts.Add(new HoldoutOptions { Name = "wide", Salt = "gb", BasisPoints = 5_000, Hasher = BucketHashers.GrowthBookV1 });
            options.Holdouts.Add(new HoldoutOptions { Name = "narrow", Salt = "gb", BasisPoints = 2_000, Hasher = BucketHashers.GrowthBookV1 });
            options.Holdouts.Add(new HoldoutOptions { Name = "other", Salt = "other", BasisPoints = 1_000 });
        });
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    private double ChiSquare(string hasherA, string saltA, string hasherB, string saltB)
    {
        var assigner = new HoldoutAssigner(
        [
            new HoldoutOptions { Name = "a", Salt = saltA, BasisPoints = 5_000, Layer = "one", Hasher = Hashers.ByName(hasherA) },
            new HoldoutOptions { Name = "b", Salt = saltB, BasisPoints = 2_000, Layer = "two", Hasher = Hashers.ByName(hasherB) },
        ]);
        var table = new long[2, 2];
        const int Units = 100_000;
        for (var i = 0; i < Units; i++)
        {
            table[(int)assigner.Assign("a", $"user-{i}").Arm, (int)assigner.Assign("b", $"user-{i}").Arm]++;
        }

        var chiSquare = 0.0;
        for (var row = 0; row < 2; row++)
        {
            for (var column = 0; column < 2; column++)
            {
                double expected = (table[row, 0] + table[row, 1]) * (table[0, column] + table[1, column]) / (double)Units;
                chiSquare += Math.Pow(table[row, column] - expected, 2) / expected;
            }
        }

        output.WriteLine($"{hasherA} '{saltA}' / {hasherB} '{saltB}': [{table[0, 0]}, {table[0, 1]}; {table[1, 0]}, {table[1, 1]}], chi-square {chiSquare:F1}");
        return chiSquare;
    }
}
