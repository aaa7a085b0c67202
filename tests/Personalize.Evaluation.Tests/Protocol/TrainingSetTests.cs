using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;
using Personalize.Sdk;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Protocol;

public sealed class TrainingSetTests
{
    [Fact]
    public void An_item_arrives_at_its_first_training_interaction_unless_the_data_set_says_when()
    {
        Interaction[] log = [Row("u1", "a", 5), Row("u2", "b", 7), Row("u2", "a", 9)];
        CatalogItem[] catalog =
        [
            new() { Key = "a", Title = "A", Category = "x", Attributes = new Dictionary<string, string> { ["genre=x"] = "true" } },
            new() { Key = "b", AddedAt = At(1) },
        ];

        var train = new TrainingSet(log, catalog, EventKind.Purchase, seed: 1);

        var a = train.Catalog[train.TryGetItem("a", out var i) ? i : -1];
        Assert.Equal(At(5), a.AddedAt);
        Assert.Equal(("A", "x"), (a.Title, a.Category));
        Assert.Equal(["genre=x"], a.Attributes.Keys);
        Assert.Equal(At(1), train.Catalog[train.TryGetItem("b", out var j) ? j : -1].AddedAt);
    }

    [Fact]
    public void Ratings_are_kept_on_the_indexed_events()
    {
        Interaction[] log = [Row("u1", "a", 5) with { Rating = 0.9f }];

        var train = new TrainingSet(log, [], EventKind.Rating, seed: 1);

        Assert.Equal(0.9f, train.Events[0].Rating);
        Assert.Equal(0.9f, train.Index(log)[0].Rating);
    }
}
