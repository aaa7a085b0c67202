using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// "Programmer errors at the API boundary throw at once, naming the parameter", beyond the
/// constructors: every public method, extension method, setter, init accessor and indexer of the
/// SDK that takes a non-nullable reference refuses null for it, at once, naming it.
/// </summary>
public sealed class PublicMemberNullCheckTests
{
    /// <summary>
    /// Interfaces the host implements, not the SDK (their null checks are the host's), and the types
    /// whose settable members are documented as checked later, at start or by <see cref="ICatalog.Replace"/>
    /// (<see cref="CatalogItem.Key"/>, <see cref="CatalogItem.Attributes"/>, the holdout options),
    /// where the catalog and options tests check that those name the fault.
    /// </summary>
    private static readonly Type[] ImplementedByTheHost = [typeof(IExposureSink), typeof(ILearningLogSink), typeof(IGuardrail), typeof(ISignalProvider), typeof(IBucketHasher), typeof(CatalogItem), typeof(HoldoutOptions)];

    private const string CatalogJsonText = """[{"key":"a","category":"c"}]""";

    [Fact]
    public void Every_public_method_setter_and_indexer_refuses_null_for_a_non_nullable_reference_parameter_naming_it()
    {
        using var file = new TempCatalogFile(CatalogJsonText);
        using var sdk = new TestSdk(
            options => options.Placements["home"] = new PlacementOptions { LearningMode = LearningMode.Apprentice },
            build => build.AddHoldout("site", 1000));
        var instances = Instances(sdk);
        var nullability = new NullabilityInfoContext();
        var failures = new List<string>();
        var checkedParameters = 0;

        foreach (var type in typeof(IPersonalizer).Assembly.GetExportedTypes().Where(t => !t.IsByRefLike && !ImplementedByTheHost.Contains(t) && !typeof(Exception).IsAssignableFrom(t) && !t.ContainsGenericParameters).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.IsGenericMethodDefinition || method.IsAbstract && !type.IsInterface)
                {
                    continue;
                }

                var parameters = method.GetParameters();
                if (parameters.Any(p => ValidArguments.Unref(p.ParameterType).IsByRefLike || p.IsOut))
                {
                    continue;
                }

                for (var p = 0; p < parameters.Length; p++)
                {
                    var parameter = parameters[p];
                    if (ValidArguments.Unref(parameter.ParameterType).IsValueType || nullability.Create(parameter).WriteState != NullabilityState.NotNull)
                    {
                        continue;
                    }

                    if (!method.IsStatic && !instances.ContainsKey(type) && !ValidArguments.TryValid(type, out _))
                    {
                        failures.Add($"{Describe(method)}: no instance of {type.Name} (teach the test)");
                        break;
                    }

                    var target = method.IsStatic ? null : instances.TryGetValue(type, out var make) ? make() : Valid(type);
                    var arguments = new object?[parameters.Length];
                    var ok = true;
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        if (i == p)
                        {
                            continue;
                        }

                        if (!TryValidFor(parameters[i], file.Path, out arguments[i]))
                        {
                            failures.Add($"{Describe(method)}: cannot build {parameters[i].Name} (teach the test)");
                            ok = false;
                            break;
                        }
                    }

                    if (!ok)
                    {
                        break;
                    }

                    checkedParameters++;
                    var setter = method.IsSpecialName && method.Name.StartsWith("set_", StringComparison.Ordinal);
                    var expected = parameter.Name;
                    var result = Invoke(method, target, arguments, out var returned);
                    if (result is null && returned is Task task)
                    {
                        result = task.IsFaulted ? new InvalidOperationException($"faulted task ({task.Exception!.InnerException!.GetType().Name}), not thrown at once") : null;
                    }

                    switch (result)
                    {
                        case null:
                            failures.Add($"{Describe(method)}: {expected} = null is accepted");
                            break;
                        case ArgumentException refused when refused.ParamName == expected || setter && refused.ParamName == method.Name[4..]:
                            break;
                        case ArgumentException refused:
                            failures.Add($"{Describe(method)}: {expected} = null throws {refused.GetType().Name} naming '{refused.ParamName}'");
                            break;
                        case var other:
                            failures.Add($"{Describe(method)}: {expected} = null throws {other.GetType().Name}: {other.Message}");
                            break;
                    }
                }
            }
        }

        Assert.True(checkedParameters > 40, $"only {checkedParameters} parameters were checked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Personal_data_async_reports_a_cancelled_token_through_the_task_and_a_bad_key_at_once()
    {
        using var sdk = new TestSdk();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var task = sdk.Personalizer.GetPersonalDataAsync("visitor", cancelled.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal("userKey", Assert.Throws<ArgumentException>(() => { _ = sdk.Personalizer.GetPersonalDataAsync(" ", cancelled.Token); }).ParamName);
    }

    internal static Dictionary<Type, Func<object>> Instances(TestSdk sdk)
    {
        var services = sdk.Services;
        return new()
        {
            [typeof(IPersonalizer)] = () => sdk.Personalizer,
            [typeof(ICatalog)] = () => sdk.Catalog,
            [typeof(IHoldoutAssigner)] = () => services.GetRequiredService<IHoldoutAssigner>(),
            [typeof(ILiftReporter)] = () => services.GetRequiredService<ILiftReporter>(),
            [typeof(ILearningReporter)] = () => services.GetRequiredService<ILearningReporter>(),
            [typeof(IReadinessReporter)] = () => services.GetRequiredService<IReadinessReporter>(),
            [typeof(IRuleRegistry)] = () => services.GetRequiredService<IRuleRegistry>(),
            [typeof(ReadinessReport)] = () => services.GetRequiredService<IReadinessReporter>().GetReport(),
            [typeof(LiftReport)] = () => services.GetRequiredService<ILiftReporter>().GetReport("site"),
            [typeof(LearningReport)] = () => services.GetRequiredService<ILearningReporter>().GetReport(),
            [typeof(PersonalizationBuilder)] = () => new ServiceCollection().AddPersonalization(),
            [typeof(PersonalizerBuilder)] = () => new PersonalizerBuilder(),
            [typeof(PersonalData)] = () => sdk.Personalizer.GetPersonalData("visitor"),
        };
    }

    private static bool TryValidFor(ParameterInfo parameter, string catalogPath, out object? value)
    {
        var type = ValidArguments.Unref(parameter.ParameterType);
        value = parameter.Name switch
        {
            "holdout" when type == typeof(string) => "site",
            "placement" when type == typeof(string) => "home",
            "path" when type == typeof(string) => catalogPath,
            "userKey" or "anonymousKey" or "knownKey" => "visitor",
            "itemKey" => "hiking-1",
            "utf8Json" => new MemoryStream(Encoding.UTF8.GetBytes(CatalogJsonText)),
            "items" when type == typeof(IEnumerable<CatalogItem>) => TestCatalog.Items,
            "builder" when type == typeof(PersonalizationBuilder) => new ServiceCollection().AddPersonalization(),
            "services" => new ServiceCollection(),
            _ => null,
        };

        if (value is not null)
        {
            return true;
        }

        if (type == typeof(ISignalProvider))
        {
            value = new FavouriteSignal();
            return true;
        }

        return ValidArguments.TryValid(type, out value);
    }

    internal static object Valid(Type type) => ValidArguments.TryValid(type, out var value) ? value! : throw new InvalidOperationException(type.Name);

    private static Exception? Invoke(MethodInfo method, object? target, object?[] arguments, out object? returned)
    {
        returned = null;
        try
        {
            returned = method.Invoke(target, arguments);
            return null;
        }
        catch (TargetInvocationException invocation)
        {
            return invocation.InnerException;
        }
    }

    private static string Describe(MethodInfo method) =>
        $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.Name))})";
}
