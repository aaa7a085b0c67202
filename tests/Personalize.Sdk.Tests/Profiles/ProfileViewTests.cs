using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class ProfileViewTests
{
    [Fact]
    public void A_view_cannot_be_kept_past_its_decision()
    {
        // It reads the thread's copy of the profile, which the next decision on the thread refills
        // with another person's: as a ref struct it cannot be stored in a field, boxed or captured.
        Assert.True(typeof(ProfileView).IsByRefLike);
    }

    [Theory, AutoData]
    public void Confidence_grows_with_events_and_fades_with_time(string user)
    {
        var probe = new ProfileProbe();
        using var sdk = new TestSdk(options => options.AffinityHalfLife = TimeSpan.FromDays(10), builder => builder.AddSignal(probe, 1f, 1f));

        sdk.Rank(user);
        Assert.Equal(0, probe.Confidence);

        sdk.View(user, "books-1");
        sdk.Rank(user);
        Assert.Equal(1 - Math.Exp(-1 / 5.0), probe.Confidence, 6);

        sdk.View(user, "books-2", "books-3", "books-4", "books-1");
        sdk.Rank(user);
        Assert.Equal(1 - Math.Exp(-1.0), probe.Confidence, 6);

        sdk.Time.Advance(TimeSpan.FromDays(10));
        sdk.Rank(user);
        Assert.Equal((1 - Math.Exp(-1.0)) / 2, probe.Confidence, 6);
    }

    [Theory, AutoData]
    public void First_and_last_seen_and_complaints_are_kept(string user)
    {
        var probe = new ProfileProbe();
        using var sdk = new TestSdk(build: builder => builder.AddSignal(probe, 1f, 1f));

        sdk.View(user, "books-1");
        sdk.Time.Advance(TimeSpan.FromHours(3));
        sdk.Personalizer.Track(PersonalizationEvent.Complaint(user));
        sdk.Rank(user);

        Assert.Equal(TestSdk.Start, probe.FirstSeen);
        Assert.Equal(TestSdk.Start.AddHours(3), probe.LastSeen);
        Assert.Equal(TestSdk.Start.AddHours(3), probe.LastComplaint);
    }

    [Fact]
    public void A_rejected_event_is_logged_with_its_reason_and_no_user_key()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder => builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));

        sdk.Personalizer.Track(PersonalizationEvent.View("secret-user-key", "no-such-item"));

        var record = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("unknown item", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-user-key", record.Message, StringComparison.Ordinal);
    }

    [Theory, AutoData]
    public void A_show_count_is_the_items_current_count_when_it_began_within_the_window_not_the_showings_inside_it(string user)
    {
        TimeSpan[] windows = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(4)];
        var probe = new ShowCountProbe("books-1", windows);
        using var sdk = new TestSdk(build: builder => builder.AddSignal(probe, 1f, 1f));
        sdk.View(user, "kitchen-1");
        var candidates = new[] { "books-1" };
        void Show() => sdk.Personalizer.Rank(new PersonalizationRequest(user) { Candidates = candidates });
        int[] Look()
        {
            sdk.Personalizer.Rank(new PersonalizationRequest(user) { Candidates = candidates, Preview = true });
            return [.. probe.Counts];
        }

        Show();
        sdk.Time.Advance(TimeSpan.FromMinutes(150));
        Show();

        // The count began 150 minutes ago: within an hour it reads 0, though a showing was just
        // now; within four hours, both showings. A zero window reads 0.
        Assert.Equal([0, 0, 2], Look());

        // A showing once the frequency-cap window (a day) has passed begins a new count at 1.
        sdk.Time.Advance(TimeSpan.FromDays(1));
        Show();
        Assert.Equal([0, 1, 1], Look());

        // Engaging with the item ends its count.
        sdk.Personalizer.Track(PersonalizationEvent.Click(user, "books-1"));
        Assert.Equal([0, 0, 0], Look());
    }

    [Theory, AutoData]
    public void A_negative_show_count_window_is_refused_naming_it(string user)
    {
        var probe = new ShowCountProbe("books-1", [TimeSpan.FromTicks(-1)]);
        using var sdk = new TestSdk(build: builder => builder.AddSignal(probe, 1f, 1f));

        sdk.Rank(user);

        var refused = Assert.IsType<ArgumentOutOfRangeException>(probe.Failure);
        Assert.Equal("window", refused.ParamName);
    }

    [Fact]
    public void Every_member_of_a_default_view_throws_invalid_operation_rather_than_a_null_reference()
    {
        Action[] members =
        [
            () => _ = default(ProfileView).IsNew,
            () => _ = default(ProfileView).EventCount,
            () => _ = default(ProfileView).Confidence,
            () => _ = default(ProfileView).LastComplaint,
            () => _ = default(ProfileView).FirstSeen,
            () => _ = default(ProfileView).LastSeen,
            () => _ = default(ProfileView).GetCategoryAffinity("books"),
            () => _ = default(ProfileView).GetItemCategoryAffinity(0),
            () => _ = default(ProfileView).TotalCategoryAffinity,
            () => _ = default(ProfileView).RecentItems,
            () => _ = default(ProfileView).GetPurchaseTime(0),
            () => _ = default(ProfileView).GetDismissalTime(0),
            () => _ = default(ProfileView).GetShowCount(0, TimeSpan.FromDays(1)),
            () => _ = default(ProfileView).GetItemAttributeAffinity(0),
            () => _ = default(ProfileView).TotalAttributeAffinity,
            () => _ = default(ProfileView).IsStatedLike(0),
            () => _ = default(ProfileView).IsStatedDislike(0),
        ];

        Assert.All(members, member => Assert.Contains("default instance", Assert.Throws<InvalidOperationException>(member).Message, StringComparison.Ordinal));
    }

    /// <summary>Reads the show counts of one item through the public view, as a custom signal would.</summary>
    private sealed class ShowCountProbe(string itemKey, TimeSpan[] windows) : ISignalProvider
    {
        public int[] Counts { get; } = new int[windows.Length];

        public Exception? Failure { get; private set; }

        public string Name => "show-count-probe";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            foreach (var index in candidates)
            {
                if (context.GetItem(index).Key != itemKey)
                {
                    continue;
                }

                try
                {
                    for (var w = 0; w < windows.Length; w++)
                    {
                        Counts[w] = context.Profile.GetShowCount(index, windows[w]);
                    }
                }
                catch (ArgumentException exception)
                {
                    Failure = exception;
                }
            }
        }
    }

    private sealed class ProfileProbe : ISignalProvider
    {
        public double Confidence { get; private set; }

        public DateTimeOffset? FirstSeen { get; private set; }

        public DateTimeOffset? LastSeen { get; private set; }

        public DateTimeOffset? LastComplaint { get; private set; }

        public string Name => "profile-probe";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            Confidence = context.Profile.Confidence;
            FirstSeen = context.Profile.FirstSeen;
            LastSeen = context.Profile.LastSeen;
            LastComplaint = context.Profile.LastComplaint;
        }
    }
}
