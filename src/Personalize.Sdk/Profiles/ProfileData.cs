namespace Personalize.Sdk.Profiles;

/// <summary>
/// The state of one profile, in fixed-size arrays so a profile has a bounded size and can be
/// copied for a decision without allocating. Used both as the live state and as a decision's copy.
/// </summary>
/// <remarks>
/// Affinities are stored as (value, last update) and decayed lazily when read.
/// </remarks>
internal sealed class ProfileData
{
    public const int CategorySlots = 16;
    public const int RecentSlots = 16;

    public int EventCount;
    public long FirstSeenTicks;
    public long LastSeenTicks;

    public int CategoryCount;
    public readonly int[] CategoryIds = new int[CategorySlots];
    public readonly double[] CategoryValues = new double[CategorySlots];
    public readonly long[] CategoryTicks = new long[CategorySlots];

    /// <summary>Recently touched item indices, a ring; <see cref="RecentHead"/> is the next slot to write.</summary>
    public int RecentCount;
    public int RecentHead;
    public readonly int[] RecentItems = new int[RecentSlots];
    public readonly long[] RecentTicks = new long[RecentSlots];

    public bool IsEmpty => EventCount == 0;

    public void CopyTo(ProfileData target)
    {
        target.EventCount = EventCount;
        target.FirstSeenTicks = FirstSeenTicks;
        target.LastSeenTicks = LastSeenTicks;
        target.CategoryCount = CategoryCount;
        CategoryIds.AsSpan().CopyTo(target.CategoryIds);
        CategoryValues.AsSpan().CopyTo(target.CategoryValues);
        CategoryTicks.AsSpan().CopyTo(target.CategoryTicks);
        target.RecentCount = RecentCount;
        target.RecentHead = RecentHead;
        RecentItems.AsSpan().CopyTo(target.RecentItems);
        RecentTicks.AsSpan().CopyTo(target.RecentTicks);
    }

    public void Clear()
    {
        EventCount = 0;
        FirstSeenTicks = 0;
        LastSeenTicks = 0;
        CategoryCount = 0;
        RecentCount = 0;
        RecentHead = 0;
    }

    /// <summary>The decayed affinity for a category at <paramref name="nowTicks"/>, 0 when unknown.</summary>
    public double GetCategoryAffinity(int categoryId, long nowTicks, double halfLifeTicks)
    {
        for (var slot = 0; slot < CategoryCount; slot++)
        {
            if (CategoryIds[slot] == categoryId)
            {
                return CategoryValues[slot] * Decay.Factor(CategoryTicks[slot], nowTicks, halfLifeTicks);
            }
        }

        return 0;
    }

    public void AddCategoryAffinity(int categoryId, double amount, long ticks, double halfLifeTicks)
    {
        var slot = FindCategorySlot(categoryId, ticks, halfLifeTicks);
        (CategoryValues[slot], CategoryTicks[slot]) = Decay.Add(CategoryValues[slot], CategoryTicks[slot], amount, ticks, halfLifeTicks);
    }

    public void AddRecentItem(int itemIndex, long ticks)
    {
        RecentItems[RecentHead] = itemIndex;
        RecentTicks[RecentHead] = ticks;
        RecentHead = (RecentHead + 1) % RecentSlots;
        RecentCount = Math.Min(RecentCount + 1, RecentSlots);
    }

    public void Touch(long ticks)
    {
        if (EventCount == 0 || ticks < FirstSeenTicks)
        {
            FirstSeenTicks = ticks;
        }

        LastSeenTicks = Math.Max(LastSeenTicks, ticks);
        EventCount++;
    }

    private int FindCategorySlot(int categoryId, long ticks, double halfLifeTicks)
    {
        for (var slot = 0; slot < CategoryCount; slot++)
        {
            if (CategoryIds[slot] == categoryId)
            {
                return slot;
            }
        }

        if (CategoryCount < CategorySlots)
        {
            var free = CategoryCount++;
            CategoryIds[free] = categoryId;
            CategoryValues[free] = 0;
            CategoryTicks[free] = ticks;
            return free;
        }

        // Full: the weakest affinity (after decay) makes room, so a bounded profile keeps what matters now.
        var weakest = 0;
        var weakestValue = double.MaxValue;
        for (var slot = 0; slot < CategorySlots; slot++)
        {
            var value = CategoryValues[slot] * Decay.Factor(CategoryTicks[slot], ticks, halfLifeTicks);
            if (value < weakestValue)
            {
                weakestValue = value;
                weakest = slot;
            }
        }

        CategoryIds[weakest] = categoryId;
        CategoryValues[weakest] = 0;
        CategoryTicks[weakest] = ticks;
        return weakest;
    }
}
