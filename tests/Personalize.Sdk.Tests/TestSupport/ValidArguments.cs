using System.Collections;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>Valid arguments for the SDK's public members, built by reflection, for the sweeps that pass null to one parameter at a time.</summary>
internal static class ValidArguments
{
    private static void Ignore<T>(T value) => _ = value;

    /// <summary>
    /// A non-null value of <paramref name="type"/> that the SDK's public members accept: text, one half,
    /// defaults, empty collections, do-nothing implementations of its extension points, or one of its
    /// types built by its widest public constructor the same way (its default value may be refused: a
    /// default <see cref="DecisionInfo"/> names no placement).
    /// </summary>
    public static bool TryValid(Type type, out object? value) => TryValid(type, depth: 0, out value);

    public static Type Unref(Type type) => type.IsByRef ? type.GetElementType()! : type;

    private static bool TryValid(Type type, int depth, out object? value)
    {
        value = null;
        if (type == typeof(string))
        {
            value = "x";
        }
        else if (type == typeof(double))
        {
            // Inside every documented range: a probability, a reward, a confidence level.
            value = 0.5;
        }
        else if (type == typeof(float))
        {
            value = 0.5f;
        }
        else if (type == typeof(DateTimeOffset))
        {
            value = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        }
        else if (type == typeof(TimeSpan))
        {
            value = TimeSpan.FromMinutes(1);
        }
        else if (type == typeof(object))
        {
            value = new object();
        }
        else if (type == typeof(Stream))
        {
            value = new MemoryStream(Encoding.UTF8.GetBytes("""[{"key":"a","category":"c"}]"""));
        }
        else if (type == typeof(TimeProvider))
        {
            value = TimeProvider.System;
        }
        else if (type == typeof(Microsoft.Extensions.Logging.ILoggerFactory))
        {
            value = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        }
        else if (type == typeof(System.Diagnostics.Metrics.IMeterFactory))
        {
            value = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        }
        else if (type == typeof(IBucketHasher))
        {
            value = BucketHashers.Default;
        }
        else if (type == typeof(IGuardrail))
        {
            value = new NoGuardrail();
        }
        else if (type == typeof(IExposureSink))
        {
            value = new NoExposureSink();
        }
        else if (type == typeof(ILearningLogSink))
        {
            value = new NoLearningLogSink();
        }
        else if (type == typeof(ISignalProvider))
        {
            value = new FavouriteSignal();
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Action<>))
        {
            value = Delegate.CreateDelegate(type, typeof(ValidArguments).GetMethod(nameof(Ignore), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type.GetGenericArguments()[0]));
        }
        else if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TryValid(underlying, depth, out value);
        }
        else if (type.IsValueType && (type.Assembly != typeof(IPersonalizer).Assembly || type.IsEnum))
        {
            value = Activator.CreateInstance(type);
        }
        else if (type.IsArray)
        {
            value = Array.CreateInstance(type.GetElementType()!, 0);
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() is var generic && type.GetGenericArguments() is var arguments
            && (generic == typeof(IReadOnlyDictionary<,>) || generic == typeof(IDictionary<,>) || generic == typeof(Dictionary<,>)))
        {
            value = Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments));
        }
        else if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.IsInterface)
        {
            value = Array.CreateInstance(type.GetGenericArguments()[0], 0);
        }
        else if (depth < 3 && !type.IsAbstract && type.GetConstructors().OrderBy(c => c.GetParameters().Length).LastOrDefault() is { } constructor
            && !constructor.GetParameters().Any(p => Unref(p.ParameterType).IsByRefLike))
        {
            var parameters = constructor.GetParameters();
            var inner = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!TryValid(Unref(parameters[i].ParameterType), depth + 1, out inner[i]))
                {
                    return false;
                }
            }

            value = constructor.Invoke(inner);
        }
        else if (type.IsValueType)
        {
            value = Activator.CreateInstance(type);
        }

        return value is not null;
    }

    private sealed class NoGuardrail : IGuardrail
    {
        public string Name => "none";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
        }

        public string Explain(in DecisionContext context, int itemIndex) => "none";
    }

    private sealed class NoExposureSink : IExposureSink
    {
        public void RecordExposure(in Exposure exposure)
        {
        }

        public void RecordOutcome(in Outcome outcome)
        {
        }
    }

    private sealed class NoLearningLogSink : ILearningLogSink
    {
        public void Write(LearningRecord record)
        {
        }
    }
}
