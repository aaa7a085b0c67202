namespace Personalize.Storefront.Scaling;

/// <summary>The <c>redis</c> setting names a server that did not answer at start: one line for the console.</summary>
internal sealed class RedisUnreachableException : Exception
{
    public RedisUnreachableException(string message)
        : base(message)
    {
    }

    public RedisUnreachableException()
    {
    }

    public RedisUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
