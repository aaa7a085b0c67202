using Personalize.Sdk;

namespace Personalize.Storefront.Catalog;

/// <summary>
/// Sends the store's products to the SDK again every <see cref="Interval"/>, as a shop's product
/// feed would. Every page pauses itself when its data stops being ready, and a catalog loaded once
/// counts as stale after a week (<see cref="ReadinessThresholds.CatalogAgeAtRisk"/>): without this, a
/// store left open for eight days would stop personalizing every page. The products do not change,
/// but their arrival dates move with the clock, so new arrivals stay new.
/// </summary>
internal sealed partial class CatalogFeed(ProductCatalog products, ICatalog catalog, TimeProvider clock, ILogger<CatalogFeed> logger) : IHostedService, IDisposable
{
    /// <summary>Well inside a day, so the catalog is always "ready" (at most a day old) on the readiness page.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A timer callback, not a loop awaiting a periodic timer: a test's fake clock runs it as it
        // moves, so the catalog is fresh before the clock's next reader.
        _timer = clock.CreateTimer(_ => Send(), null, Interval, Interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    private void Send()
    {
        try
        {
            catalog.Replace(products.ToCatalogItems(clock.GetUtcNow()));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A timer callback must not throw (on the system clock it would end the process): the
            // catalog in force stays, and the next interval tries again.
            RefreshFailed(logger, exception.GetType().Name);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Sending the catalog again failed ({Failure}); the catalog in force stays, and the next refresh tries again.")]
    private static partial void RefreshFailed(ILogger logger, string failure);
}
