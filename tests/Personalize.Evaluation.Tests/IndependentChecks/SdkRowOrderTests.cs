using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.IndependentChecks;

/// <summary>An SDK row's list for a user must not depend on which users the harness asked about before.</summary>
public sealed class SdkRowOrderTests
{
    private static Dictionary<int, int[]> RankAll(PreparedData data, IEnumerable<int> users)
    {
        using var sdk = new SdkRecommender(SdkConfiguration.Default);
        sdk.Fit(data.Train);
        var candidates = new CandidateBuilder(data.Train);
        var lists = new Dictionary<int, int[]>();
        var top = new int[ProtocolSettings.LongK];
        foreach (var user in users)
        {
            var written = sdk.Recommend(user, candidates.Build(data.Train.UserItems[user]), data.SplitTime, top);
            lists[user] = top[..written];
        }

        return lists;
    }

    [Fact]
    public void The_sdk_rows_lists_do_not_depend_on_the_order_users_are_ranked_in()
    {
        var dataset = BusyShop();
        var data = new PreparedData(dataset, EvaluationProtocol.Prepare(dataset.Interactions), seed: 42);
        var users = data.Relevant.Keys.ToArray();

        var forward = RankAll(data, users);
        var backward = RankAll(data, users.Reverse());

        Assert.All(users, u => Assert.Equal(forward[u], backward[u]));
    }
}
