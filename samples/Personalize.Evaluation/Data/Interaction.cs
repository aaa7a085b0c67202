namespace Personalize.Evaluation.Data;

/// <summary>One positive interaction of a user with an item, as read from a log.</summary>
/// <param name="UserKey">The user's key.</param>
/// <param name="ItemKey">The item's key, as in the catalog.</param>
/// <param name="Timestamp">When it happened, in UTC.</param>
/// <param name="Quantity">Units bought, for a purchase; 1 otherwise.</param>
/// <param name="Revenue">Revenue of a purchase; 0 otherwise.</param>
/// <param name="Rating">A rating scaled to [0, 1] (the SDK's rating scale), for a rating; 0 otherwise.</param>
internal readonly record struct Interaction(string UserKey, string ItemKey, DateTimeOffset Timestamp, int Quantity = 1, decimal Revenue = 0m, float Rating = 0f);
