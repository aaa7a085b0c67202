namespace Personalize.Sdk;

/// <summary>What a stated preference is about.</summary>
public enum PreferenceTarget
{
    /// <summary>A category, by name.</summary>
    Category = 0,

    /// <summary>An item attribute: a name and a value, such as <c>brand</c> = <c>Acme</c>.</summary>
    Attribute = 1,
}
