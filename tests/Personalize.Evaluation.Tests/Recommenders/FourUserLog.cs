using Personalize.Evaluation.Protocol;
using Personalize.Sdk;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Recommenders;

/// <summary>
/// A training log small enough to compute by hand, shared by the baseline tests.
/// Users and their items: u1: a, b; u2: a, b, c; u3: c, d; u4: a. Items per user: u1 2, u2 3,
/// u3 2, u4 1. Users per item: a {u1, u2, u4} = 3, b {u1, u2} = 2, c {u2, u3} = 2, d {u3} = 1.
/// </summary>
internal static class FourUserLog
{
    public static readonly TrainingSet Train = new(
        [Row("u1", "a", 1), Row("u1", "b", 2), Row("u2", "a", 3), Row("u2", "b", 4), Row("u2", "c", 5), Row("u3", "c", 6), Row("u3", "d", 7), Row("u4", "a", 8)],
        [],
        EventKind.Purchase,
        seed: 1);

    public static int Item(string key) => Train.TryGetItem(key, out var item) ? item : throw new KeyNotFoundException(key);

    public static int User(string key) => Train.TryGetUser(key, out var user) ? user : throw new KeyNotFoundException(key);
}
