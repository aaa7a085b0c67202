using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

public sealed class HoldoutInfoTests
{
    [Fact]
    public void The_assigner_lists_each_holdout_read_only_as_configured()
    {
        using var sdk = new TestSdk(options =>
        {
            options.Holdouts.Add(new HoldoutOptions { Name = "lift", Salt = "s", BasisPoints = 1000 });
            options.Holdouts.Add(new HoldoutOptions { Name = "email", Salt = "layer", BasisPoints = 500, BucketStart = 2000, Layer = "channels" });
        });

        var holdouts = sdk.Services.GetRequiredService<IHoldoutAssigner>().Holdouts;

        Assert.Equal(
            [("lift", 1000, 0, (string?)null), ("email", 500, 2000, "channels")],
            holdouts.Select(h => (h.Name, h.BasisPoints, h.BucketStart, h.Layer)));
        Assert.All(typeof(HoldoutInfo).GetProperties(BindingFlags.Public | BindingFlags.Instance), property => Assert.Null(property.SetMethod));

        // Not even through a cast: measurement finds holdouts by these names.
        var asList = Assert.IsAssignableFrom<IList<HoldoutInfo>>(holdouts);
        Assert.Throws<NotSupportedException>(() => asList[0] = new HoldoutInfo("renamed", 5000));
        Assert.Equal("lift", holdouts[0].Name);
    }

    [Fact]
    public void A_holdout_description_checks_its_range()
    {
        Assert.Throws<ArgumentException>("name", () => new HoldoutInfo("", 10));
        Assert.Throws<ArgumentOutOfRangeException>("basisPoints", () => new HoldoutInfo("h", -1));
        Assert.Throws<ArgumentOutOfRangeException>("bucketStart", () => new HoldoutInfo("h", 10, bucketStart: -1));
        Assert.Throws<ArgumentOutOfRangeException>("basisPoints", () => new HoldoutInfo("h", 5000, bucketStart: 6000));
        Assert.Equal(10_000, new HoldoutInfo("h", 10_000).BasisPoints);
    }

    [Fact]
    public void A_range_whose_end_overflows_an_int_is_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>("basisPoints", () => new HoldoutInfo("h", 1_000, bucketStart: int.MaxValue - 10));
        Assert.Throws<ArgumentOutOfRangeException>("basisPoints", () => new HoldoutInfo("h", int.MaxValue, bucketStart: 1));
    }

    [Fact]
    public void No_public_service_exposes_a_mutable_options_object()
    {
        var optionTypes = typeof(PersonalizationOptions).Assembly.GetExportedTypes().Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) || t == typeof(ReadinessThresholds)).ToHashSet();
        var services = typeof(PersonalizationOptions).Assembly.GetExportedTypes().Where(t => t.IsInterface);

        var leaks = services
            .SelectMany(service => service.GetProperties().Select(p => (service, p.Name, p.PropertyType)).Concat(service.GetMethods().Select(m => (service, m.Name, PropertyType: m.ReturnType))))
            .Where(member => optionTypes.Contains(member.PropertyType) || member.PropertyType.GetGenericArguments().Any(optionTypes.Contains))
            .Select(member => $"{member.service.Name}.{member.Name}");

        Assert.Empty(leaks);
    }
}
