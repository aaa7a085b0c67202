using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>A preview records nothing: it does not count as access to the profile it reads.</summary>
public sealed class PreviewAccessTests
{
    [Fact]
    public void A_preview_does_not_keep_an_idle_profile_alive()
    {
        using var sdk = new TestSdk();
        sdk.View("ada", "hiking-1");

        sdk.Time.Advance(TimeSpan.FromDays(29));
        var preview = sdk.Personalizer.Rank(new PersonalizationRequest("ada") { Preview = true });
        sdk.Time.Advance(TimeSpan.FromDays(2));

        Assert.NotEqual(DecisionReason.NoHistory, preview.Reason);
        Assert.True(sdk.Personalizer.GetPersonalData("ada").IsEmpty);
    }

    [Fact]
    public void A_real_decision_does_keep_it_alive()
    {
        using var sdk = new TestSdk();
        sdk.View("ada", "hiking-1");

        sdk.Time.Advance(TimeSpan.FromDays(29));
        sdk.Personalizer.Rank(new PersonalizationRequest("ada"));
        sdk.Time.Advance(TimeSpan.FromDays(2));

        Assert.False(sdk.Personalizer.GetPersonalData("ada").IsEmpty);
    }

    [Fact]
    public async Task A_preview_does_not_move_a_profile_up_the_eviction_order()
    {
        // Past MaxProfiles (3) the least recently used go, down to 95% of it (2).
        using var sdk = new TestSdk(options => options.MaxProfiles = 3);
        foreach (var user in new[] { "first", "second", "third" })
        {
            sdk.View(user, "hiking-1");
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
        }

        sdk.Personalizer.Rank(new PersonalizationRequest("first") { Preview = true });
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.View("fourth", "hiking-1");
        await ((Personalizer)sdk.Personalizer).ProfileMaintenance;

        Assert.Equal(
            [true, true, false, false],
            new[] { "first", "second", "third", "fourth" }.Select(user => sdk.Personalizer.GetPersonalData(user).IsEmpty));
    }

    [Fact]
    public void A_preview_does_not_report_a_person_it_does_not_find_missing()
    {
        var recall = new RecordingRecall();
        using var sdk = new TestSdk(build: builder => builder.Services.AddSingleton<IProfileRecall>(recall));
        sdk.View("ada", "hiking-1");
        sdk.Time.Advance(TimeSpan.FromDays(31));
        recall.Clear();

        sdk.Personalizer.Rank(new PersonalizationRequest("ada") { Preview = true });
        sdk.Personalizer.Rank(new PersonalizationRequest("bea") { Preview = true });
        Assert.Empty(recall.Missed);

        sdk.Personalizer.Rank(new PersonalizationRequest("bea"));
        Assert.Equal(["bea"], recall.Missed);
    }

    private sealed class RecordingRecall : IProfileRecall
    {
        private readonly List<string> _missed = [];

        public string[] Missed
        {
            get
            {
                lock (_missed)
                {
                    return [.. _missed];
                }
            }
        }

        public Task RecallAsync(string profileKey, bool missing, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Missing(string profileKey, bool linked = false)
        {
            lock (_missed)
            {
                _missed.Add(profileKey);
            }
        }

        public void Released(string profileKey)
        {
        }

        public void Clear()
        {
            lock (_missed)
            {
                _missed.Clear();
            }
        }
    }
}
