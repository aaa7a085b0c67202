namespace Personalize.Evaluation.Protocol;

/// <summary>An interaction with dense user and item indices.</summary>
/// <param name="User">The user's index in <see cref="TrainingSet.UserKeys"/>.</param>
/// <param name="Item">The item's index in <see cref="TrainingSet.ItemKeys"/>.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Quantity">Units bought, for a purchase.</param>
/// <param name="Revenue">Revenue of a purchase.</param>
/// <param name="Rating">A rating in [0, 1], for a rating.</param>
internal readonly record struct IndexedEvent(int User, int Item, DateTimeOffset Timestamp, int Quantity, decimal Revenue, float Rating = 0f);
