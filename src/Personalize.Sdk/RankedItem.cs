namespace Personalize.Sdk;

/// <summary>One ranked item of a decision.</summary>
/// <param name="ItemKey">The item's key in the catalog.</param>
/// <param name="Score">The weighted score that placed it; higher ranks first.</param>
public readonly record struct RankedItem(string ItemKey, float Score);
