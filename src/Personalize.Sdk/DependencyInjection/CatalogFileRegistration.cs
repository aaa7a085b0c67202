using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>The catalog file <see cref="PersonalizationBuilder.AddCatalogFile"/> added: the catalog is read from one, so a second is refused.</summary>
internal sealed record CatalogFileRegistration(string Path);
