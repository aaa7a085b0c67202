namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A catalog file of the given text in a folder of its own, deleted with it.</summary>
internal sealed class TempCatalogFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("personalize-catalog-").FullName;

    public TempCatalogFile(string json)
    {
        Path = System.IO.Path.Combine(_folder, "catalog.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
