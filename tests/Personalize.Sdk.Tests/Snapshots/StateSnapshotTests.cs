using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// The whole shared state written and merged back: into an empty personalizer it reproduces what
/// people see, the identity map, the lift report and the statistics; two snapshots of disjoint
/// traffic merge into what one server that saw it all holds; a bad input changes nothing.
/// </summary>
public sealed class StateSnapshotTests
{
    private static readonly string[] People = ["alice", "guest", "bob", "dana", "erin", "frank", "private", "carol", "newcomer"];

    [Fact]
    public void A_state_merged_into_an_empty_personalizer_reproduces_it()
    {
        using var source = Server();
        Traffic(source, ["alice", "guest", "bob", "dana", "erin", "frank", "private", "carol"]);
        source.Personalizer.Identify("guest", "alice");
        source.Personalizer.Forget("carol");

        // The similar-items model publishes on its timer, rebuilding every row only now and then; a
        // merge rebuilds every row at once, so the source is brought up to date the same way.
        var similar = Impl(source).Statistics.SimilarItemsModel;
        similar.Refresh();
        similar.PublishAll();
        Assert.True(similar.Table.ItemCount > 0);

        var (state, written) = Write(source);
        using var target = Server();
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        var merged = Merge(target, state);

        Assert.Equal(written, merged);
        Assert.True(written.Profiles >= 6, written.ToString());
        Assert.True(written.Aliases >= 2, written.ToString());
        Assert.True(written.MeasuredUnits > 0, written.ToString());
        Assert.True(written.Erasures > 0, written.ToString());
        foreach (var person in People)
        {
            Assert.Equal(PersonalDataOf(source, person), PersonalDataOf(target, person));
            Assert.Equal(source.Personalizer.GetConsent(person), target.Personalizer.GetConsent(person));
        }

        Assert.Equal(Impl(source).IdentityCount, Impl(target).IdentityCount);
        Assert.Equal(Impl(source).ProfileCount, Impl(target).ProfileCount);
        Assert.Equal(LiftOf(source), LiftOf(target));
        AssertSameStatistics(source, target, tolerance: 0);
        AssertSameSimilarItems(source, target);
        foreach (var person in People)
        {
            AssertSameRanking(source, target, person);
        }

        // The state of the copy is the state of the original: writing it again holds the same.
        Assert.Equal(Write(source).Counts, Write(target).Counts);
    }

    [Fact]
    public void Two_states_of_disjoint_traffic_merge_into_what_one_server_that_saw_it_all_holds()
    {
        using var single = Server();
        using var a = Server();
        using var b = Server();
        string[] left = ["alice", "bob", "dana", "erin"];
        string[] right = ["frank", "gina", "hugo", "ivan"];
        Traffic(a, left);
        Traffic(single, left);

        // The other server's traffic happens when the single server's second half does.
        b.Time.SetUtcNow(single.Time.GetUtcNow());
        Traffic(b, right);
        Traffic(single, right);

        using var target = Server();
        target.Time.SetUtcNow(single.Time.GetUtcNow());
        var fromA = Merge(target, Write(a).State);
        var fromB = Merge(target, Write(b).State);

        Assert.Equal(Write(single).Counts.Profiles, fromA.Profiles + fromB.Profiles);
        Assert.Equal(Impl(single).ProfileCount, Impl(target).ProfileCount);
        AssertSameStatistics(single, target, tolerance: 1e-9);
        var expected = Lift(single);
        var actual = Lift(target);
        foreach (var (want, got) in new[] { (expected.Treatment, actual.Treatment), (expected.Control, actual.Control) })
        {
            Assert.Equal(want.ExposedUnits, got.ExposedUnits);
            Assert.Equal(want.ConvertedUnits, got.ConvertedUnits);
            Assert.Equal(want.Revenue, got.Revenue, 9);
        }

        Assert.True(expected.Treatment.ExposedUnits + expected.Control.ExposedUnits >= left.Length + right.Length);
        // The right half was ranked against the left half's popularity on the single server, so
        // was shown other items there: only the left half's profiles (shows included) match whole.
        foreach (var person in left)
        {
            Assert.Equal(PersonalDataOf(single, person), PersonalDataOf(target, person));
        }

        foreach (var person in right)
        {
            Assert.Equal(single.Personalizer.GetPersonalData(person).Profile!.EventCount, target.Personalizer.GetPersonalData(person).Profile!.EventCount);
        }
    }

