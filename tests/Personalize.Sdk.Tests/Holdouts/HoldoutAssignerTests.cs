using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

[Collection(AllocationCollection.Name)]
public sealed class HoldoutAssignerTests
{
    [Theory]
    [MemberData(nameof(Hashers.Names), MemberType = typeof(Hashers))]
    public void A_ten_percent_holdout_over_100000_keys_holds_ten_percent_within_three_tenths(string hasher)
    {
        var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "h", Salt = "home-2026", BasisPoints = 1_000, Hasher = Hashers.ByName(hasher) }]);

        var control = Enumerable.Range(0, 100_000).Count(i => assigner.Assign("h", $"user-{i}").Arm == HoldoutArm.Control);

        Assert.InRange(control / 100_000.0, 0.097, 0.103);
    }

    [Theory, AutoData]
    public void Raising_the_share_only_moves_units_from_treatment_into_control(ushort first, ushort second, string salt, Generator<string> keys)
    {
        var (low, high) = (Math.Min(first % 10_001, second % 10_001), Math.Max(first % 10_001, second % 10_001));
        var before = new HoldoutAssigner([new HoldoutOptions { Name = "h", Salt = salt, BasisPoints = low }]);
        var after = new HoldoutAssigner([new HoldoutOptions { Name = "h", Salt = salt, BasisPoints = high }]);

        foreach (var key in keys.Take(2_000))
        {
            var was = before.Assign("h", key);
            var now = after.Assign("h", key);
            Assert.Equal(was.Bucket, now.Bucket);
            if (was.Arm == HoldoutArm.Control)
            {
                Assert.Equal(HoldoutArm.Control, now.Arm);
            }
        }
    }

    [Fact]
    public void Holdouts_in_one_layer_never_share_a_unit()
    {
        var assigner = new HoldoutAssigner(
        [
            new HoldoutOptions { Name = "home", Salt = "layer-1", BasisPoints = 3_000, Layer = "l1" },
            new HoldoutOptions { Name = "email", Salt = "layer-1", BasisPoints = 3_000, BucketStart = 3_000, Layer = "l1" },
        ]);

        var both = 0;
        var home = 0;
        var email = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var inHome = assigner.Assign("home", $"user-{i}").Arm == HoldoutArm.Control;
            var inEmail = assigner.Assign("email", $"user-{i}").Arm == HoldoutArm.Control;
            both += inHome && inEmail ? 1 : 0;
            home += inHome ? 1 : 0;
            email += inEmail ? 1 : 0;
        }

        Assert.Equal(0, both);
        Assert.InRange(home / 20_000.0, 0.28, 0.32);
        Assert.InRange(email / 20_000.0, 0.28, 0.32);
    }

    [Fact]
    public void Assignment_is_the_same_in_every_new_assigner()
    {
        HoldoutOptions[] holdouts = [new HoldoutOptions { Name = "h", Salt = "s", BasisPoints = 2_500 }];

        var first = Enumerable.Range(0, 500).Select(i => new HoldoutAssigner(holdouts).Assign("h", $"u{i}")).ToArray();
        var second = Enumerable.Range(0, 500).Select(i => new HoldoutAssigner(holdouts).Assign("h", $"u{i}")).ToArray();

        Assert.Equal(first, second);
        Assert.Equal(BucketHashers.Default.GetBucket("s", "u0"), first[0].Bucket);
    }

    [Fact]
    public void Bad_arguments_throw_naming_the_parameter()
    {
        var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "h", Salt = "s", BasisPoints = 100 }]);

        Assert.Throws<ArgumentException>("unitKey", () => assigner.Assign("h", ""));
        Assert.Throws<ArgumentException>("holdout", () => assigner.Assign("nope", "u"));
        Assert.Throws<ArgumentNullException>("holdout", () => assigner.Assign(null!, "u"));
    }

    [Fact]
    public async Task Bad_holdouts_fail_at_host_start_naming_each_holdout()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            options.Holdouts.Add(new HoldoutOptions { Name = "no-salt", BasisPoints = 100 });
            options.Holdouts.Add(new HoldoutOptions { Name = "too-big", Salt = "s", BasisPoints = 10_001 });
            options.Holdouts.Add(new HoldoutOptions { Name = "twice", Salt = "s", BasisPoints = 100 });
            options.Holdouts.Add(new HoldoutOptions { Name = "twice", Salt = "s", BasisPoints = 100 });
            options.Holdouts.Add(new HoldoutOptions { Name = "left", Salt = "l", BasisPoints = 2_000, Layer = "x" });
            options.Holdouts.Add(new HoldoutOptions { Name = "right", Salt = "l", BasisPoints = 2_000, BucketStart = 1_000, Layer = "x" });
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Holdout 'no-salt' has an empty salt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Holdout 'too-big' has BasisPoints 10001", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Holdout 'twice' is defined twice", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Holdout 'right' overlaps holdout 'left' in layer 'x'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_holdout_a_wide_range_in_its_layer_covers_is_named()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            // "wide" covers "early" and "late", which do not overlap each other.
            options.Holdouts.Add(new HoldoutOptions { Name = "wide", Salt = "l", BasisPoints = 5_000, Layer = "x" });
            options.Holdouts.Add(new HoldoutOptions { Name = "early", Salt = "l", BasisPoints = 100, BucketStart = 100, Layer = "x" });
            options.Holdouts.Add(new HoldoutOptions { Name = "late", Salt = "l", BasisPoints = 100, BucketStart = 300, Layer = "x" });
            options.Holdouts.Add(new HoldoutOptions { Name = "after", Salt = "l", BasisPoints = 100, BucketStart = 5_000, Layer = "x" });
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Holdout 'early' overlaps holdout 'wide' in layer 'x'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Holdout 'late' overlaps holdout 'wide' in layer 'x'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'after' overlaps", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_whose_end_overflows_an_int_fails_at_host_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            options.Holdouts.Add(new HoldoutOptions { Name = "far", Salt = "s", BasisPoints = 1_000, BucketStart = int.MaxValue - 10 });
            options.Holdouts.Add(new HoldoutOptions { Name = "first", Salt = "l", BasisPoints = 1_000, BucketStart = int.MaxValue - 10, Layer = "x" });
            options.Holdouts.Add(new HoldoutOptions { Name = "second", Salt = "l", BasisPoints = 1, BucketStart = int.MaxValue - 5, Layer = "x" });
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"Holdout 'far' has BucketStart {int.MaxValue - 10}; its range must lie within [0, 10000).", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Holdout 'second' overlaps holdout 'first' in layer 'x'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_assignment_allocates_nothing()
    {
        var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "h", Salt = "s", BasisPoints = 100 }]);
        for (var i = 0; i < 100; i++)
        {
            assigner.Assign("h", "user-42");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            assigner.Assign("h", "user-42");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
