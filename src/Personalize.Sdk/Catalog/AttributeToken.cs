namespace Personalize.Sdk.Catalog;

/// <summary>An attribute is interned as one token, <c>name=value</c>, so affinities and preferences key on an int.</summary>
internal static class AttributeToken
{
    /// <summary>What joins the name and the value in a token.</summary>
    public const char Separator = '=';

    public static string Of(string name, string value) => $"{name}{Separator}{value}";
}
