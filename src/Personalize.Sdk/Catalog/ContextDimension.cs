namespace Personalize.Sdk.Catalog;

/// <summary>The request context values that are matched against item attributes of the same name.</summary>
internal static class ContextDimension
{
    public const int Channel = 0;
    public const int Device = 1;
    public const int Locale = 2;
    public const int Count = 3;

    /// <summary>The attribute names, by dimension.</summary>
    public static readonly string[] AttributeNames = ["channel", "device", "locale"];

    public static string? ValueOf(in RequestContext context, int dimension) => dimension switch
    {
        Channel => context.Channel,
        Device => context.Device,
        _ => context.Locale,
    };
}
