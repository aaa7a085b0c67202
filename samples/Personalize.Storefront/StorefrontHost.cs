using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Personalize.Sdk;
using Personalize.Storefront.Account;
using Personalize.Storefront.Assets;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Debugging;
using Personalize.Storefront.Feedback;
using Personalize.Storefront.Governance;
using Personalize.Storefront.Hosting;
using Personalize.Storefront.Learning;
using Personalize.Storefront.Measurement;
using Personalize.Storefront.Privacy;
using Personalize.Storefront.Readiness;
using Personalize.Storefront.Recommendations;
using Personalize.Storefront.Scaling;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Simulation;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Web;
using IConnectionMultiplexer = StackExchange.Redis.IConnectionMultiplexer;

namespace Personalize.Storefront;

/// <summary>
/// Builds the storefront: <c>dotnet run</c> runs it from <c>Program</c>, and the browser tests build
/// it to run the real app on a free port. Settings (command line, environment or appsettings):
/// <c>port</c> (5080 on 127.0.0.1; 0 picks a free one), or ASP.NET Core's <c>urls</c>
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), which win; <c>shoppers</c> (simulated, 3000) and <c>seed</c> (8);
/// <c>live-shoppers</c> (simulated shoppers arriving every second after the store opens, 0);
/// <c>redis</c> (<c>--redis 127.0.0.1:6379</c>; unset, everything stays in this process's memory),
/// which makes every storefront started with the same value share shoppers (see <see cref="SharedRedis"/>).
/// </summary>
public static class StorefrontHost
{
    /// <summary>
    /// Builds and runs the store until it is stopped. A start-up failure it can explain (a busy
    /// port, a bad setting) is one line on <paramref name="errors"/> and a non-zero exit code.
    /// </summary>
    /// <param name="args">Command-line arguments, for example <c>--port 5099</c>.</param>
    /// <param name="errors">Where to say why it could not start: standard error.</param>
    /// <returns>The process exit code: 0 after a normal stop, 1 for a busy port, 2 for a bad setting, 3 when the <c>redis</c> setting's server does not answer.</returns>
    public static int Run(string[] args, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);

