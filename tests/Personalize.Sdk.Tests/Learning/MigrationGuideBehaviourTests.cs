using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>docs/migrating-from-azure-personalizer.md: the snippets pasted as written, run, and checked against the prose around them.</summary>
public sealed class MigrationGuideBehaviourTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly CatalogItem[] Items =
    [
        new() { Key = "tent", Category = "hiking", Title = "Tent" },
        new() { Key = "boots", Category = "hiking", Title = "Boots" },
        new() { Key = "kettle", Category = "kitchen", Title = "Kettle" },
        new() { Key = "stove", Category = "kitchen", Title = "Stove" },
        new() { Key = "headlamp", Category = "hiking", Title = "Headlamp" },
        new() { Key = "mug", Category = "kitchen", Title = "Mug" },
    ];

    [Fact]
    public void The_guides_rank_reward_click_and_allocation_free_snippets_do_what_the_prose_says()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RewardTests.RecordingSink();
        IServiceCollection services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddPersonalization(options =>
        {
            options.Learning.Mode = LearningMode.Apprentice;              // every placement, unless it says otherwise
            options.Learning.RewardWaitTime = TimeSpan.FromMinutes(30);   // Azure: reward wait time
            options.Learning.DefaultReward = 0;                           // Azure: default reward
            options.Learning.ExplorationRate = 0.05;                      // Azure: exploration percentage
            options.Learning.UpdateInterval = TimeSpan.FromMinutes(1);    // Azure: model update frequency
            options.Placements["home"] = new PlacementOptions { Count = 4, LearningMode = LearningMode.Online };
        }).AddCatalog(Items).AddLearningLogSink(sink);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        var userKey = "visitor-42";

        // ## Rank
        string[] candidates = ["tent", "boots", "kettle", "stove", "headlamp"];
        var decision = personalizer.Rank(new PersonalizationRequest(userKey)
        {
            Placement = "home",
            Candidates = candidates,                                   // leave empty to rank the whole catalog
            Count = 3,
            Context = new RequestContext { Device = "mobile", Channel = "web" },
        });

        Guid decisionId = decision.Id;                                 // keep it where you kept the event id
        Assert.Equal(3, decision.Items.Count);
        Assert.NotEqual(Guid.Empty, decisionId);

        // ## Reward
        bool taken = personalizer.Reward(decision.Id, 1.0);            // the decision's first item
        Assert.True(taken);
        var boots = decision.Items.Any(item => item.ItemKey == "boots");
        Assert.Equal(boots, personalizer.Reward(decision.Id, "boots", 0.5));

        // ## Event ids become decision ids
        var buffer = new RankedItem[4];
        int written = personalizer.Rank(new PersonalizationRequest(userKey) { Placement = "home" }, buffer, out var info);
        Assert.Equal(4, written);
        Assert.True(personalizer.Reward(info.Id, buffer[0].ItemKey, 1.0));

        // The settled records: the first decision's first item 1.0, the second's first item 1.0.
        time.Advance(TimeSpan.FromMinutes(32));
        Assert.Equal(2, sink.Records.Count);
        Assert.Equal(1.0, sink.Records[0].Slots[0].Reward);
        Assert.Equal(1.0, sink.Records[1].Slots[0].Reward);
        Assert.Equal("home", sink.Records[0].Placement);
    }

    [Fact]
    public void The_guides_automatic_click_reward_and_its_override_do_what_the_prose_says()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RewardTests.RecordingSink();
        IServiceCollection services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddPersonalization(options => options.Learning.OutcomeRewards[EventKind.Click] = 0.1)
            .AddCatalog(Items).AddLearningLogSink(sink);
        services.Configure<PersonalizationOptions>(options => options.Learning.Mode = LearningMode.Online);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        var userKey = "visitor-42";
        var decision = personalizer.Rank(new PersonalizationRequest(userKey) { Count = 6 });
        Assert.Contains(decision.Items, item => item.ItemKey == "boots");

        personalizer.Track(PersonalizationEvent.Click(userKey, "boots"));   // a waiting decision that showed "boots"

        time.Advance(TimeSpan.FromMinutes(12));
        var record = Assert.Single(sink.Records);
        var slot = record.Slots.Single(s => record.Candidates[s.Candidate].ItemKey == "boots");
        Assert.True(slot.Rewarded);
        Assert.Equal(0.1, slot.Reward);
    }
}
