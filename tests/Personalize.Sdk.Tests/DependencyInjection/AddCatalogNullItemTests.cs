using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.DependencyInjection;

/// <summary>A null catalog item is refused at the call that adds it, by both builders.</summary>
public sealed class AddCatalogNullItemTests
{
    /// <summary>
    /// A null item handed to AddCatalog is a programmer error at the call, as ICatalog.Replace treats it
    /// ("The catalog contains a null item. (Parameter 'items')"); both builders accept it and the start
    /// then fails with "PersonalizationOptions.Catalog[0] has no key.", which names neither the call nor the null.
    /// </summary>
    [Fact]
    public void AddCatalog_with_a_null_item_throws_at_the_call_naming_items()
    {
        CatalogItem[] items = [TestCatalog.Items[0], null!];

        var builder = Record.Exception(() => new PersonalizerBuilder().AddCatalog(items));
        var container = Record.Exception(() => new ServiceCollection().AddPersonalization().AddCatalog(items));

        Assert.Equal("items", Assert.IsAssignableFrom<ArgumentException>(builder).ParamName);
        Assert.Equal("items", Assert.IsAssignableFrom<ArgumentException>(container).ParamName);
    }
}