    [Fact]
    public void A_profile_already_held_is_merged_as_a_stitch_merges()
    {
        using var source = Server();
        source.View("alice", "kitchen-1", "kitchen-2");
        using var target = Server();
        target.View("alice", "hiking-1");

        Merge(target, Write(source).State);

        var data = PersonalDataOf(target, "alice");
        Assert.Contains("kitchen-1", data, StringComparison.Ordinal);
        Assert.Contains("hiking-1", data, StringComparison.Ordinal);
        Assert.Equal(3, target.Personalizer.GetPersonalData("alice").Profile!.EventCount);
    }

    [Theory]
    [InlineData("flip-middle")]
    [InlineData("flip-checksum")]
    [InlineData("flip-magic")]
    [InlineData("truncate-one")]
    [InlineData("truncate-half")]
    [InlineData("truncate-header")]
    [InlineData("empty")]
    [InlineData("newer-version")]
    public void A_bad_state_is_refused_and_changes_nothing(string damage)
    {
        using var source = Server();
        Traffic(source, ["alice", "bob", "dana"]);
        var state = Write(source).State;
        byte[] bad = damage switch
        {
            "flip-middle" => Flipped(state, state.Length / 2),
            "flip-checksum" => Flipped(state, state.Length - 1),
            "flip-magic" => Flipped(state, 0),
            "truncate-one" => state[..^1],
            "truncate-half" => state[..(state.Length / 2)],
            "truncate-header" => state[..6],
            "empty" => [],
            "newer-version" => Versioned(state, StateFormat.Version + 1),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        using var target = Server();
        target.View("erin", "books-1", "books-2");
        var before = Write(target).State;
        var erinBefore = PersonalDataOf(target, "erin");

        var refused = Assert.Throws<InvalidDataException>(() => Impl(target).MergeState(Segmented(bad)));

        if (damage == "newer-version")
        {
            Assert.Contains("version", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before.Length, Write(target).State.Length);
        Assert.Equal(erinBefore, PersonalDataOf(target, "erin"));
        Assert.Null(target.Personalizer.GetPersonalData("alice").Profile);
        Assert.Equal(1, Impl(target).ProfileCount);
    }

    [Fact]
    public void Items_the_reader_does_not_know_are_skipped()
    {
        using var source = Server();
        source.View("alice", "garden-1", "kitchen-1", "garden-2", "kitchen-2");
        source.Personalizer.Track(PersonalizationEvent.Purchase("alice", "garden-3", 1, 10m));
        source.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("alice", "garden", likes: true));
        source.View("bob", "garden-1", "kitchen-1");

        using var target = Server(catalog: TestCatalog.Items.Where(item => item.Category != "garden"));
        var counts = Merge(target, Write(source).State);

        Assert.Equal(2, counts.Profiles);
        var alice = PersonalDataOf(target, "alice");
        Assert.DoesNotContain("garden", alice, StringComparison.Ordinal);
        Assert.Contains("kitchen-2", alice, StringComparison.Ordinal);
        var catalog = ((CatalogStore)target.Catalog).Current;
        Assert.True(catalog.TryGetIndex("kitchen-1", out var kitchen1));
        Assert.True(Impl(target).Statistics.Popularity[kitchen1] > 0);
        Assert.Equal(Impl(source).Statistics.Popularity[Index(source, "kitchen-1")], Impl(target).Statistics.Popularity[kitchen1]);
    }

    [Fact]
    public void A_person_idle_past_the_expiry_is_left_out_and_a_merged_one_expires_from_their_last_event()
    {
        using var source = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        source.View("old-timer", "kitchen-1");
        source.Time.Advance(TimeSpan.FromDays(20));
        source.View("regular", "hiking-1");

        // Read now and then (a decision keeps a profile in memory), but no event for 31 days.
        source.Time.Advance(TimeSpan.FromDays(5));
        source.Rank("old-timer");
        source.Time.Advance(TimeSpan.FromDays(6));
        var (state, counts) = Write(source);

        using var target = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        Merge(target, state);

        Assert.Equal(1, counts.Profiles);
        Assert.Null(target.Personalizer.GetPersonalData("old-timer").Profile);
        Assert.NotNull(target.Personalizer.GetPersonalData("regular").Profile);

        // The regular's last event was 11 days ago: 19 more days, not 30 from the merge.
        target.Time.Advance(TimeSpan.FromDays(20));
        Assert.Null(target.Personalizer.GetPersonalData("regular").Profile);
    }

    [Fact]
    public void A_state_whose_last_profile_is_of_a_newer_version_changes_nothing()
    {
        using var source = Server();
        source.View("alice", "books-1", "books-2");
        source.View("bob", "hiking-1");
        source.View("carol", "kitchen-1");
        source.Personalizer.Identify("guest", "alice");
        var state = Write(source).State;

        // The last profile record's version byte, found by its key, set to 2; the checksum made right again.
        var versionAt = -1;
        foreach (var key in new[] { "alice", "bob", "carol" })
        {
            var name = Encoding.UTF8.GetBytes(key);
            for (var at = 0; at + 2 + name.Length + CraftedState.ProfileRecordHead + 3 < state.Length; at++)
            {
                if (state[at] == StateFormat.Record && state[at + 1] == name.Length && state.AsSpan(at + 2, name.Length).SequenceEqual(name))
                {
                    // After the key, the record's head (CraftedState.ProfileRecordHead), then its length.
                    var lengthAt = at + 2 + name.Length + CraftedState.ProfileRecordHead;
                    var profileAt = lengthAt + (state[lengthAt] < 0x80 ? 1 : 2);
                    if (state[profileAt] == ProfileFormat.Magic && state[profileAt + 1] == ProfileFormat.Version)
                    {
                        versionAt = Math.Max(versionAt, profileAt + 1);
                    }
                }
            }
        }

        Assert.True(versionAt > 0);
        var newer = (byte[])state.Clone();
        newer[versionAt] = 2;
        BinaryPrimitives.WriteUInt64LittleEndian(newer.AsSpan(newer.Length - 8), XxHash64.HashToUInt64(newer.AsSpan(0, newer.Length - 8)));
        using var target = Server();
        var identities = Impl(target).IdentityCount;

        var refused = Assert.Throws<InvalidDataException>(() => Merge(target, newer));

        Assert.Contains("version 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal((0, identities), (Impl(target).ProfileCount, Impl(target).IdentityCount));
    }

    [Fact]
    public void A_state_of_many_profiles_round_trips()
    {
        const int count = 100_000;
        using var source = Server(options => options.MaxProfiles = 2 * count);
        var keys = TestCatalog.Items.Select(item => item.Key).ToArray();
        for (var i = 0; i < count; i++)
        {
            source.Personalizer.Track(PersonalizationEvent.View($"user-{i}", keys[i % keys.Length]));
            if (i % 10 == 0)
            {
                source.Personalizer.Track(PersonalizationEvent.Purchase($"user-{i}", keys[(i + 3) % keys.Length], 1, 5m));
            }
        }

        var buffer = new ArrayBufferWriter<byte>(count * 128);
        var written = Impl(source).WriteState(buffer);
        using var target = Server(options => options.MaxProfiles = 2 * count);
        var merged = Impl(target).MergeState(Segmented(buffer.WrittenMemory.ToArray()));

        Assert.Equal(count, written.Profiles);
        Assert.Equal(written, merged);
        Assert.Equal(count, Impl(target).ProfileCount);
        foreach (var i in new[] { 0, 1, 10, 4_321, count - 1 })
        {
            Assert.Equal(PersonalDataOf(source, $"user-{i}"), PersonalDataOf(target, $"user-{i}"));
        }
    }

    [Fact]
    public void A_unit_whose_person_withdrew_consent_stays_unmeasured_on_a_server_restored_from_the_state()
    {
        using var source = Server();
        source.View("user", "books-1");
        source.Rank("user");
        source.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-1", revenue: 42m));
        source.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        using var target = Server();

        Merge(target, Write(source).State);
        target.Personalizer.Track(PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization));
        target.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-2", revenue: 10m));

        // Its conversion is in the totals once; restored unsealed, the unit would convert again.
        var lift = Lift(target);
        Assert.Equal(1, lift.Control.ConvertedUnits + lift.Treatment.ConvertedUnits);
        Assert.False(Assert.Single(target.Personalizer.GetPersonalData("user").Holdouts).Converted);
    }

    [Fact]
    public void A_sealed_unit_in_the_state_seals_the_same_unit_this_server_already_measures()
    {
        using var source = Server();
        using var target = Server();
        foreach (var server in new[] { source, target })
        {
            server.View("user", "books-1");
            server.Rank("user");
            server.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-1", revenue: 42m));
        }

        source.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));

