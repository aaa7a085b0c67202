using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Diagnostics;

/// <summary>
/// What a log may say about a failure: its type, and for a lost connection the kind of failure.
/// Never the exception's message: StackExchange.Redis puts the command's key in it (a user key,
/// in <c>p:{alice@example.com}:records</c>) when a host-supplied connection includes details.
/// </summary>
internal static class RedisFailure
{
    public static string Describe(Exception exception) => exception switch
    {
        RedisConnectionException connection => $"{connection.GetType().Name} ({connection.FailureType})",
        _ => exception.GetType().Name,
    };
}
