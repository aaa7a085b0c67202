namespace Personalize.Storefront.Hosting;

/// <summary>A setting the store cannot use: its message says which and why, in one line for the console.</summary>
internal sealed class InvalidSettingException : Exception
{
    public InvalidSettingException(string message)
        : base(message)
    {
    }

    public InvalidSettingException()
    {
    }

    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
