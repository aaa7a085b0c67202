using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Engine;

/// <summary>
/// Candidate keys the catalog does not hold (stale SKUs, removed items, null or empty keys) are
/// skipped, and a host can see them: counted in <c>personalize.candidates.unknown</c> each time one
/// is named, and logged by their number alone, at most once a minute.
/// </summary>
public sealed class UnknownCandidateTests
{
    [Fact]
    public void Keys_the_catalog_does_not_hold_are_skipped_counted_and_logged_by_their_number_once_a_minute()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder => builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));
        using var unknown = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.candidates.unknown");

        var known = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = new[] { "books-1", "books-2" } });
        Assert.Empty(unknown.GetMeasurementSnapshot());

        string[] candidates = ["books-1", "sku-removed-1", null!, "sku-removed-2", "sku-removed-1", string.Empty];
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = candidates });
        sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = candidates }); // the same list again: its resolution is reused

        Assert.Equal(2, known.Items.Count);
        Assert.Equal(["books-1"], decision.Items.Select(item => item.ItemKey));
        Assert.Equal([5L, 5L], unknown.GetMeasurementSnapshot().Select(measurement => measurement.Value));
        var logged = Assert.Single(logs.GetSnapshot(), IsUnknownCandidates);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains("named 5 candidate keys", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sku-removed", logged.Message, StringComparison.Ordinal);

        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = new[] { "books-1", "sku-removed-3" } });
        Assert.Equal(2, logs.GetSnapshot().Count(IsUnknownCandidates));
    }

    private static bool IsUnknownCandidates(FakeLogRecord record) => record.Id.Name == "UnknownCandidates";
}
