namespace Personalize.ConsoleSample;

/// <summary>The SDK's built-in signals in the story's words, for the share of each item's score.</summary>
internal static class SignalNames
{
    public static string For(string signal) => signal switch
    {
        "popularity" => "popular",
        "category-popularity" => "popular on its shelf",
        "category-affinity" => "your shelf",
        "attribute-affinity" => "your brands",
        "co-occurrence" => "next step",
        "stated-preference" => "you said so",
        "freshness" => "new",
        "context" => "context",
        _ => signal,
    };
}
