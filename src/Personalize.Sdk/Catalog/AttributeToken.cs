namespace Personalize.Sdk.Catalog;

/// <summary>An attribute is interned as one token, <c>name=value</c>, so affinities and preferences key on an int.</summary>
internal static class AttributeToken
{
    public static string Of(string name, string value) => string.Concat(name, "=", value);
}
