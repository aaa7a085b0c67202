namespace Personalize.Sdk.Learning;

/// <summary>
/// Where servers share their learners' sufficient statistics, so N servers learn one policy: each
/// publishes its own and reads the sum of every server's. Internal on purpose: the Redis package
/// implements it through <c>InternalsVisibleTo</c>.
/// </summary>
internal interface ILearningExchange
{
    /// <summary>
    /// Publishes this server's statistics of a placement's model and returns the sum of every
    /// server's, <paramref name="own"/> included, or null when they cannot be read now. Every
    /// server must add the same statistics in the same order (floating-point addition is not
    /// associative: A + (B + C) and B + (A + C) differ in the last bits), so that servers that
    /// read the same statistics solve the same weights, bit for bit. Called off the request path,
    /// on the learner's update.
    /// </summary>
    /// <param name="placement">The placement.</param>
    /// <param name="features">The model's feature names: only models of the same features add up.</param>
    /// <param name="own">This server's statistics: its model's (see <see cref="LinearRewardModel.WriteStatistics"/>), then the decisions it learned from.</param>
    /// <param name="cancellationToken">Stops the exchange when the learner stops.</param>
    Task<double[]?> ExchangeAsync(string placement, IReadOnlyList<string> features, double[] own, CancellationToken cancellationToken);
}
