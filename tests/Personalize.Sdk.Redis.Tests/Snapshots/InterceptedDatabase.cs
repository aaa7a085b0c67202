using System.Reflection;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>
/// A real database whose commands a test can fail or precede with its own, by name: a connection
/// that breaks part-way through a snapshot, or Redis losing a key between two commands.
/// </summary>
public class InterceptedDatabase : DispatchProxy
{
    private IDatabaseAsync _inner = null!;
    private IConnectionMultiplexer? _multiplexer;
    private Func<string, object?[], Exception?> _fault = (_, _) => null;
    private Func<string, Task>? _before;

    /// <summary>
    /// <paramref name="fault"/> gets each command's method name and arguments and returns the
    /// exception it fails with, or null to send it; <paramref name="before"/> runs, and is awaited,
    /// before each command is sent; <paramref name="hashSlot"/> stands in for the multiplexer's slots
    /// (a cluster's, on one Redis).
    /// </summary>
    public static TDatabase Wrap<TDatabase>(TDatabase inner, Func<string, object?[], Exception?>? fault = null, Func<string, Task>? before = null, Func<RedisKey, int>? hashSlot = null)
        where TDatabase : class, IDatabaseAsync
    {
        var proxy = Create<TDatabase, InterceptedDatabase>();
        var self = (InterceptedDatabase)(object)proxy;
        self._inner = inner;
        self._fault = fault ?? self._fault;
        self._before = before;
        self._multiplexer = hashSlot is null ? null : SlottedMultiplexer.Wrap(inner.Multiplexer, hashSlot);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        if (targetMethod.Name == "get_Multiplexer" && _multiplexer is not null)
        {
            return _multiplexer;
        }

        if (_fault(targetMethod.Name, args) is { } exception)
        {
            return Faulted(targetMethod.ReturnType, exception);
        }

        if (_before is null || !typeof(Task).IsAssignableFrom(targetMethod.ReturnType))
        {
            return Forward(targetMethod, args);
        }

        // Runs the test's command first, then sends this one, as a task of the same type.
        var sent = Then(_before(targetMethod.Name), () => (Task)Forward(targetMethod, args)!);
        return typeof(InterceptedDatabase).GetMethod(nameof(Cast), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(targetMethod.ReturnType.IsGenericType ? targetMethod.ReturnType.GetGenericArguments()[0] : typeof(object))
            .Invoke(null, [sent]);
    }

    private object? Forward(MethodInfo method, object?[] args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }

    private static async Task<Task> Then(Task first, Func<Task> next)
    {
        await first;
        var task = next();
        await task;
        return task;
    }

    private static async Task<T> Cast<T>(Task<Task> sent) => (await sent) is Task<T> typed ? await typed : default!;

    private static object Faulted(Type returnType, Exception exception) =>
        returnType.IsGenericType
            ? typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(null, [exception])!
            : Task.FromException(exception);

    /// <summary>A multiplexer whose databases are wrapped (<see cref="Wrap{TDatabase}"/>), and which forwards the rest.</summary>
    public class InterceptedMultiplexer : DispatchProxy
    {
        private IConnectionMultiplexer _inner = null!;
        private Func<IDatabase, IDatabase> _database = null!;

        public static IConnectionMultiplexer Wrap(IConnectionMultiplexer inner, Func<IDatabase, IDatabase> database)
        {
            var proxy = Create<IConnectionMultiplexer, InterceptedMultiplexer>();
            var self = (InterceptedMultiplexer)(object)proxy;
            self._inner = inner;
            self._database = database;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            try
            {
                var result = targetMethod.Invoke(_inner, args);
                return targetMethod.Name == nameof(IConnectionMultiplexer.GetDatabase) ? _database((IDatabase)result!) : result;
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                throw exception.InnerException;
            }
        }
    }

    /// <summary>A multiplexer that answers <c>HashSlot</c> itself and forwards the rest.</summary>
    public class SlottedMultiplexer : DispatchProxy
    {
        private IConnectionMultiplexer _inner = null!;
        private Func<RedisKey, int> _hashSlot = null!;

        public static IConnectionMultiplexer Wrap(IConnectionMultiplexer inner, Func<RedisKey, int> hashSlot)
        {
            var proxy = Create<IConnectionMultiplexer, SlottedMultiplexer>();
            var self = (SlottedMultiplexer)(object)proxy;
            self._inner = inner;
            self._hashSlot = hashSlot;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IConnectionMultiplexer.HashSlot))
            {
                return _hashSlot((RedisKey)args![0]!);
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                throw exception.InnerException;
            }
        }
    }
}
