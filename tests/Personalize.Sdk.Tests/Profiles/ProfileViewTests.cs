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
