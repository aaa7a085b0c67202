// A scripted shopper: watch the ranking, and the reasons for it, change after each thing they do,
// and read at the end what the SDK decided.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Personalize.ConsoleSample;
using Personalize.Sdk;

// Settings from the environment, as a host reads them: Personalization__KillSwitch=true turns it off.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var services = new ServiceCollection();
services.Configure<PersonalizationOptions>(configuration.GetSection("Personalization"));
services.AddPersonalization().AddCatalog(DemoCatalog.Items);
using var provider = services.BuildServiceProvider();
var personalizer = provider.GetRequiredService<IPersonalizer>();

BackgroundShoppers.Replay(personalizer);

// Alice has an account and a history in the kitchen.
personalizer.Track(PersonalizationEvent.Purchase("alice@example.com", "kitchen-2", revenue: 45m));
personalizer.Track(PersonalizationEvent.View("alice@example.com", "kitchen-3"));

var story = new Story(personalizer, Console.Out);
const string Cookie = "cookie-7f3a";
story.Show(Cookie, "An anonymous visitor arrives: nothing known, popularity leads");

foreach (var key in new[] { "camping-1", "camping-2", "camping-4" })
{
    personalizer.Track(PersonalizationEvent.View(Cookie, key));
}

story.Show(Cookie, "They browse three camping items, still anonymous");

personalizer.Identify(Cookie, "alice@example.com");
story.Show("alice@example.com", "They sign in as Alice: the anonymous visit joins her kitchen history");

personalizer.Track(PersonalizationEvent.Purchase("alice@example.com", "camping-1", quantity: 1, revenue: 249m));
var afterTheTent = story.Show("alice@example.com", "Alice buys the tent: it leaves her list, and what campers go on to comes forward");
story.ExplainNextSteps(afterTheTent, "camping-1");

personalizer.Track(PersonalizationEvent.Dismiss("alice@example.com", "camping-3"));
personalizer.Track(PersonalizationEvent.Complaint("alice@example.com", "camping-1"));
story.Show("alice@example.com", "She dismisses the camp stove and reports a problem with the tent");

story.Summarize();
