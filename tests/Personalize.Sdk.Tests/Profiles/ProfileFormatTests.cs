using System.Buffers;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Privacy;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class ProfileFormatTests
{
    private static readonly string GoldenFile = Path.Combine(AppContext.BaseDirectory, "Profiles", "Golden", "profile-v1.hex");

    [Fact]
    public void A_profile_round_trips_exactly_through_the_binary_format()
    {
        using var sdk = Busy();
        var catalog = Catalog(sdk);
        var original = ((Personalizer)sdk.Personalizer).CopyProfile("user")!;

        var bytes = Write(original, catalog);
        var read = new ProfileData();
        ProfileFormat.Read(bytes, read, catalog, HalfLife);

        Assert.Equal(bytes, Write(read, catalog));
        Assert.Equal(Summary(original, catalog, sdk.Time.GetUtcNow()), Summary(read, catalog, sdk.Time.GetUtcNow()));
        Assert.Equal(2, read.Shows.Count);

        // The size docs/profile-format.md states for this profile.
        Assert.Equal(356, bytes.Length);
    }

    [Fact]
    public void A_profile_written_against_one_catalog_reads_back_by_key_against_another_in_another_order()
    {
        using var writer = Busy();
        var bytes = Write(((Personalizer)writer.Personalizer).CopyProfile("user")!, Catalog(writer));
        using var reader = new TestSdk(catalog: [new CatalogItem { Key = "new-item", Category = "garden" }, .. TestCatalog.Items.Reverse()]);
        var read = new ProfileData();

        ProfileFormat.Read(bytes, read, Catalog(reader), HalfLife);

        var now = writer.Time.GetUtcNow();
        Assert.Equal(Summary(((Personalizer)writer.Personalizer).CopyProfile("user")!, Catalog(writer), now), Summary(read, Catalog(reader), now));
        Assert.NotEqual(Catalog(writer).TryGetIndex("hiking-2", out var before) ? before : -1, Catalog(reader).TryGetIndex("hiking-2", out var after) ? after : -1);
    }

    [Fact]
    public void The_version_1_format_is_pinned_by_a_golden_file()
    {
        using var sdk = new TestSdk();
        var catalog = Catalog(sdk);
        var profile = GoldenProfile(catalog);

        var hex = Convert.ToHexString(Write(profile, catalog));

        Assert.Equal(File.ReadAllText(GoldenFile).Trim(), hex);
        var read = new ProfileData();
        ProfileFormat.Read(Convert.FromHexString(File.ReadAllText(GoldenFile).Trim()), read, catalog, HalfLife);
        Assert.Equal((3, "guest-7", ConsentFlags.Personalization), (read.EventCount, read.UnitKey, read.Consent));
        Assert.Equal(2.5, read.Categories.StoredAt(0).Value);
        Assert.Equal(["books-2", "hiking-1"], read.RecentItems.Items.ToArray().Select(i => catalog.GetItem(i)!.Key));
        Assert.True(read.Dismissed.Contains(catalog.TryGetIndex("kitchen-3", out var dismissed) ? dismissed : -1));
    }

    [Theory]
    [InlineData("", "truncated")]
    [InlineData("51", "not a Personalize.Sdk profile")]
    [InlineData("5002", "version 2 is not supported")]
    [InlineData("5001FFFFFFFFFF", "malformed")]
    [InlineData("5001FFFFFFFF0F", "larger than a profile holds")] // an event count of 2^32 - 1
    [InlineData("500180808080" + "08", "larger than a profile holds")] // 2^31
    [InlineData("50018080808070", "does not fit in 32 bits")] // a fifth byte beyond the top 4 bits
    public void Corrupt_or_newer_data_is_refused_whole(string hex, string message)
    {
        using var sdk = new TestSdk();
        var target = new ProfileData { EventCount = 7 };

        var error = Assert.Throws<InvalidDataException>(() => ProfileFormat.Read(Convert.FromHexString(hex), target, Catalog(sdk), HalfLife));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_golden_profile_cut_short_anywhere_is_refused()
    {
        using var sdk = new TestSdk();
        var bytes = Convert.FromHexString(File.ReadAllText(GoldenFile).Trim());

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => ProfileFormat.Read(bytes.AsSpan(0, length), new ProfileData(), Catalog(sdk), HalfLife));
        }
    }

    private static double HalfLife => TimeSpan.FromDays(14).Ticks;

    private static CatalogSnapshot Catalog(TestSdk sdk) => ((CatalogStore)sdk.Catalog).Current;

    private static byte[] Write(ProfileData profile, CatalogSnapshot catalog)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ProfileFormat.Write(profile, catalog, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static string Summary(ProfileData profile, CatalogSnapshot catalog, DateTimeOffset now) =>
        new PersonalData { UserKey = "user", Profile = PersonalDataReader.Summarize(profile, catalog, now, HalfLife) }.ToJson();

    /// <summary>A person who did a bit of everything, over two days.</summary>
    private static TestSdk Busy()
    {
        var sdk = new TestSdk(options => options.Guardrails.FrequencyCap = 3);
        sdk.View("user", "books-1", "hiking-2");
        sdk.Time.Advance(TimeSpan.FromDays(1));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "kitchen-1", revenue: 12m));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("user", "garden-2"));
        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("user", "brand", "Acme", likes: true));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("user", "garden", likes: false));
        sdk.Personalizer.Track(PersonalizationEvent.Complaint("user"));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        sdk.Rank("user", count: 2);
        return sdk;
    }

    /// <summary>Built field by field, so the golden file pins the format, not the event weights.</summary>
    private static ProfileData GoldenProfile(CatalogSnapshot catalog)
    {
        var start = TestSdk.Start.UtcTicks;
        var profile = new ProfileData
        {
            EventCount = 3,
            FirstSeenTicks = start,
            LastSeenTicks = start + TimeSpan.TicksPerHour,
            Consent = ConsentFlags.Personalization,
            UnitKey = "guest-7",
            UnitSinceTicks = start,
        };
        catalog.TryGetCategoryId("books", out var books);
        profile.Categories.Add(books, 2.5, start, HalfLife);
        catalog.TryGetAttributeId("brand=Acme", out var acme);
        profile.Attributes.Add(acme, 1.25, start, HalfLife);
        catalog.TryGetIndex("hiking-1", out var hiking);
        catalog.TryGetIndex("books-2", out var book);
        catalog.TryGetIndex("kitchen-3", out var kettle);
        profile.RecentItems.Add(book, start);
        profile.RecentItems.Add(hiking, start + TimeSpan.TicksPerHour);
        profile.WritablePurchases.Add(hiking, start + TimeSpan.TicksPerHour);
        profile.WritableDismissed.Add(kettle, start);
        profile.WritablePreferences.Set(isAttribute: false, books, likes: true, start);
        profile.WritableShows.Restore(book, 2, start);
        return profile;
    }
}
