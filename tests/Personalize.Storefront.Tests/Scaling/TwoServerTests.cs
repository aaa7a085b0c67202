using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Storefront.Scaling;
using Personalize.Storefront.Tests.Hosting;
using Personalize.Storefront.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Storefront.Tests.Scaling;

/// <summary>
/// Two storefronts on two ports sharing one real redis-server (<c>--redis</c>), as the README's
/// "Running on more than one server" runs them: a shopper browses on one, and the other knows them.
/// </summary>
public sealed partial class TwoServerTests(ITestOutputHelper output)
{
    /// <summary>Two servers and one Redis on loopback agree within milliseconds, or seconds on a loaded CI machine; this only keeps a broken build from hanging.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [RedisFact]
    public async Task A_shopper_who_browsed_one_shelf_on_one_server_is_led_by_it_on_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await Storefront.StartAsync(redis);
        await using var second = await Storefront.StartAsync(redis);

        // Only the first server replays the simulated shoppers; the second gets them from the
        // journal, and has caught up once its lift report counts all 500 of them, as the first does.
        Assert.True(first.App.Services.GetRequiredService<SharedRedis>().Simulation!.ReplayedHere);
        Assert.False(second.App.Services.GetRequiredService<SharedRedis>().Simulation!.ReplayedHere);
        var catchUp = Stopwatch.StartNew();
        var (reports, _) = await WaitForAsync(async () =>
        {
            var (one, two) = (await LiftAsync(first), await LiftAsync(second));
            return (Exposed(one) == 500 && Exposed(two) == 500, (First: one, Second: two));
        });
        output.WriteLine($"The second server caught up with the first's 500 simulated shoppers in {catchUp.ElapsedMilliseconds} ms.");
        output.WriteLine(reports.First == reports.Second
            ? "Their lift reports are the same."
            : $"Their lift reports differ:{Environment.NewLine}{reports.First}{Environment.NewLine}{reports.Second}");

        // Each server shows a product and a personalized home page with the debug panel once, to a
        // visitor of its own, so what is timed below is propagation, not a first render.
        await first.WarmUpAsync();
        await second.WarmUpAsync();

        // One browser, one cookie jar: cookies belong to the host, not the port, as behind a load balancer.
        var cookies = new CookieContainer();
        var visitor = $"guest-{Guid.NewGuid():N}"[..22];
        foreach (var (name, value) in new[] { ("sf-visitor", visitor), ("sf-arm", "Treatment"), ("sf-debug", "on") })
        {
            cookies.Add(new Uri("http://127.0.0.1/"), new Cookie(name, value));
        }

