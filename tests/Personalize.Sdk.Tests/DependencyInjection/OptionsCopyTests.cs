using System.Collections;
using System.Reflection;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.DependencyInjection;

/// <summary>The copy taken at start must carry every option, or a setting added later would silently be lost.</summary>
public sealed class OptionsCopyTests
{
    [Fact]
    public void The_copy_carries_every_setting_and_shares_no_mutable_object()
    {
        var source = new PersonalizationOptions();
        SetEverything(source);
        source.Holdouts.Add(Filled(new HoldoutOptions()));
        source.Placements["home"] = Filled(new PlacementOptions());
        source.Catalog.Add(new CatalogItem { Key = "boots" });

        var copy = OptionsCopy.Of(source);

        AssertSame(source, copy, nameof(PersonalizationOptions));
    }

    private static T Filled<T>(T options)
        where T : class
    {
        SetEverything(options);
        return options;
    }

    /// <summary>Sets every settable property to a value that is not its default, and adds an entry to every collection.</summary>
    private static void SetEverything(object options)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(options);
            if (property.SetMethod is { IsPublic: true })
            {
                property.SetValue(options, Different(property.PropertyType, value));
            }
            else if (value is IDictionary<string, float> weights)
            {
                weights["popularity"] = 0.25f;
            }
            else if (value is IDictionary<string, TimeSpan> intervals)
            {
                intervals["coffee"] = TimeSpan.FromDays(9);
            }
            else if (value is ISet<string> names)
            {
                names.Add("something");
            }
            else if (value is GuardrailOptions or ReadinessOptions or ReadinessThresholds)
            {
                SetEverything(value);
            }
        }
    }

    private static object? Different(Type type, object? current) => type switch
    {
        _ when type == typeof(int) => (int)current! + 3,
        _ when type == typeof(int?) => 3,
        _ when type == typeof(double) => (double)current! / 2 + 0.001,
        _ when type == typeof(bool) => !(bool)current!,
        _ when type == typeof(bool?) => true,
        _ when type == typeof(TimeSpan) => (TimeSpan)current! + TimeSpan.FromMinutes(7),
        _ when type == typeof(string) => "changed",
        _ when type == typeof(ConsentFlags) => ConsentFlags.None,
        _ when type == typeof(LearningMode) => LearningMode.Online,
        _ when type == typeof(LearningMode?) => LearningMode.Apprentice,
        _ when type == typeof(IBucketHasher) => BucketHashers.Optimizely,
        _ => throw new InvalidOperationException($"The test does not know how to change a {type.Name}; teach it, and OptionsCopy."),
    };

    private static void AssertSame(object expected, object actual, string path)
    {
        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = $"{path}.{property.Name}";
            var a = property.GetValue(expected);
            var b = property.GetValue(actual);
            switch (a)
            {
                case null or string or ValueType or IBucketHasher:
                    Assert.True(Equals(a, b), $"{name}: {a} was copied as {b}");
                    break;
                case IEnumerable items when a is not GuardrailOptions:
                    Assert.NotSame(a, b);
                    var left = items.Cast<object?>().ToArray();
                    var right = ((IEnumerable)b!).Cast<object?>().ToArray();
                    Assert.True(left.Length > 0, $"{name} was left empty by the test");
                    Assert.Equal(left.Length, right.Length);
                    for (var i = 0; i < left.Length; i++)
                    {
                        AssertItem(left[i], right[i], $"{name}[{i}]");
                    }

                    break;
                default:
                    Assert.NotSame(a, b);
                    AssertSame(a, b!, name);
                    break;
            }
        }
    }

    private static void AssertItem(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case HoldoutOptions or PlacementOptions:
                Assert.NotSame(expected, actual);
                AssertSame(expected, actual!, path);
                break;
            case KeyValuePair<string, PlacementOptions> placement:
                var copied = (KeyValuePair<string, PlacementOptions>)actual!;
                Assert.Equal(placement.Key, copied.Key);
                Assert.NotSame(placement.Value, copied.Value);
                AssertSame(placement.Value, copied.Value, path);
                break;
            default:
                // Catalog items are immutable, weights and names are values.
                Assert.Equal(expected, actual);
                break;
        }
    }
}
