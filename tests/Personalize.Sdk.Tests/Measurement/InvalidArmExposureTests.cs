using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// An exposure whose arm is no <see cref="HoldoutArm"/> (another server's corrupt journal entry)
/// is not measured: stored, the unit's every later outcome would throw out of <c>Track</c>.
/// </summary>
public sealed class InvalidArmExposureTests
{
    [Fact]
    public void An_exposure_with_no_valid_arm_is_not_measured_and_the_units_next_purchase_is_tracked()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("h", 1_000));
        var lift = sdk.Services.GetRequiredService<ILiftReporter>();
        sdk.View("p", "hiking-1");

        var applied = Record.Exception(() => ((IReplica)sdk.Personalizer).ApplyExposure("h", "p", (HoldoutArm)7, sdk.Time.GetUtcNow()));
        var tracked = Record.Exception(() => sdk.Personalizer.Track(PersonalizationEvent.Purchase("p", "books-2", 1, 10m)));

        Assert.Null(applied);
        Assert.Null(tracked);
        Assert.Equal(0, Exposed(lift.GetReport("h")));

        // Its first real exposure measures it.
        sdk.Rank("p", 3);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("p", "books-2", 1, 10m));
        var report = lift.GetReport("h");
        Assert.Equal(1, Exposed(report));
        Assert.Equal(1, report.Treatment.ConvertedUnits + report.Control.ConvertedUnits);
    }

    private static long Exposed(LiftReport report) => report.Treatment.ExposedUnits + report.Control.ExposedUnits;
}
