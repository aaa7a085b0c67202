namespace Personalize.Storefront.Catalog;

/// <summary>A shelf of the store: its URL slug (also the SDK's category), display name, colour and tagline.</summary>
/// <param name="Slug">The URL segment and the SDK category, lower case ("coffee").</param>
/// <param name="Name">The display name ("Coffee").</param>
/// <param name="Hue">The HSL hue of the shelf's product art.</param>
/// <param name="Tagline">One line under the shelf's title.</param>
public sealed record Category(string Slug, string Name, int Hue, string Tagline);
