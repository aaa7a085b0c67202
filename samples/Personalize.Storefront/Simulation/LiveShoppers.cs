namespace Personalize.Storefront.Simulation;

/// <summary>
/// Shoppers who keep arriving after the store opens, <see cref="PerSecond"/> of them every second
/// (the <c>live-shoppers</c> setting; 0, the default, sends none), so a demo's learning, lift and
/// readiness pages move without anyone clicking.
/// </summary>
internal sealed class LiveShoppers(BackgroundShoppers shoppers, TimeProvider clock, int perSecond) : BackgroundService
{
    public int PerSecond { get; } = perSecond;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                shoppers.Arrive(PerSecond);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The store is stopping.
        }
    }
}
