namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// A test against a real redis-server: skipped, saying how to install it, where the binary is
/// missing; but on CI (<c>CI=true</c>) it runs and fails, so the Redis tests can never silently vanish there.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null && !RedisServer.IsCi)
        {
            Skip = RedisServer.SkipReason;
        }
    }
}
