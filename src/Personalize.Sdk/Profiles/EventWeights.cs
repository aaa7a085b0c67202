namespace Personalize.Sdk.Profiles;

/// <summary>How much each kind of event says about interest: a purchase says more than a view.</summary>
internal static class EventWeights
{
    public const double View = 1;
    public const double AddToCart = 3;
    public const double Purchase = 5;

    public static double For(EventKind kind) => kind switch
    {
        EventKind.AddToCart => AddToCart,
        EventKind.Purchase => Purchase,
        _ => View,
    };
}
