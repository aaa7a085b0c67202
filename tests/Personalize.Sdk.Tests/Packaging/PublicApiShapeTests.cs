namespace Personalize.Sdk.Tests.Packaging;

/// <summary>Pins the shape of the public API promised for 1.0, read from the compiled assembly.</summary>
public sealed class PublicApiShapeTests
{
    private static readonly Type[] Exported = typeof(IPersonalizer).Assembly.GetExportedTypes();

    [Fact]
    public void The_public_types_live_in_four_namespaces()
    {
        var namespaces = Exported.Select(type => type.Namespace ?? "").Distinct().Order().ToArray();

        Assert.Equal(
            new[] { "Microsoft.Extensions.DependencyInjection", "Personalize.Sdk", "Personalize.Sdk.Extensibility", "Personalize.Sdk.Reporting" },
            namespaces);
    }

    [Fact]
    public void The_root_namespace_holds_what_a_newcomer_needs_and_fits_on_one_screen()
    {
        var root = Exported.Where(type => type.Namespace == "Personalize.Sdk").Select(type => type.Name).ToArray();

        Assert.Contains(nameof(IPersonalizer), root);
        Assert.Contains(nameof(PersonalizationRequest), root);
        Assert.Contains(nameof(PersonalizationEvent), root);
        Assert.Contains(nameof(Decision), root);
        Assert.Contains(nameof(CatalogItem), root);
        Assert.InRange(root.Length, 1, 40);
    }
}
