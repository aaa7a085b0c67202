using System.Reflection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// "Programmer errors at the API boundary throw at once, naming the parameter": every public
/// constructor of a public type in the SDK throws <see cref="ArgumentNullException"/> naming a
/// non-nullable reference parameter it is given null for. Kept true by reflection, so a new type
/// cannot forget it.
/// </summary>
public sealed class PublicConstructorNullCheckTests
{
    [Fact]
    public void Every_public_constructor_refuses_null_for_a_non_nullable_reference_parameter_naming_it()
    {
        var nullability = new NullabilityInfoContext();
        var failures = new List<string>();
        var checkedParameters = 0;
        foreach (var constructor in PublicConstructors())
        {
            var parameters = constructor.GetParameters();
            if (!TryValidArguments(parameters, out var valid, out var missing))
            {
                failures.Add($"{Describe(constructor)}: the test cannot build a valid {missing.Name}; teach {nameof(ValidArguments)} how");
                continue;
            }

            if (Invoke(constructor, valid) is { } baseline)
            {
                failures.Add($"{Describe(constructor)}: valid arguments threw {baseline.GetType().Name}; teach {nameof(ValidArguments)} better ones");
                continue;
            }

            for (var p = 0; p < parameters.Length; p++)
            {
                if (parameters[p].ParameterType.IsValueType || nullability.Create(parameters[p]).WriteState != NullabilityState.NotNull)
                {
                    continue;
                }

                checkedParameters++;
                var arguments = (object?[])valid.Clone();
                arguments[p] = null;
                var name = parameters[p].Name;
                switch (Invoke(constructor, arguments))
                {
                    case null:
                        failures.Add($"{Describe(constructor)}: {name} = null is accepted");
                        break;
                    case ArgumentNullException refused when refused.ParamName == name:
                        break;
                    case ArgumentNullException refused:
                        failures.Add($"{Describe(constructor)}: {name} = null names '{refused.ParamName}'");
                        break;
                    case var other:
                        failures.Add($"{Describe(constructor)}: {name} = null throws {other.GetType().Name}, not ArgumentNullException");
                        break;
                }
            }
        }

        Assert.True(checkedParameters > 30, $"only {checkedParameters} parameters were checked: is the SDK's assembly the one reflected?");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_constructors_reflection_cannot_call_are_only_the_exposures_and_it_refuses_a_null_unit_key()
    {
        Assert.Equal(["Exposure(decisionId, unitKey, assignment, variant, items, timestamp)"], RefStructConstructors().Select(Describe));

        var refused = Assert.Throws<ArgumentNullException>(() => new Exposure(Guid.Empty, null!, new HoldoutAssignment("site", HoldoutArm.Control, 1, false), DecisionVariant.Control, [], DateTimeOffset.UnixEpoch));
        Assert.Equal("unitKey", refused.ParamName);
    }

    /// <summary>
    /// The constructors checked by reflection: the public ones of the SDK's public concrete types.
    /// Left out: exceptions (<see cref="CatalogFormatException"/> has only the standard message and
    /// inner-exception constructors, which by .NET convention take null, as its base does), open
    /// generic types (none today), and constructors of or taking a ref struct, which reflection
    /// cannot box into an argument array: those are <see cref="RefStructConstructors"/>, checked by hand.
    /// </summary>
    private static IEnumerable<ConstructorInfo> PublicConstructors() =>
        AllPublicConstructors().Where(constructor => !TakesOrMakesARefStruct(constructor));

    private static IEnumerable<ConstructorInfo> RefStructConstructors() =>
        AllPublicConstructors().Where(TakesOrMakesARefStruct).Where(constructor => constructor.GetParameters().Length > 0);

    private static IEnumerable<ConstructorInfo> AllPublicConstructors() =>
        typeof(IPersonalizer).Assembly.GetExportedTypes()
            .Where(type => type is { IsAbstract: false, IsInterface: false, ContainsGenericParameters: false } && !typeof(Exception).IsAssignableFrom(type))
            .SelectMany(type => type.GetConstructors())
            .OrderBy(constructor => constructor.DeclaringType!.FullName, StringComparer.Ordinal);

    private static bool TakesOrMakesARefStruct(ConstructorInfo constructor) =>
        constructor.DeclaringType!.IsByRefLike || constructor.GetParameters().Any(p => ValidArguments.Unref(p.ParameterType).IsByRefLike);

    private static bool TryValidArguments(ParameterInfo[] parameters, out object?[] arguments, out Type missing)
    {
        arguments = new object?[parameters.Length];
        missing = typeof(void);
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!ValidArguments.TryValid(ValidArguments.Unref(parameters[i].ParameterType), out arguments[i]))
            {
                missing = parameters[i].ParameterType;
                return false;
            }
        }

        return true;
    }

    private static Exception? Invoke(ConstructorInfo constructor, object?[] arguments)
    {
        try
        {
            constructor.Invoke(arguments);
            return null;
        }
        catch (TargetInvocationException invocation)
        {
            return invocation.InnerException;
        }
    }

    private static string Describe(ConstructorInfo constructor) =>
        $"{constructor.DeclaringType!.Name}({string.Join(", ", constructor.GetParameters().Select(p => p.Name))})";
}
