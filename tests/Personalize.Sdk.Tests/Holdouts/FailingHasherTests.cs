using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>A custom bucket hasher that throws or leaves [0, 10000) never fails a request, and its units are not measured.</summary>
public sealed class FailingHasherTests
{
    [Fact]
    public void Review_a_throwing_custom_bucket_hasher_does_not_fail_the_request()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("h", 1_000, hasher: new ThrowingHasher()));
        using var faults = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.holdout.hasher_faults");
        Decision? decision = null;

        var error = Record.Exception(() => decision = sdk.Personalizer.Rank(new PersonalizationRequest("u")));

        Assert.Null(error);
        Assert.Equal(DecisionVariant.ColdStart, decision!.Variant);
        Assert.NotEmpty(decision.Items);
        Assert.Equal(new HoldoutAssignment("h", HoldoutArm.Treatment, -1, isForced: false), decision.Holdout);
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("h");
        Assert.Equal((0L, 0L), (report.Treatment.ExposedUnits, report.Control.ExposedUnits));
        var fault = Assert.Single(faults.GetMeasurementSnapshot());
        Assert.Equal("exception", fault.Tags["reason"]);
        Assert.Equal("h", fault.Tags["holdout"]);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public void A_bucket_outside_the_range_serves_treatment_and_is_not_measured(int bucket)
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("h", 1_000, hasher: new FixedHasher(bucket)));
        using var faults = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.holdout.hasher_faults");

        var decision = sdk.Rank("u");

        Assert.NotEqual(DecisionVariant.Control, decision.Variant);
        Assert.Equal(new HoldoutAssignment("h", HoldoutArm.Treatment, -1, isForced: false), decision.Holdout);
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("h");
        Assert.Equal((0L, 0L), (report.Treatment.ExposedUnits, report.Control.ExposedUnits));
        Assert.Equal("out_of_range", Assert.Single(faults.GetMeasurementSnapshot()).Tags["reason"]);
    }

    [Fact]
    public void Reading_the_arm_of_a_failing_hasher_returns_treatment_with_bucket_minus_one()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("h", 1_000, hasher: new ThrowingHasher()));

        var read = sdk.Personalizer.GetHoldoutAssignment("u", "h");
        var assigned = sdk.Services.GetRequiredService<IHoldoutAssigner>().Assign("h", "u");

        Assert.Equal(new HoldoutAssignment("h", HoldoutArm.Treatment, -1, isForced: false), read);
        Assert.Equal(read, assigned);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failing_hasher_leaves_the_other_holdouts_measured(bool failingFirst)
    {
        var exposed = new List<string>();
        using var sdk = new TestSdk(build: builder =>
        {
            if (failingFirst)
            {
                builder.AddHoldout("bad", 1_000, hasher: new ThrowingHasher());
            }

            builder.AddHoldout("good", 0).AddHoldout("also-good", 0);
            if (!failingFirst)
            {
                builder.AddHoldout("bad", 1_000, hasher: new ThrowingHasher());
            }

            builder.Services.AddSingleton<IExposureSink>(new ListSink(exposed));
        });

        var decision = sdk.Rank("u");

        Assert.NotEqual(DecisionVariant.Control, decision.Variant);
        var lift = sdk.Services.GetRequiredService<ILiftReporter>();
        Assert.Equal(1L, lift.GetReport("good").Treatment.ExposedUnits);
        Assert.Equal(1L, lift.GetReport("also-good").Treatment.ExposedUnits);
        var bad = lift.GetReport("bad");
        Assert.Equal((0L, 0L), (bad.Treatment.ExposedUnits, bad.Control.ExposedUnits));
        Assert.Equal(["also-good", "good"], exposed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_forced_arm_still_applies_when_the_hasher_fails()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("h", 1_000, hasher: new ThrowingHasher()));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { ForceArm = HoldoutArm.Control });

        Assert.Equal(DecisionVariant.Control, decision.Variant);
        Assert.Equal(new HoldoutAssignment("h", HoldoutArm.Control, -1, isForced: true), decision.Holdout);
    }

    [Fact]
    public void Hasher_faults_are_logged_once_a_minute_by_type_without_the_unit_key()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder => builder
            .AddHoldout("h1", 1_000, hasher: new ThrowingHasher())
            .AddHoldout("h2", 1_000, salt: "other", hasher: new ThrowingHasher())
            .Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));

        sdk.Rank("secret-user-1");
        sdk.Rank("secret-user-2");
        Assert.Single(logs.GetSnapshot(), IsHasherFault);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Rank("secret-user-3");

        var faults = logs.GetSnapshot().Where(IsHasherFault).ToList();
        Assert.Equal(2, faults.Count);
        Assert.All(faults, record =>
        {
            Assert.Equal(LogLevel.Warning, record.Level);
            Assert.Contains(nameof(ThrowingHasher), record.Message, StringComparison.Ordinal);
            Assert.Contains("InvalidOperationException", record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", record.Message, StringComparison.Ordinal);
            Assert.Null(record.Exception);
        });
    }

    private static bool IsHasherFault(FakeLogRecord record) => record.Message.Contains("Bucket hasher", StringComparison.Ordinal);

    private sealed class ThrowingHasher : IBucketHasher
    {
        public string Name => "throws";

        public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey) => throw new InvalidOperationException("boom " + unitKey.ToString());
    }

    private sealed class FixedHasher(int bucket) : IBucketHasher
    {
        public string Name => "fixed";

        public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey) => bucket;
    }

    private sealed class ListSink(List<string> holdouts) : IExposureSink
    {
        public void RecordExposure(in Exposure exposure) => holdouts.Add(exposure.Holdout);

        public void RecordOutcome(in Outcome outcome)
        {
        }
    }
}
