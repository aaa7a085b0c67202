namespace Personalize.Sdk;

/// <summary>What a user did.</summary>
public enum EventKind
{
    /// <summary>The user looked at an item.</summary>
    View = 0,

    /// <summary>The user added an item to their cart.</summary>
    AddToCart = 1,

    /// <summary>The user bought an item.</summary>
    Purchase = 2,
}
