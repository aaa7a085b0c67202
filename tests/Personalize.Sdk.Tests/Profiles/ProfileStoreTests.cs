using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class ProfileStoreTests
{
    [Fact]
    public async Task Memory_stays_bounded_as_distinct_users_grow_and_evictions_are_counted()
    {
        using var sdk = new TestSdk(options => options.MaxProfiles = 10);
        using var evicted = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.evicted");

        for (var user = 0; user < 100; user++)
        {
            sdk.Personalizer.Track(PersonalizationEvent.View($"user-{user}", "books-1"));
            sdk.Time.Advance(TimeSpan.FromSeconds(2));
        }

        await ((Personalizer)sdk.Personalizer).ProfileMaintenance;
        Assert.InRange(sdk.ProfileCount, 1, 10);
        await evicted.WaitForMeasurementsAsync(90, TimeSpan.FromSeconds(30));
        Assert.All(evicted.GetMeasurementSnapshot(), m => Assert.Equal("Capacity", m.Tags["reason"]));
        Assert.Equal(DecisionVariant.Personalized, sdk.Rank("user-99").Variant);
    }

    [Theory]
    [InlineData(19, 18)]
    [InlineData(2, 1)]
    [InlineData(40, 38)]
    [InlineData(30, 28)]
    [InlineData(21, 19)]
    [InlineData(59, 56)]
    public async Task Past_MaxProfiles_a_pass_trims_to_95_percent_rounded_down_and_at_least_one_below(int maxProfiles, int trimmedTo)
    {
        var time = new FakeTimeProvider(TestSdk.Start);
        var store = new MemoryProfileStore(maxProfiles, TimeSpan.FromDays(30), time, (_, _, _, _) => { }, new RememberedConsents(ConsentFlags.Personalization));
        for (var user = 0; user <= maxProfiles; user++)
        {
            store.GetOrCreate($"user-{user}");
            time.Advance(TimeSpan.FromSeconds(2));
        }

        await store.WhenMaintained();

        Assert.Equal(trimmedTo, store.Count);
        Assert.NotNull(store.Find($"user-{maxProfiles}"));
    }

    [Fact]
    public async Task A_full_store_trims_the_least_recently_used_off_the_request_path()
    {
        var time = new FakeTimeProvider(TestSdk.Start);
        var evictedOn = new ConcurrentBag<(string Key, int Thread)>();
        var store = new MemoryProfileStore(100, TimeSpan.FromDays(30), time, (key, _, _, _) => evictedOn.Add((key, Environment.CurrentManagedThreadId)), new RememberedConsents(ConsentFlags.Personalization));
        for (var user = 0; user < 100; user++)
        {
            store.GetOrCreate($"user-{user}");
            time.Advance(TimeSpan.FromSeconds(2));
        }

        // Touch the oldest one, so it is no longer among the least recently used.
        Assert.NotNull(store.Find("user-0"));
        store.GetOrCreate("user-100");
        await store.WhenMaintained();

        Assert.Equal(95, store.Count);
        Assert.DoesNotContain(evictedOn, e => e.Thread == Environment.CurrentManagedThreadId);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"user-{i}").Order(), evictedOn.Select(e => e.Key).Order());
        Assert.NotNull(store.Find("user-0"));
        Assert.NotNull(store.Find("user-100"));
    }

    [Fact]
    public async Task A_maintenance_pass_never_reads_the_clock_on_its_own_thread()
    {
        // A fake clock fires due timers on whichever thread reads it: a pass reading it on the
        // thread pool would run the SDK's background refreshes there, at a different moment on
        // every run of a replay. The requests run on a thread of their own, never a pool thread.
        ThreadRecordingClock? time = null;
        MemoryProfileStore? store = null;
        var requests = new Thread(() =>
        {
            time = new ThreadRecordingClock(TestSdk.Start);
            store = new MemoryProfileStore(100, TimeSpan.FromDays(30), time, (_, _, _, _) => { }, new RememberedConsents(ConsentFlags.Personalization));
            for (var user = 0; user <= 100; user++)
            {
                store.GetOrCreate($"user-{user}");
                time.Advance(TimeSpan.FromSeconds(2));
            }
        });
        requests.Start();
        requests.Join();

        await store!.WhenMaintained();

        Assert.Equal(95, store.Count);
        Assert.Equal(0, time!.ReadsElsewhere);
    }

    [Fact]
    public async Task An_idle_profile_expires_and_the_user_starts_afresh()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = TimeSpan.FromDays(2));
        using var evicted = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.evicted");
        sdk.View("idle", "books-1");
        sdk.View("active", "books-1");

        sdk.Time.Advance(TimeSpan.FromDays(1));
        sdk.View("active", "books-2");
        sdk.Time.Advance(TimeSpan.FromDays(1.5));

        Assert.Equal(DecisionVariant.ColdStart, sdk.Rank("idle").Variant);
        Assert.Equal(DecisionVariant.Personalized, sdk.Rank("active").Variant);
        await evicted.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal("Expired", evicted.GetMeasurementSnapshot()[0].Tags["reason"]);
    }

    [Fact]
    public async Task An_idle_profile_expires_in_the_background_while_only_known_people_come_back()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = TimeSpan.FromHours(1));
        using var evicted = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.evicted");
        sdk.View("idle", "books-1");
        sdk.View("active", "books-1");

        // Nobody new arrives and nobody asks for "idle": only the active person's decisions run.
        for (var step = 0; step < 4; step++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal(DecisionVariant.Personalized, sdk.Rank("active").Variant);
            await ((Personalizer)sdk.Personalizer).ProfileMaintenance;
        }

        Assert.Equal(1, sdk.ProfileCount);
        Assert.Equal("Expired", Assert.Single(evicted.GetMeasurementSnapshot()).Tags["reason"]);
    }

    [Fact]
    public void A_new_profile_takes_at_most_512_bytes_before_its_first_event()
    {
        // Warm the types first so only the profile itself is counted.
        _ = new UserProfile();
        var before = GC.GetAllocatedBytesForCurrentThread();

        _ = new UserProfile();

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(bytes, 1, ProfileSize.NewMaxBytes);
    }

    [Fact]
    public void Tables_grow_on_demand_to_their_documented_capacities_and_no_further()
    {
        // A first fill warms every method (and whatever they set up once per process) out of the count.
        Fill(new ProfileData());
        var data = new ProfileData();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Fill(data);
        var grown = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ProfileData.CategorySlots, data.Categories.Count);
        Assert.Equal(ProfileData.AttributeSlots, data.Attributes.Count);
        Assert.Equal(ProfileData.RecentSlots, data.RecentItems.Count);
        Assert.Equal(ProfileData.PurchaseSlots, data.Purchases.Count);
        Assert.Equal(ProfileData.LikeSlots + ProfileData.DislikeSlots, data.Preferences.Count);
        Assert.Equal(ProfileData.ShowSlots, data.Shows.Count);
        Assert.Equal(299, data.RecentItems.NewestItem(0)); // full rings keep the newest
        Assert.Equal(300 - ProfileData.RecentSlots, data.RecentItems.ItemAt(0));

        // Everything it grew through (4, 8, 10, 12, 15, 18, 22, 27, 32 slots, each table its own array;
        // purchases and stated preferences on through 33, 66, 132 and 256 or 264 and 272) stays within
        // 2.6 times the bound for a full profile: 27,568 bytes measured (9,992 when no table passed
        // 32 slots).
        Assert.InRange(grown, 1, ProfileSize.FullMaxBytes * 13 / 5);

        static void Fill(ProfileData data)
        {
            for (var i = 0; i < 300; i++)
            {
                var ticks = 1_000 + i;
                data.Categories.Add(i, 1, ticks, halfLifeTicks: 1e12);
                data.Attributes.Add(i, 1, ticks, halfLifeTicks: 1e12);
                data.RecentItems.Add(i, ticks);
                data.WritablePurchases.Add(i, ticks);
                data.WritablePreferences.Set(isAttribute: false, i, likes: true, ticks);
                data.WritablePreferences.Set(isAttribute: true, i, likes: false, ticks);
                data.WritableShows.RecordShow(i, ticks, windowTicks: 1_000_000);
            }
        }
    }

    [Fact]
    public void A_full_profile_fits_its_documented_bound()
    {
        _ = new ProfileData(reserve: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var full = new ProfileData(reserve: true);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(full);

        Assert.InRange(bytes, 1, ProfileSize.FullMaxBytes);
    }

    [Fact]
    public void A_full_profile_copied_into_a_reserved_copy_allocates_nothing()
    {
        var live = new ProfileData();
        for (var i = 0; i < 40; i++)
        {
            live.Attributes.Add(i, 1, 1_000 + i, halfLifeTicks: 1e12);
            live.WritablePurchases.Add(i, 1_000 + i);
            live.WritableShows.RecordShow(i, 1_000 + i, windowTicks: 1_000_000);
        }

        var copy = new ProfileData(reserve: true);
        live.CopyTo(copy); // warm the method
        var before = GC.GetAllocatedBytesForCurrentThread();

        live.CopyTo(copy);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(ProfileData.AttributeSlots, copy.Attributes.Count);
        Assert.Equal(39, copy.Purchases.NewestItem(0));
    }

    [Fact]
    public void A_profile_that_only_views_creates_no_purchase_dismissal_preference_or_showing_table()
    {
        var data = new ProfileData();
        for (var i = 0; i < 10; i++)
        {
            data.RecentItems.Add(i, 1_000 + i);
            data.Categories.Add(i % 3, 1, 1_000 + i, halfLifeTicks: 1e12);
        }

        Assert.False(data.Purchases.IsAllocated);
        Assert.Same(DismissedItems.None, data.Dismissed);
        Assert.Same(StatedPreferences.None, data.Preferences);
        Assert.Same(ShowCounter.None, data.Shows);

        data.WritablePurchases.Add(4, 2_000);

        Assert.True(data.Purchases.IsAllocated);
        Assert.Equal(4, data.Purchases.NewestItem(0));
        Assert.Equal(0, TimedRing.None.Count);
    }

    [Fact]
    public void The_shared_empty_tables_refuse_writes()
    {
        Assert.Throws<InvalidOperationException>(() => DismissedItems.None.Add(1, 1_000));
        Assert.Throws<IndexOutOfRangeException>(() => TimedRing.None.Add(1, 1_000));
        Assert.Throws<IndexOutOfRangeException>(() => ShowCounter.None.RecordShow(1, 1_000, windowTicks: 10));
        Assert.Throws<InvalidOperationException>(() => StatedPreferences.None.Set(isAttribute: false, 1, likes: true, 1_000));
        var filled = new ProfileData();
        filled.WritablePurchases.Add(1, 1_000);
        filled.WritableShows.RecordShow(1, 1_000, windowTicks: 10);
        filled.WritablePreferences.Set(isAttribute: false, 1, likes: true, 1_000);
        Assert.Throws<InvalidOperationException>(() =>
        {
            var none = TimedRing.None;
            filled.Purchases.CopyTo(ref none);
        });
        Assert.Throws<InvalidOperationException>(() => filled.Shows.CopyTo(ShowCounter.None));
        Assert.Throws<InvalidOperationException>(() => filled.Preferences.CopyTo(StatedPreferences.None));
        Assert.Equal(0, DismissedItems.None.Count + TimedRing.None.Count + ShowCounter.None.Count + StatedPreferences.None.Count);
    }

    [Fact]
    public void Copying_a_profile_whose_optional_tables_are_empty_creates_none_on_the_target()
    {
        // A reused source (as when restoring state record by record) keeps its emptied tables.
        var source = WithEveryOptionalTable();
        source.Clear();
        source.RecentItems.Add(5, 2_000);
        var target = new ProfileData();

        source.CopyTo(target);

        Assert.False(target.Purchases.IsAllocated);
        Assert.Same(DismissedItems.None, target.Dismissed);
        Assert.Same(StatedPreferences.None, target.Preferences);
        Assert.Same(ShowCounter.None, target.Shows);
        Assert.Equal(0, target.LastComplaintTicks);
        Assert.Equal(5, target.RecentItems.NewestItem(0));
    }

    [Fact]
    public void A_reused_copy_keeps_nothing_of_the_previous_profile_when_the_next_has_no_such_table()
    {
        var buyer = WithEveryOptionalTable();
        var browser = new ProfileData();
        browser.RecentItems.Add(5, 1_000);
        var copy = new ProfileData(reserve: true);

        buyer.CopyTo(copy);
        Assert.Equal(4, copy.Purchases.Count + copy.Dismissed.Count + copy.Preferences.Count + copy.Shows.Count);
        Assert.Equal(1_000, copy.LastComplaintTicks);
        browser.CopyTo(copy);

        Assert.Equal(0, copy.Purchases.Count + copy.Dismissed.Count + copy.Preferences.Count + copy.Shows.Count);
        Assert.Equal(0, copy.LastComplaintTicks);
        Assert.Equal(5, copy.RecentItems.NewestItem(0));
    }

    [Fact]
    public void A_complaint_alone_creates_no_optional_table_and_survives_a_copy()
    {
        var complainer = new ProfileData();
        complainer.RecentItems.Add(5, 1_000);
        complainer.LastComplaintTicks = 2_000;
        var target = new ProfileData();

        complainer.CopyTo(target);

        Assert.Equal(2_000, target.LastComplaintTicks);
        Assert.False(target.Purchases.IsAllocated);
        Assert.Same(ShowCounter.None, target.Shows);
        target.Clear();
        Assert.Equal(0, target.LastComplaintTicks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ConsentFlags.None)]
    [InlineData(ConsentFlags.Personalization)]
    [InlineData(ConsentFlags.Personalization | ConsentFlags.SensitiveCategories)]
    public void Consent_reads_back_as_stated_and_never_stated_stays_apart_from_none(ConsentFlags? consent)
    {
        var profile = new ProfileData();
        Assert.Null(profile.Consent);

        profile.Consent = consent;
        var copy = new ProfileData(reserve: true) { Consent = ConsentFlags.Personalization };
        profile.CopyTo(copy);

        Assert.Equal(consent, profile.Consent);
        Assert.Equal(consent, copy.Consent);
    }

    /// <summary>A profile with one purchase, dismissal, stated preference and showing.</summary>
    private static ProfileData WithEveryOptionalTable()
    {
        var profile = new ProfileData();
        profile.WritablePurchases.Add(1, 1_000);
        profile.WritableDismissed.Add(2, 1_000);
        profile.WritablePreferences.Set(isAttribute: false, 3, likes: true, 1_000);
        profile.WritableShows.RecordShow(4, 1_000, windowTicks: 1_000_000);
        profile.LastComplaintTicks = 1_000;
        return profile;
    }

    /// <summary>A fake clock that counts reads made on any thread but the one that created it.</summary>
    private sealed class ThreadRecordingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly int _owner = Environment.CurrentManagedThreadId;
        private int _readsElsewhere;

        public int ReadsElsewhere => Volatile.Read(ref _readsElsewhere);

        public override DateTimeOffset GetUtcNow()
        {
            if (Environment.CurrentManagedThreadId != _owner)
            {
                Interlocked.Increment(ref _readsElsewhere);
            }

            return base.GetUtcNow();
        }
    }
}