        using var one = Browser(first, cookies);
        using var two = Browser(second, cookies);
        foreach (var product in new[] { "garden-07", "garden-11", "garden-15" })
        {
            using var view = await one.GetAsync(new Uri($"/p/{product}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        }

        var sinceLastView = Stopwatch.StartNew();
        var asked = TimeSpan.Zero;
        var (home, attempts) = await WaitForAsync(async () =>
        {
            asked = sinceLastView.Elapsed;
            using var response = await two.GetAsync(new Uri("/", UriKind.Relative));
            var page = await Visitor.ReadAsync(response);
            return (page.Recommendations.Count >= 4 && page.Recommendations.Take(4).All(card => card.Category == "garden"), page);
        });
        var answered = sinceLastView.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Propagation: the second server's home page led with the shelf viewed on the first at request {attempts}, sent {asked.TotalMilliseconds:F1} ms after the last view returned and answered at {answered.TotalMilliseconds:F1} ms."));

        Assert.Equal("Recommended for you", home.Text("#home-heading"));
        Assert.Equal("Personalized", home.Decision!.Variant);
        Assert.StartsWith("Because you viewed", home.Recommendations[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redis_setting_that_names_no_server_is_one_line_and_exit_code_2()
    {
        var (exitCode, output, errors) = await StorefrontProcess.RunAsync("--port=0", "--shoppers=0", "--redis", "127.0.0.1:six");

        Assert.Equal(2, exitCode);
        Assert.Equal("The setting 'redis' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not '127.0.0.1:six'.", errors.Trim());
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redis_setting_of_options_without_a_server_is_refused_without_showing_them()
    {
        var (exitCode, output, errors) = await StorefrontProcess.RunAsync("--port=0", "--shoppers=0", "--redis", "password=secret");

        Assert.Equal(2, exitCode);
        Assert.Equal("The setting 'redis' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379): it gives options but no HOST:PORT (not shown: they may hold a password).", errors.Trim());
        Assert.DoesNotContain("secret", output + errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis://default:s3cret@127.0.0.1:6399")]
    [InlineData("rediss://default:s3cret@127.0.0.1:6399/0")]
    [InlineData("default:s3cret@127.0.0.1:6399")]
    public async Task A_redis_url_with_a_password_is_refused_as_a_bad_setting_showing_only_the_host_and_port(string setting)
    {
        var (exitCode, output, errors) = await StorefrontProcess.RunAsync("--port=0", "--shoppers=0", "--redis", setting);

        Assert.Equal(2, exitCode);
        Assert.Equal("The setting 'redis' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not a URL or USER@HOST: give '127.0.0.1:6399', with a user and password as options (user=...,password=...).", errors.Trim());
        Assert.DoesNotContain("s3cret", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redis_that_does_not_answer_is_one_line_saying_how_to_start_it_and_exit_code_3()
    {
        var port = FreePorts.OnLoopback();

        var (exitCode, _, errors) = await StorefrontProcess.RunAsync("--port=0", "--shoppers=0", "--redis", $"127.0.0.1:{port}");

        Assert.Equal(3, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"Redis at 127.0.0.1:{port} did not answer", line, StringComparison.Ordinal);
        Assert.Contains($"start it (redis-server --port {port} &)", line, StringComparison.Ordinal);
    }

    private static HttpClient Browser(Storefront store, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = store.Address };

    private static int Exposed(string lift) =>
        ExposedUnits().Matches(lift).Sum(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>The lift report without the time it was made at.</summary>
    private static async Task<string> LiftAsync(Storefront store)
    {
        using var client = new HttpClient { BaseAddress = store.Address };
        return GeneratedAt().Replace(await client.GetStringAsync(new Uri("/lift.json", UriKind.Relative)), string.Empty);
    }

    /// <summary>
    /// Asks again until the condition holds: at once, then after 2, 4, 8 ... ms (at most 250 ms
    /// apart), so a fast propagation is measured closely and a slow one costs few requests. Two
    /// servers on real time are involved, so there is no clock to advance instead.
    /// </summary>
    private static async Task<(T Value, int Attempts)> WaitForAsync<T>(Func<Task<(bool Done, T Value)>> attempt)
    {
        var deadline = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(2);
        for (var attempts = 1; ; attempts++)
        {
            var (done, value) = await attempt();
            if (done)
            {
                return (value, attempts);
            }

            Assert.True(deadline.Elapsed < Deadline, $"Still not there after {attempts} attempts in {deadline.Elapsed}; the last answer:{Environment.NewLine}{value}");
            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
        }
    }

    /// <summary>One storefront server with 500 simulated shoppers, on Kestrel at a free port, sharing <c>--redis</c>.</summary>
    private sealed class Storefront(WebApplication app) : IAsyncDisposable
    {
        public WebApplication App { get; } = app;

        public Uri Address { get; } = new(app.Urls.Single());

        public static async Task<Storefront> StartAsync(RedisServer redis)
        {
            var app = StorefrontHost.Build(["--port=0", "--shoppers=500", "--redis", redis.Configuration]);
            await app.StartAsync();
            return new Storefront(app);
        }

        public async Task WarmUpAsync()
        {
            var cookies = new CookieContainer();
            foreach (var (name, value) in new[] { ("sf-visitor", $"warm-up-{Address.Port}"), ("sf-arm", "Treatment"), ("sf-debug", "on") })
            {
                cookies.Add(Address, new Cookie(name, value));
            }

            using var client = Browser(this, cookies);
            foreach (var path in new[] { "/p/books-01", "/" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        /// <summary>Stops it first, as a host is meant to be: the Redis journal's reader and buffers stop before the container goes.</summary>
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    [GeneratedRegex("\"generatedAt\": \"[^\"]*\"")]
    private static partial Regex GeneratedAt();

    [GeneratedRegex("\"exposedUnits\": (\\d+)")]
    private static partial Regex ExposedUnits();
}
