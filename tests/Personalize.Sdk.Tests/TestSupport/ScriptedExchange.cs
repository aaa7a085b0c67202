using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>
/// Answers each exchange, as Redis does, with every server's statistics summed: this server's
/// own plus the other servers' sum the test sets (by default none wrote, so all zeros).
/// </summary>
internal sealed class ScriptedExchange : ILearningExchange
{
    public Func<int, double[]> Others { get; set; } = static length => new double[length];

    public int Calls { get; private set; }

    public Task<double[]?> ExchangeAsync(string placement, IReadOnlyList<string> features, double[] own, CancellationToken cancellationToken)
    {
        Calls++;
        var others = Others(own.Length);
        return Task.FromResult<double[]?>([.. own.Select((value, i) => value + others[i])]);
    }
}
