// A scripted shopper: watch the ranking, and the reasons for it, change after each thing they do.
using Microsoft.Extensions.DependencyInjection;
using Personalize.ConsoleSample;
using Personalize.Sdk;

var services = new ServiceCollection();
services.AddPersonalization().AddCatalog(DemoCatalog.Items);
using var provider = services.BuildServiceProvider();
var personalizer = provider.GetRequiredService<IPersonalizer>();

BackgroundShoppers.Replay(personalizer);

// Alice has an account and a history in the kitchen.
personalizer.Track(PersonalizationEvent.Purchase("alice@example.com", "kitchen-2", revenue: 45m));
personalizer.Track(PersonalizationEvent.View("alice@example.com", "kitchen-3"));

const string Cookie = "cookie-7f3a";
Show(Cookie, "1. An anonymous visitor arrives: nothing known, popularity leads");

foreach (var key in new[] { "camping-1", "camping-2", "camping-4" })
{
    personalizer.Track(PersonalizationEvent.View(Cookie, key));
}

Show(Cookie, "2. They browse three camping items, still anonymous");

personalizer.Identify(Cookie, "alice@example.com");
Show("alice@example.com", "3. They sign in as Alice: the anonymous visit joins her kitchen history");

personalizer.Track(PersonalizationEvent.Purchase("alice@example.com", "camping-1", quantity: 1, revenue: 249m));
Show("alice@example.com", "4. Alice buys the tent: next steps after a tent come forward");

personalizer.Track(PersonalizationEvent.Dismiss("alice@example.com", "camping-3"));
personalizer.Track(PersonalizationEvent.Complaint("alice@example.com", "camping-1"));
Show("alice@example.com", "5. She dismisses the camp stove and reports a problem with the tent");

void Show(string user, string step)
{
    var decision = personalizer.Rank(new PersonalizationRequest(user) { Count = 5, Explain = true });
    var explanation = decision.Explanation!;
    Console.WriteLine();
    Console.WriteLine($"== {step}");
    Console.WriteLine($"   [{decision.Variant}] {explanation.Summary}");
    foreach (var item in explanation.Items)
    {
        Console.WriteLine($"   {DemoCatalog.TitleOf(item.ItemKey),-22} {item.Score,5:0.00}  {item.Reason}");
    }

    foreach (var removed in explanation.Removed)
    {
        Console.WriteLine($"   (removed {DemoCatalog.TitleOf(removed.ItemKey)}: {removed.Reason})");
    }
}
