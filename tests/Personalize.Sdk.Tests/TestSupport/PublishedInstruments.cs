using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>The instruments one SDK publishes on its <c>Personalize.Sdk</c> meter once it has ranked.</summary>
internal static class PublishedInstruments
{
    /// <summary>
    /// Starts an SDK with an auto-pausing placement (so the pause gauge exists too), ranks once and
    /// returns the instruments of its own meter: tests running beside this one publish instruments of the same name.
    /// </summary>
    public static List<Instrument> OfOneSdk()
    {
        var published = new ConcurrentQueue<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "Personalize.Sdk")
                {
                    published.Enqueue(instrument);
                }
            },
        };
        listener.Start();
        using var sdk = new TestSdk(options => options.Placements["home"] = new PlacementOptions { AutoPause = true });
        sdk.Rank("u");
        var factory = sdk.Services.GetRequiredService<IMeterFactory>();
        return [.. published.Where(instrument => ReferenceEquals(instrument.Meter.Scope, factory))];
    }
}
