using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// Keys and names the SDK keeps must be well-formed text: one holding a lone surrogate (half of a
/// UTF-16 pair, from text cut in the middle of a character) would come back from a snapshot, or
/// another server, as a different key, out of reach of <c>Forget</c>. It is refused at the API
/// boundary, naming the parameter; a whole pair (an emoji) is welcome and survives a snapshot.
/// </summary>
public sealed class WellFormedKeyTests
{
    private const string Cut = "ann\uD83D";
    private const string Whole = "ann\uD83D\uDE00";

    [Fact]
    public void A_user_key_with_a_lone_surrogate_is_refused_at_every_entry_naming_the_parameter()
    {
        using var sdk = new TestSdk();
        var personalizer = sdk.Personalizer;

        Assert.Throws<ArgumentException>("userKey", () => PersonalizationEvent.View(Cut, "books-1"));
        Assert.Throws<ArgumentException>("userKey", () => PersonalizationEvent.ConsentGiven(Cut, ConsentFlags.Personalization));
        Assert.Throws<ArgumentException>("userKey", () => PersonalizationEvent.ConsentWithdrawn("\uDC00ann"));
        Assert.Throws<ArgumentException>("userKey", () => new PersonalizationRequest(Cut));
        Assert.Throws<ArgumentException>("anonymousKey", () => personalizer.Identify(Cut, "ann@example.com"));
        Assert.Throws<ArgumentException>("knownKey", () => personalizer.Identify("guest-1", Cut));
        Assert.Throws<ArgumentException>("userKey", () => personalizer.Forget(Cut));
        Assert.Throws<ArgumentException>("userKey", () => personalizer.GetPersonalData(Cut));
        Assert.Throws<ArgumentException>("userKey", () => personalizer.GetConsent(Cut));
        var failure = Assert.Throws<ArgumentException>("userKey", () => personalizer.GetHoldoutAssignment(Cut, "none"));
        Assert.Contains("lone surrogate", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_keys_and_stated_names_with_a_lone_surrogate_are_refused_naming_the_parameter()
    {
        Assert.Throws<ArgumentException>("itemKey", () => PersonalizationEvent.View("ann", "sku-42\uDC00"));
        Assert.Throws<ArgumentException>("itemKey", () => PersonalizationEvent.Complaint("ann", "sku-42\uD800"));
        Assert.Throws<ArgumentException>("category", () => PersonalizationEvent.StatedCategoryPreference("ann", "books\uD800", likes: false));
        Assert.Throws<ArgumentException>("value", () => PersonalizationEvent.StatedAttributePreference("ann", "brand", "\uDC00Acme", likes: true));
    }

    [Fact]
    public void A_reward_s_item_key_and_a_holdout_s_name_with_a_lone_surrogate_are_refused()
    {
        using var sdk = new TestSdk();
        Assert.Throws<ArgumentException>("itemKey", () => sdk.Personalizer.Reward(Guid.NewGuid(), "books-1\uD83D", 1));
        Assert.Throws<ArgumentException>("name", () => new ServiceCollection().AddPersonalization().AddHoldout("global\uD83D", 1_000));

        // Set through options, it fails the start naming the holdout.
        var builder = new PersonalizerBuilder().Configure(options => options.Holdouts.Add(new HoldoutOptions { Name = "global\uD83D", BasisPoints = 1_000, Salt = "global" }));
        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => builder.Build());
        Assert.Contains("Holdouts[0]'s name holds a lone surrogate", failure.Message, StringComparison.Ordinal);
    }

    // The cut texts are made here, not passed as theory data: xunit's serialization of theory
    // arguments would turn a lone surrogate into U+FFFD.
    [Theory]
    [InlineData("key", "key")]
    [InlineData("category", "category")]
    [InlineData("attribute name", "attribute")]
    [InlineData("attribute value", "attribute")]
    public void A_catalog_item_with_a_lone_surrogate_is_refused_naming_the_field(string cut, string field)
    {
        using var sdk = new TestSdk();
        string Text(string text, string which) => cut == which ? text + "\uD83D" : text;
        CatalogItem item = new()
        {
            Key = Text("sku-42", "key"),
            Category = Text("books", "category"),
            Attributes = new Dictionary<string, string> { [Text("colour", "attribute name")] = Text("red", "attribute value") },
        };

        var failure = Assert.Throws<ArgumentException>("items", () => sdk.Catalog.Replace([item]));

        Assert.Contains($"has a {field} that holds a lone surrogate", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_with_a_whole_surrogate_pair_is_kept_and_survives_a_state_snapshot_under_the_same_key()
    {
        using var source = new TestSdk();
        source.View(Whole, "books-1", "books-2");
        var state = new ArrayBufferWriter<byte>();
        ((Personalizer)source.Personalizer).WriteState(state);
        using var target = new TestSdk();
        target.Time.SetUtcNow(source.Time.GetUtcNow());

        ((Personalizer)target.Personalizer).MergeState(new ReadOnlySequence<byte>(state.WrittenMemory));

        Assert.NotNull(target.Personalizer.GetPersonalData(Whole).Profile);
        Assert.True(target.Personalizer.Forget(Whole));
        Assert.Null(target.Personalizer.GetPersonalData(Whole).Profile);
    }
}
