using Personalize.Sdk;

namespace Personalize.ConsoleSample;

/// <summary>Other shoppers, so popularity and next-step links mean something from the first request.</summary>
internal static class BackgroundShoppers
{
    /// <summary>What campers go on to after buying the tent: the next-step links step 4 of the story shows.</summary>
    private static readonly string[] AfterTheTent = ["camping-2", "camping-4", "camping-5", "camping-3"];

    public static void Replay(IPersonalizer personalizer)
    {
        var random = new Random(7);
        var shelf = DemoCatalog.Items.ToArray();
        random.Shuffle(shelf);
        for (var session = 0; session < 300; session++)
        {
            // Each session stays mostly in one category, as real browsing does, and some end in a purchase.
            var user = $"shopper-{random.Next(80)}";
            var first = shelf[Math.Min(random.Next(shelf.Length), random.Next(shelf.Length))];
            var sameCategory = DemoCatalog.Items.Where(item => item.Category == first.Category).ToArray();
            personalizer.Track(PersonalizationEvent.View(user, first.Key));
            for (var step = 0; step < 2; step++)
            {
                personalizer.Track(PersonalizationEvent.View(user, sameCategory[random.Next(sameCategory.Length)].Key));
            }

            if (random.Next(4) == 0)
            {
                personalizer.Track(PersonalizationEvent.Purchase(user, sameCategory[random.Next(sameCategory.Length)].Key));
            }
        }

        // Some campers look at the tent, then at what the rest of the camp needs.
        for (var camper = 0; camper < 20; camper++)
        {
            var user = $"camper-{camper}";
            personalizer.Track(PersonalizationEvent.View(user, "camping-1"));
            var next = AfterTheTent.ToArray();
            random.Shuffle(next);
            foreach (var key in next.Take(2))
            {
                personalizer.Track(PersonalizationEvent.View(user, key));
            }
        }
    }
}