        // What to change for another address, worked out while the app's settings are at hand.
        var busyAdvice = string.Empty;
        try
        {
            using var app = Build(args);
            busyAdvice = ListenAddresses.BusyAdvice(app.Configuration);
            try
            {
                app.Start();
            }
            catch
            {
                // A failed start (a busy port) stops what did start before the app is disposed: the
                // Redis journal's reader, left running, would fail on the disposed container and
                // hide the reason.
                app.StopAsync().GetAwaiter().GetResult();
                throw;
            }

            app.WaitForShutdown();
            return 0;
        }
        catch (IOException exception) when (exception.InnerException is AddressInUseException)
        {
            errors.WriteLine($"The port is busy: {exception.Message} {busyAdvice}");
            return 1;
        }
        catch (InvalidSettingException exception)
        {
            errors.WriteLine(exception.Message);
            return 2;
        }
        catch (RedisUnreachableException exception)
        {
            errors.WriteLine(exception.Message);
            return 3;
        }
    }

    /// <summary>Builds the app, listening where <see cref="ListenAddresses"/> says, with the simulated shoppers already replayed.</summary>
    /// <param name="args">Command-line arguments, for example <c>--port 5099</c> or <c>--urls http://0.0.0.0:8080</c>.</param>
    /// <returns>The app, ready to run.</returns>
    /// <exception cref="InvalidSettingException">A setting is not a whole number in its range, or <c>redis</c> names no server.</exception>
    /// <exception cref="RedisUnreachableException">The <c>redis</c> setting's server did not answer.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,

            // Pages are found in this assembly even when a test process hosts the app.
            ApplicationName = typeof(StorefrontHost).Assembly.GetName().Name,
        });

        if (ListenAddresses.LoopbackPort(builder.Configuration) is { } port)
        {
            // The port asked for wins over the environment's HTTP(S)_PORTS: cleared, so the host
            // does not warn that it is overriding them.
            if (ListenAddresses.PortsNamedByHost(builder.Configuration))
            {
                builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
                builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);
            }

            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The host logs a failed start and then throws it: Run says why in one line (or lets the
        // exception print once), so the host's own report is left out, until the store has started.
        var started = false;
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level >= LogLevel.Information && (level < LogLevel.Error || started));

        // Its keys live in memory (InMemoryKeyRepository): there is no storage to encrypt them for.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var redis = StorefrontSettings.Redis(builder.Configuration) is { } redisConfiguration ? SharedRedis.Connect(redisConfiguration) : null;
        var catalog = new ProductCatalog();
        var personalization = builder.Services.AddPersonalization(options =>
            {
                // Every page here ranks a placement, so browsing one shelf shows its best products
                // again and again: rest one after ten showings without a click, not the default five.
                options.Guardrails.FrequencyCap = 10;

                // Rows of four: a shopper's shelf may fill the first row, not the whole home row
                // (the SDK's default cap is 3 of one category per list).
                options.MaxPerCategory = 4;

                // Each page is a placement, and each pauses itself if its data stops being ready.
                options.Readiness.AutoPause = true;
                foreach (var placement in StorefrontPlacements.All)
                {
                    options.Placements[placement] = new PlacementOptions();
                }

                // Two pages learn their mix from what shoppers do (the /learning page shows it).
                StorefrontLearning.Configure(options.Learning);
                foreach (var (placement, mode) in StorefrontLearning.Placements)
                {
                    options.Placements[placement].LearningMode = mode;
                }
            })
            .AddCatalog(catalog.ToCatalogItems(TimeProvider.System.GetUtcNow()))
            .AddHoldout(StorefrontHoldout.Name, StorefrontHoldout.BasisPoints);
        if (redis is not null)
        {
            // The SDK takes the store's connection from the container (Configuration left unset)
            // and does not dispose it; the container disposes SharedRedis, resolved first, last.
            builder.Services.AddSingleton(_ => redis);
            builder.Services.AddSingleton<IConnectionMultiplexer>(redis.Multiplexer);
            personalization.AddRedis(options => options.KeyPrefix = SharedRedis.KeyPrefix);
        }

        builder.Services.AddSingleton(catalog);

        // Sent again every few hours, as a shop's feed would: every page pauses itself once its
        // catalog is a week old.
        builder.Services.AddHostedService<CatalogFeed>();

        builder.Services.AddSingleton<BackgroundShoppers>();
        builder.Services.AddSingleton<LearningTakeovers>();
        var liveShoppers = StorefrontSettings.Number(builder.Configuration, "live-shoppers", 0, max: 1_000);
        if (liveShoppers > 0)
        {
            builder.Services.AddHostedService(services => new LiveShoppers(
                services.GetRequiredService<BackgroundShoppers>(), services.GetRequiredService<TimeProvider>(), liveShoppers));
        }

        builder.Services.AddSingleton<ShopperActivity>();
        builder.Services.AddSingleton<ShopperSessions>();
        builder.Services.AddSingleton<RecentSignIns>();
        builder.Services.AddSingleton<CartStore>();
        builder.Services.AddSingleton<PendingDismissals>();
        builder.Services.AddScoped<DecisionLog>();
        builder.Services.AddScoped<Recommender>();

        // Without Redis everything lives in memory, keys included: a restart starts a new store. With
        // it the key ring is shared, so a cookie sealed by one server opens on the others; the
        // application name is fixed, as it otherwise comes from the folder the server runs in.
        builder.Services.AddDataProtection().SetApplicationName("Personalize.Storefront");
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = redis is null
            ? new InMemoryKeyRepository()
            : new RedisXmlRepository(redis.Multiplexer, SharedRedis.DataProtectionKey));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = ShopperCookies.Account;
                options.LoginPath = "/signin";
            });
        builder.Services.AddAntiforgery(options => options.Cookie.Name = ShopperCookies.Antiforgery);
        builder.Services.AddRazorPages()
            .AddMvcOptions(options => options.Filters.Add(new PageMethodFilter()))
            .AddCookieTempDataProvider(options => options.Cookie.Name = ShopperCookies.TempData);

        var app = builder.Build();
        var shoppers = StorefrontSettings.Number(app.Configuration, "shoppers", 3_000, max: 100_000);
        var seed = StorefrontSettings.Number(app.Configuration, "seed", 8, max: int.MaxValue);

        // Listening before any shopper arrives, so every change of who serves a learning page is heard.
        app.Services.GetRequiredService<LearningTakeovers>();

        // With Redis, only the store's first server replays them: the others get them from the journal.
        var simulation = app.Services.GetService<SharedRedis>()?.ClaimSimulation(shoppers, seed);
        if (simulation is not { ReplayedHere: false })
        {
            app.Services.GetRequiredService<BackgroundShoppers>().Replay(shoppers, seed);
        }

        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseAuthentication();
        app.UseMiddleware<ShopperMiddleware>();
        app.UseAntiforgery();

        app.MapAssetEndpoints();
        app.MapCartEndpoints();
        app.MapFeedbackEndpoints();
        app.MapAccountEndpoints();
        app.MapPrivacyEndpoints();
        app.MapDebugEndpoints();
        app.MapMeasurementEndpoints();
        app.MapGovernanceEndpoints();
        app.MapReadinessEndpoints();
        app.MapLearningEndpoints();
        app.MapRazorPages();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            started = true;
            Announce(app, shoppers, liveShoppers, redis, simulation);
        });
        return app;
    }

    /// <summary>Prints where the store is open (Kestrel only: the test server has no address).</summary>
    private static void Announce(WebApplication app, int shoppers, int liveShoppers, SharedRedis? redis, SimulationClaim? simulation)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is not { Count: > 0 })
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"  Meridian Market, the Personalize.Sdk storefront, is open at {addresses.First()}");
        Console.WriteLine(simulation is { ReplayedHere: false }
            ? $"  The simulated shoppers came before you on the store's first server ({simulation.By}); this one replays them from Redis."
            : string.Create(CultureInfo.InvariantCulture, $"  {shoppers:N0} simulated shoppers came before you; {StorefrontHoldout.BasisPoints / 100}% of visitors are held out to measure lift."));
        if (redis is not null)
        {
            Console.WriteLine($"  Shoppers are shared through Redis at {redis.Server} with every storefront started with the same --redis.");
        }

        Console.WriteLine(liveShoppers > 0
            ? string.Create(CultureInfo.InvariantCulture, $"  {liveShoppers:N0} more simulated shoppers arrive every second: watch the cart and thank-you pages learn at /learning.")
            : "  Watch the cart and thank-you pages learn at /learning (-- --live-shoppers 3 keeps simulated shoppers coming).");
        Console.WriteLine();
    }
}
