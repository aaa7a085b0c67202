using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>A holdout at 0% in a layer (one not started yet) holds no bucket, so it overlaps nothing.</summary>
public sealed class EmptyHoldoutInLayerTests
{
    // README "Holdouts" / issue 4 item 5: only holdouts that overlap in a layer fail at start-up. A 0%
    // holdout holds no bucket, so it overlaps nothing; and the verdict must not depend on the order
    // the holdouts are listed in.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_zero_percent_holdout_in_a_layer_overlaps_nothing_whatever_the_order(bool wideFirst)
    {
        var wide = new HoldoutOptions { Name = "wide", Salt = "layer-salt", BasisPoints = 5_000, Layer = "L" };
        var empty = new HoldoutOptions { Name = "not-started", Salt = "layer-salt", BasisPoints = 0, Layer = "L", BucketStart = 0 };

        using var sdk = new TestSdk(options =>
        {
            options.Holdouts.Add(wideFirst ? wide : empty);
            options.Holdouts.Add(wideFirst ? empty : wide);
        });

        Assert.Equal(HoldoutArm.Treatment, sdk.Personalizer.GetHoldoutAssignment("someone", "not-started").Arm);
    }
}
