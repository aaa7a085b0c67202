namespace Personalize.Storefront.Tracking;

/// <summary>What became of a browser's guest visit when the shopper signed in (<see cref="ShopperActivity.SignedIn"/>).</summary>
internal enum SignInLink
{
    /// <summary>It is now part of the account.</summary>
    Linked,

    /// <summary>It already reached the account.</summary>
    AlreadyLinked,

    /// <summary>The store held nothing about it, so nothing was linked.</summary>
    NothingToLink,

    /// <summary>The account already links as many visits as it may (<c>MaxAliasesPerProfile</c>): the visit was erased.</summary>
    ErasedAtAliasLimit,

    /// <summary>The account refused it for another reason: the visit was erased.</summary>
    Erased,

    /// <summary>It belongs to another account, and stays that account's (its Forget me reaches it).</summary>
    LinkedElsewhere,
}
