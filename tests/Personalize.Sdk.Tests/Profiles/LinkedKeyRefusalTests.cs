using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>
/// IPersonalizer.Identify's XML doc: "One account is never merged into another through an anonymous
/// key: when anonymousKey is already stitched to another account (a shared device signing in to a
/// second one), the call is refused (RefusedAnonymousKeyIsLinked) and nothing moves."
/// </summary>
public sealed class LinkedKeyRefusalTests
{
    [Fact]
    public void A_device_that_once_signed_in_as_itself_and_then_to_alice_is_refused_by_bob_and_moves_nothing()
    {
        using var sdk = new TestSdk();

        // "passing one key as both (an account that is its own visitor key) marks it signed in and links nothing"
        Assert.Equal(IdentifyResult.AlreadyStitched, sdk.Personalizer.Identify("device", "device"));
        sdk.View("device", "books-1");
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device", "alice"));
        sdk.View("alice", "books-2");
        sdk.View("bob", "kitchen-1");

        // A second person signs in on the shared device.
        var result = sdk.Personalizer.Identify("device", "bob");

        Assert.Equal(IdentifyResult.RefusedAnonymousKeyIsLinked, result);
        Assert.DoesNotContain("alice", sdk.Personalizer.GetPersonalData("bob").LinkedKeys);
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("bob").Profile?.EventCount ?? 0);
    }

    [Fact]
    public void An_account_merged_into_another_cannot_carry_that_account_into_a_third()
    {
        // README: "Chains resolve to the last key (a to b, b to c: all reach c)" and "a device already
        // stitched to one account that signs in to a second is refused (RefusedAnonymousKeyIsLinked), and nothing moves".
        using var sdk = new TestSdk();
        sdk.View("b", "books-1");
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("a", "b"));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("b", "c"));
        sdk.View("d", "kitchen-1");

        // "b" is now stitched to c: signing it in to d must not merge c's account (and a) into d.
        Assert.Equal(IdentifyResult.RefusedAnonymousKeyIsLinked, sdk.Personalizer.Identify("b", "d"));
        Assert.DoesNotContain("c", sdk.Personalizer.GetPersonalData("d").LinkedKeys);
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("d").Profile?.EventCount ?? 0);
    }

    [Fact]
    public void An_account_merged_into_another_is_refused_as_the_known_side_whether_or_not_it_signed_in_as_itself()
    {
        // IdentifyResult.RefusedKnownKeyIsAlias: "the known key is itself stitched to another (a guest's
        // key, or an account already merged into another)". Whether it ever signed in is not shared
        // between servers, so it is not part of the rule.
        using var sdk = new TestSdk();
        Assert.Equal(IdentifyResult.AlreadyStitched, sdk.Personalizer.Identify("k", "k"));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("k", "alice"));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("a", "b"));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("b", "c"));
        sdk.View("guest", "books-1");

        Assert.Equal(IdentifyResult.RefusedKnownKeyIsAlias, sdk.Personalizer.Identify("guest", "k"));
        Assert.Equal(IdentifyResult.RefusedKnownKeyIsAlias, sdk.Personalizer.Identify("guest", "b"));
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("guest").Profile?.EventCount ?? 0);
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "c"));
    }
}
