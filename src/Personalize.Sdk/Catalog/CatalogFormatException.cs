namespace Personalize.Sdk;

/// <summary>A catalog file or stream could not be read. The message names the line and position.</summary>
public sealed class CatalogFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CatalogFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public CatalogFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The cause.</param>
    public CatalogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based line of the fault, when known.</summary>
    public long? LineNumber { get; init; }

    /// <summary>The 1-based byte position in the line of the fault, when known.</summary>
    public long? BytePositionInLine { get; init; }
}
