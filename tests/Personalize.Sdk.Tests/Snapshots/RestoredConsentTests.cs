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
    [Fact]
    public void A_restore_under_a_default_without_personalization_keeps_no_outcome_of_a_unit_restored_without_its_profile()
    {
        using var source = Server(options => options.ProfileIdleExpiration = TimeSpan.FromHours(1));
        source.Rank("alice");
        source.Personalizer.Track(PersonalizationEvent.Purchase("alice", "books-2", 1, 5m));
        Assert.Contains(source.Personalizer.GetPersonalData("alice").Holdouts, unit => unit.Converted);

        // Idle past its expiry: the snapshot leaves the profile out, and keeps the unit.
        source.Time.Advance(TimeSpan.FromHours(2));
        var state = Write(source).State;
        using var target = Server(options => options.DefaultConsent = ConsentFlags.None);
        target.Time.SetUtcNow(source.Time.GetUtcNow());

        Merge(target, state);

        var alice = target.Personalizer.GetPersonalData("alice");
        Assert.Null(alice.Profile);
        Assert.NotEmpty(alice.Holdouts);
        Assert.All(alice.Holdouts, unit => Assert.False(unit.Converted || unit.Revenue != 0, $"{unit.Holdout}: an outcome is kept"));
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