        Merge(target, Write(source).State);

        var unit = Assert.Single(target.Personalizer.GetPersonalData("user").Holdouts);
        Assert.False(unit.Converted);
        Assert.Equal(0, unit.Revenue);
    }

    internal static TestSdk Server(Action<PersonalizationOptions>? configure = null, IEnumerable<CatalogItem>? catalog = null) =>
        new(configure, builder => builder.AddHoldout("global", basisPoints: 5_000).Services.AddSingleton<IChangeJournal>(new LoopbackJournal()), catalog);

    internal static Personalizer Impl(TestSdk server) => (Personalizer)server.Personalizer;

    internal static (byte[] State, StateCounts Counts) Write(TestSdk server)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var counts = Impl(server).WriteState(buffer);
        return (buffer.WrittenSpan.ToArray(), counts);
    }

    /// <summary>Merges <paramref name="state"/> handed over in small segments, as a pipe or a Redis reply may hand it.</summary>
    internal static StateCounts Merge(TestSdk server, byte[] state) => Impl(server).MergeState(Segmented(state));

    internal static string PersonalDataOf(TestSdk server, string userKey) => server.Personalizer.GetPersonalData(userKey).ToJson();

    private static string LiftOf(TestSdk server) => Lift(server).ToJson();

    private static LiftReport Lift(TestSdk server) => server.Services.GetRequiredService<ILiftReporter>().GetReport("global");

    /// <summary>
    /// Every kind of shared state, for each of <paramref name="people"/>: decisions (exposures),
    /// views, carts, purchases (attributed), dismissals, ratings, complaints, stated preferences and consent.
    /// </summary>
    private static void Traffic(TestSdk server, string[] people)
    {
        var keys = TestCatalog.Items.Select(item => item.Key).ToArray();
        for (var p = 0; p < people.Length; p++)
        {
            var person = people[p];
            if (person == "private")
            {
                server.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(person));
            }
            else if (p % 3 == 1)
            {
                server.Personalizer.Track(PersonalizationEvent.ConsentGiven(person, ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
            }

            server.Rank(person);
            server.Time.Advance(TimeSpan.FromMinutes(1));
            server.View(person, keys[p % keys.Length], keys[(p + 1) % keys.Length], keys[(p + 5) % keys.Length]);
            server.Personalizer.Track(PersonalizationEvent.AddToCart(person, keys[(p + 1) % keys.Length]));
            server.Personalizer.Track(PersonalizationEvent.Purchase(person, keys[(p + 1) % keys.Length], 1, 10m + p));
            server.Personalizer.Track(PersonalizationEvent.Dismiss(person, keys[(p + 9) % keys.Length]));
            server.Personalizer.Track(PersonalizationEvent.Rating(person, keys[(p + 5) % keys.Length], 0.8f));
            server.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(person, TestCatalog.Categories[p % 4], likes: p % 2 == 0));
            server.Personalizer.Track(PersonalizationEvent.StatedAttributePreference(person, "brand", "Acme", likes: true));
            if (p % 4 == 3)
            {
                server.Personalizer.Track(PersonalizationEvent.Complaint(person, keys[(p + 2) % keys.Length]));
            }

            server.Rank(person);
            server.Time.Advance(TimeSpan.FromMinutes(7));
        }
    }

    private static void AssertSameStatistics(TestSdk expected, TestSdk actual, double tolerance)
    {
        var want = Impl(expected).Statistics;
        var got = Impl(actual).Statistics;
        foreach (var item in TestCatalog.Items)
        {
            var (i, j) = (Index(expected, item.Key), Index(actual, item.Key));
            Near(At(want.Popularity, i), At(got.Popularity, j), tolerance, item.Key);
            Near(At(want.RecentPopularity, i), At(got.RecentPopularity, j), tolerance, item.Key);
            Assert.Equal(want.LastEngagedTicks(i), got.LastEngagedTicks(j));
            Assert.Equal(Neighbours(expected, want, i), Neighbours(actual, got, j), (x, y) => x.Key == y.Key && Math.Abs(x.Weight - y.Weight) <= tolerance * Math.Max(1, Math.Abs(x.Weight)));
        }

        static double At(ReadOnlySpan<double> values, int index) => index < values.Length ? values[index] : 0;
    }

    private static void AssertSameSimilarItems(TestSdk expected, TestSdk actual)
    {
        var want = Impl(expected).Statistics.SimilarItems;
        var got = Impl(actual).Statistics.SimilarItems;
        var rows = 0;
        foreach (var item in TestCatalog.Items)
        {
            var wanted = want.Row(Index(expected, item.Key));
            var row = got.Row(Index(actual, item.Key));
            Assert.Equal(wanted.Items.ToArray().Select(i => Key(expected, i)), row.Items.ToArray().Select(i => Key(actual, i)));
            Assert.Equal(wanted.Weights.ToArray(), row.Weights.ToArray());
            rows += wanted.Items.Length > 0 ? 1 : 0;
        }

        Assert.True(rows > 0, "The similar-items model had no rows to compare.");
    }

    private static string Key(TestSdk server, int index) =>
        ((CatalogStore)server.Catalog).Current.GetItem(index)!.Key;

    private static void Near(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    private static (string Key, double Weight)[] Neighbours(TestSdk server, Personalize.Sdk.Statistics.ItemStatistics statistics, int index)
    {
        var catalog = ((CatalogStore)server.Catalog).Current;
        var (items, weights) = statistics.NeighboursOf(index);
        return [.. Enumerable.Range(0, items.Length).Where(slot => items.Span[slot] >= 0).Select(slot => (catalog.GetItem(items.Span[slot])!.Key, weights.Span[slot])).OrderBy(pair => pair.Key, StringComparer.Ordinal)];
    }

    private static int Index(TestSdk server, string key) =>
        ((CatalogStore)server.Catalog).Current.TryGetIndex(key, out var index) ? index : throw new ArgumentException(key);

    private static void AssertSameRanking(TestSdk expected, TestSdk actual, string person)
    {
        var want = expected.Rank(person, 16);
        var got = actual.Rank(person, 16);
        Assert.Equal(want.Reason, got.Reason);
        Assert.Equal(want.Items.Select(item => (item.ItemKey, item.Score)), got.Items.Select(item => (item.ItemKey, item.Score)));
    }

    private static byte[] Flipped(byte[] state, int at)
    {
        var copy = (byte[])state.Clone();
        copy[at] ^= 0x5A;
        return copy;
    }

    private static byte[] Versioned(byte[] state, int version)
    {
        var copy = (byte[])state.Clone();
        copy[StateFormat.Magic.Length] = (byte)version;
        return copy;
    }

    /// <summary>The bytes as a sequence of 7-byte segments, so every read crosses segment boundaries somewhere.</summary>
    private static ReadOnlySequence<byte> Segmented(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null, last = null;
        for (var offset = 0; offset < bytes.Length; offset += 7)
        {
            var memory = bytes.AsMemory(offset, Math.Min(7, bytes.Length - offset));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
