// A scripted shopper: watch the ranking change after each thing they do.
using Microsoft.Extensions.DependencyInjection;
using Personalize.ConsoleSample;
using Personalize.Sdk;

var services = new ServiceCollection();
services.AddPersonalization().AddCatalog(DemoCatalog.Items);
using var provider = services.BuildServiceProvider();
var personalizer = provider.GetRequiredService<IPersonalizer>();

// Other shoppers, so popularity means something from the first request.
// A skewed choice from a shuffled shelf: a few items are much more popular than the rest.
var random = new Random(7);
var shelf = DemoCatalog.Items.ToArray();
random.Shuffle(shelf);
for (var i = 0; i < 400; i++)
{
    var item = shelf[Math.Min(random.Next(shelf.Length), random.Next(shelf.Length))];
    personalizer.Track(PersonalizationEvent.View($"shopper-{random.Next(60)}", item.Key));
}

const string Visitor = "visitor-1";
Show("A new visitor arrives: popularity leads (cold start)");

foreach (var key in new[] { "hiking-1", "hiking-3", "hiking-4" })
{
    personalizer.Track(PersonalizationEvent.View(Visitor, key));
}

Show("After viewing three hiking items");

personalizer.Track(PersonalizationEvent.AddToCart(Visitor, "camping-1"));
Show("After adding a tent to the cart");

personalizer.Track(PersonalizationEvent.Purchase(Visitor, "camping-1", quantity: 1, revenue: 249m));
Show("After buying the tent");

void Show(string step)
{
    var decision = personalizer.Rank(new PersonalizationRequest(Visitor) { Count = 5 });
    Console.WriteLine();
    Console.WriteLine($"== {step} [{decision.Variant}]");
    for (var i = 0; i < decision.Items.Count; i++)
    {
        var item = decision.Items[i];
        Console.WriteLine($"  {i + 1}. {DemoCatalog.TitleOf(item.ItemKey),-24} {item.Score,6:0.000}");
    }
}
