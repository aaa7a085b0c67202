namespace Personalize.Storefront.Tests.Browser;

/// <summary>A screen the browser tests look at the store on.</summary>
/// <param name="Name">"desktop" or "phone", as the theories name it.</param>
/// <param name="Width">CSS pixels.</param>
/// <param name="Height">CSS pixels.</param>
public sealed record Viewport(string Name, int Width, int Height)
{
    public static Viewport Desktop { get; } = new("desktop", 1280, 800);

    /// <summary>A small Android phone: the narrowest screen the store promises to fit.</summary>
    public static Viewport Phone { get; } = new("phone", 360, 740);

    public bool IsPhone => this == Phone;

    public static Viewport Named(string name) => name switch
    {
        "desktop" => Desktop,
        "phone" => Phone,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "desktop or phone"),
    };
}
