namespace Personalize.Sdk;

/// <summary>What the host knows about the request being served, as opposed to the user.</summary>
/// <remarks>
/// Each value is matched against the item attribute of the same name (<c>channel</c>,
/// <c>device</c>, <c>locale</c>) by the context signal. All values are optional. Two contexts are
/// equal when every value is equal, by ordinal comparison (a record struct's value equality).
/// </remarks>
public readonly record struct RequestContext
{
    /// <summary>The channel serving the request, for example <c>web</c>, <c>app</c> or <c>email</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>The device class, for example <c>mobile</c> or <c>desktop</c>.</summary>
    public string? Device { get; init; }

    /// <summary>The locale, for example <c>en-GB</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>
    /// Whether the request is low-intent (a bot-like crawl, a transactional page, a quick glance):
    /// it then opts out of personalization and gets the default experience.
    /// </summary>
    public bool LowIntent { get; init; }
}
