using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>The catalog file <see cref="PersonalizationBuilder.AddCatalogFile"/> added: the catalog is read from one, so a second is refused.</summary>
internal sealed record CatalogFileRegistration(string Path)
{
    /// <summary>Refuses <paramref name="path"/> when another file was added before: a second file would replace the first without a word.</summary>
    public static void ThrowIfAnother(string? earlier, string path)
    {
        if (earlier is not null && earlier != path)
        {
            throw new ArgumentException($"The catalog is read from one file, and '{earlier}' was added before '{path}'. Put the items in one file, or add the others with AddCatalog.", nameof(path));
        }
    }
}
