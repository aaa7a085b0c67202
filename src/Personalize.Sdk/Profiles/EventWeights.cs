namespace Personalize.Sdk.Profiles;

/// <summary>How much each kind of event says about interest: a purchase says more than a view.</summary>
internal static class EventWeights
{
    public const double View = 1;
    public const double Click = 2;
    public const double AddToCart = 3;
    public const double Purchase = 5;

    /// <summary>A rating of 1 weighs this much, a rating of 0 its negative.</summary>
    public const double Rating = 4;

    /// <summary>A dismissal pulls the item's category and attributes down a little.</summary>
    public const double Dismiss = -1;

    /// <summary>The weight of an event on affinities; negative for dislike.</summary>
    public static double For(in PersonalizationEvent personalizationEvent) => personalizationEvent.Kind switch
    {
        EventKind.View => View,
        EventKind.Click => Click,
        EventKind.AddToCart => AddToCart,
        EventKind.Purchase => Purchase,
        EventKind.Rating => Rating * ((2 * personalizationEvent.RatingValue) - 1),
        EventKind.Dismiss => Dismiss,
        _ => 0,
    };
}
