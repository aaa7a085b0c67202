using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Learning;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Learning;

/// <summary>
/// A field of the shared learning hash that holds no model's statistics (corrupt, or written by
/// anything but a server) is left out of the sum, counted and logged: added in, one NaN would
/// turn every server's learned weights into NaN for as long as the field stays.
/// </summary>
public sealed class UnusableLearningFieldTests
{
    [RedisFact]
    public async Task A_field_of_NaN_in_the_shared_learning_hash_does_not_poison_the_learned_weights()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = LearningServer.Start(redis);
        using var skipped = new InstrumentRecorder("personalize.redis.learning.skipped");
        await a.WhenConnectedAsync();
        a.Serve("a", 30);
        a.PassRewardWait();
        await a.UpdateAndExchangeAsync();

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var key = Assert.Single(admin.GetServers()[0].Keys(pattern: "personalize:l:*"));
        var own = Assert.Single(await admin.GetDatabase().HashGetAllAsync(key));
        var corrupt = new double[((byte[])own.Value!).Length / sizeof(double)];
        Array.Fill(corrupt, double.NaN);
        await admin.GetDatabase().HashSetAsync(key, "corrupt-server", RedisLearningExchange.Encode(corrupt));

        a.Serve("a2", 30);
        a.PassRewardWait();
        await a.UpdateAndExchangeAsync();
        await a.UpdateAndExchangeAsync();

        var report = a.Report;
        Assert.True(report.PolicyVersion >= 2);
        Assert.All(report.Weights.Values, weight => Assert.True(double.IsFinite(weight)));
        Assert.All(a.Personalizer.Rank(new PersonalizationRequest("someone") { Count = 5 }).Items, item => Assert.True(float.IsFinite(item.Score)));
        Assert.NotEmpty(skipped.Measurements);
        Assert.Contains(a.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.LearningFieldUnusable));
    }

    public static TheoryData<string, double[]> Unusable => new()
    {
        // One feature: x xᵀ (1 number), r x (1), the count (1), then the decisions learned from (1).
        { "NaN", [double.NaN, 0, 1, 1] },
        { "an infinity", [1, double.PositiveInfinity, 1, 1] },
        { "a negative count", [1, 1, -1, 1] },
        { "a negative count of decisions", [1, 1, 1, -1] },
        { "a negative sum of squares", [-1, 1, 1, 1] },
        { "nothing", [] },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void A_field_with_a_number_no_model_holds_is_not_read(string what, double[] field)
    {
        var read = new double[field.Length];

        Assert.False(RedisLearningExchange.TryRead(RedisLearningExchange.Encode(field), read), what);
    }

    [Fact]
    public void A_models_statistics_are_read_as_written()
    {
        // Two features: x xᵀ (4 numbers, off-diagonal ones may be negative), r x (2), the count, the decisions.
        double[] field = [4, -1.5, -1.5, 2, 0.75, -0.25, 9, 3];
        var read = new double[field.Length];

        Assert.True(RedisLearningExchange.TryRead(RedisLearningExchange.Encode(field), read));
        Assert.Equal(field, read);
    }

    [Fact]
    public void A_models_statistics_without_a_count_of_decisions_are_read_with_none()
    {
        // Written before servers shared their count of decisions: the model's numbers alone.
        double[] model = [4, -1.5, -1.5, 2, 0.75, -0.25, 9];
        var read = new double[model.Length + 1];
        Array.Fill(read, 42);

        Assert.True(RedisLearningExchange.TryRead(RedisLearningExchange.Encode(model), read));
        Assert.Equal([.. model, 0], read);
    }
}
