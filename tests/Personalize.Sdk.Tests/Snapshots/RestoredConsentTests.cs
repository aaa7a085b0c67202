using static Personalize.Sdk.Tests.Snapshots.StateSnapshotTests;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// README "Consent": without personalization consent nothing about a person's behaviour is stored.
/// A restore judges each person by the consent in force on the server restoring (theirs if they
/// stated one, else one remembered, else its DefaultConsent), as tracking there would.
/// </summary>
public sealed class RestoredConsentTests
{
    [Fact]
    public void A_restore_under_a_default_without_personalization_keeps_no_behaviour_of_people_who_never_consented()
    {
        using var source = Server();
        source.View("alice", "books-1", "books-2", "kitchen-1");
        source.Rank("alice");
        source.Personalizer.Track(PersonalizationEvent.Purchase("alice", "books-2", 1, 5m));
        var state = Write(source).State;
        using var target = Server(options => options.DefaultConsent = ConsentFlags.None);
        target.Time.SetUtcNow(source.Time.GetUtcNow());

        Merge(target, state);

        var alice = target.Personalizer.GetPersonalData("alice");
        Assert.Equal(ConsentFlags.None, alice.Consent);
        Assert.Empty(alice.Profile?.RecentItems ?? []);
        Assert.Empty(alice.Profile?.Purchases ?? []);
        Assert.Empty(alice.Profile?.Categories ?? []);
        Assert.Equal(0, alice.Profile?.EventCount ?? 0);
        Assert.NotEmpty(alice.Holdouts);
        Assert.All(alice.Holdouts, unit => Assert.False(unit.Converted || unit.Revenue != 0, $"{unit.Holdout}: an outcome is kept"));
    }

    [Fact]
    public void A_restore_under_a_default_without_personalization_keeps_the_behaviour_of_people_who_consented()
    {
        using var source = Server();
        source.Personalizer.Track(PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization));
        source.View("alice", "books-1", "books-2");
        using var target = Server(options => options.DefaultConsent = ConsentFlags.None);
        target.Time.SetUtcNow(source.Time.GetUtcNow());

        Merge(target, Write(source).State);

        var alice = target.Personalizer.GetPersonalData("alice");
        Assert.Equal(ConsentFlags.Personalization, alice.StatedConsent);
        Assert.Equal(["books-1", "books-2"], alice.Profile!.RecentItems.Select(item => item.ItemKey).Order());
    }
    /// <summary>
    /// A consent wider than the default is not kept past an eviction, so under DefaultConsent None the
    /// outcome of a person who consented here and went idle is kept live; a restore keeps it too.
    /// (A unit restored without its profile is judged by a consent stated or kept apart only: the
    /// default cannot tell who never consented from who did.)
    /// </summary>
    [Fact]
    public void A_restart_keeps_the_holdout_outcome_of_a_person_who_consented_and_went_idle()
    {
        static void Configure(PersonalizationOptions options)
        {
            options.DefaultConsent = ConsentFlags.None;
            options.ProfileIdleExpiration = TimeSpan.FromHours(1);
        }

        using var source = Server(Configure);
        source.Personalizer.Track(PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization));
        source.Rank("alice");
        source.Personalizer.Track(PersonalizationEvent.Purchase("alice", "books-2", 1, 5m));
        source.Time.Advance(TimeSpan.FromHours(2));
        Assert.Contains(source.Personalizer.GetPersonalData("alice").Holdouts, unit => unit.Converted);
        var state = Write(source).State;
        using var target = Server(Configure);
        target.Time.SetUtcNow(source.Time.GetUtcNow());

        Merge(target, state);

        Assert.Contains(target.Personalizer.GetPersonalData("alice").Holdouts, unit => unit.Converted);
    }

    /// <summary>The records of a guest and of the account it is linked to here, in the snapshot in either order (which the keys' hashes decide).</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_guest_linked_here_to_an_account_that_consented_keeps_its_behaviour_whatever_the_record_order(int n)
    {
        var guest = $"guest-{n}";
        var account = $"acct-{n}";
        using var source = Server();
        source.Personalizer.Track(PersonalizationEvent.ConsentGiven(account, ConsentFlags.Personalization));
        source.View(account, "books-1");
        source.View(guest, "kitchen-1");
        var state = Write(source).State;
        using var target = Server(options => options.DefaultConsent = ConsentFlags.None);
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        target.Personalizer.Identify(guest, account);

        Merge(target, state);

        var data = target.Personalizer.GetPersonalData(account);
        Assert.Equal(ConsentFlags.Personalization, data.StatedConsent);
        Assert.Equal(["books-1", "kitchen-1"], data.Profile!.RecentItems.Select(item => item.ItemKey).Order());
    }
}
