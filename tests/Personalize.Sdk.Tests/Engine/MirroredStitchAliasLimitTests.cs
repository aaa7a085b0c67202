using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Engine;

/// <summary>
/// A stitch another server made, replayed here from the shared journal, is mirrored whatever this
/// server's <c>MaxAliasesPerProfile</c>: its own limit let it through, and a link refused here would
/// leave the guest's behaviour and holdout outcomes out of the person's erasure on this server.
/// </summary>
public sealed class MirroredStitchAliasLimitTests
{
    [Fact]
    public void A_replayed_stitch_past_this_servers_alias_limit_is_mirrored_and_forget_reaches_it()
    {
        using var sdk = new TestSdk(options => options.MaxAliasesPerProfile = 2, build: builder => builder.AddHoldout("site", 5_000));
        var replica = (IReplica)sdk.Personalizer;
        for (var guest = 1; guest <= 4; guest++)
        {
            sdk.View($"guest-{guest}", TestCatalog.Items[guest].Key);
            sdk.Rank($"guest-{guest}");
            replica.ApplyStitch($"guest-{guest}", "alice", TestSdk.Start);
        }

        Assert.Equal(5, sdk.Personalizer.GetPersonalData("alice").LinkedKeys.Count);

        // A new sign-in on this server still meets its own limit.
        sdk.View("guest-5", TestCatalog.Items[5].Key);
        Assert.Equal(IdentifyResult.RefusedAliasLimit, sdk.Personalizer.Identify("guest-5", "alice"));

        Assert.True(sdk.Personalizer.Forget("alice"));
        for (var guest = 1; guest <= 4; guest++)
        {
            Assert.True(sdk.Personalizer.GetPersonalData($"guest-{guest}").IsEmpty);
        }
    }
}
