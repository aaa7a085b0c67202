namespace Personalize.Sdk.Reporting;

/// <summary>Why one item was ranked where it was.</summary>
public sealed class ItemExplanation
{
    internal ItemExplanation(string itemKey, float score, IReadOnlyList<SignalContribution> contributions, string reason)
    {
        ItemKey = itemKey;
        Score = score;
        Contributions = contributions;
        Reason = reason;
    }

    /// <summary>The item's key.</summary>
    public string ItemKey { get; }

    /// <summary>The item's score: the sum of the contributions.</summary>
    public float Score { get; }

    /// <summary>Every signal's contribution, largest first.</summary>
    public IReadOnlyList<SignalContribution> Contributions { get; }

    /// <summary>
    /// A sentence an app can show, built from the profile and catalog behind the largest
    /// contribution, for example "Because you viewed Hiking boots".
    /// </summary>
    public string Reason { get; }
}
