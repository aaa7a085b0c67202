using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Profiles;

/// <summary>What one item event changes in a profile; passed by reference so no closure is allocated.</summary>
internal readonly record struct ProfileUpdate(int ItemIndex, int CategoryId, double Weight, long Ticks, double HalfLifeTicks)
{
    public static readonly ProfileWriter<ProfileUpdate> Apply = static (profile, in update) =>
    {
        profile.Touch(update.Ticks);
        if (update.CategoryId != CatalogSnapshot.NoCategory)
        {
            profile.AddCategoryAffinity(update.CategoryId, update.Weight, update.Ticks, update.HalfLifeTicks);
        }

        profile.AddRecentItem(update.ItemIndex, update.Ticks);
    };
}
