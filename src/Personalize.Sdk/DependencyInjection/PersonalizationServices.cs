using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk;

/// <summary>
/// What <see cref="PersonalizerBuilder.BuildServices"/> builds: the personalizer and the services
/// <c>services.AddPersonalization()</c> registers beside it, all over the same state. Without a
/// container this is how a console app replaces its catalog or reads its lift, readiness and
/// learning reports.
/// </summary>
/// <example>
/// <code>
/// using var sdk = new PersonalizerBuilder()
///     .AddCatalog(items)
///     .AddHoldout("all-personalization", basisPoints: 1_000)
///     .BuildServices();
/// sdk.Personalizer.Track(PersonalizationEvent.View("visitor-42", "boots"));
/// sdk.Catalog.Replace(newItems);
/// Console.WriteLine(sdk.Lift.GetReport("all-personalization").ToTable());
/// </code>
/// </example>
public sealed class PersonalizationServices : IDisposable
{
    private int _disposed;

    internal PersonalizationServices(
        IPersonalizer personalizer,
        ICatalog catalog,
        IHoldoutAssigner holdouts,
        ILiftReporter lift,
        IReadinessReporter readiness,
        ILearningReporter learning,
        IRuleRegistry rules)
    {
        Personalizer = personalizer;
        Catalog = catalog;
        Holdouts = holdouts;
        Lift = lift;
        Readiness = readiness;
        Learning = learning;
        Rules = rules;
    }

    /// <summary>Ranks, tracks, stitches identities and erases, as a personalizer from <see cref="PersonalizerBuilder.Build"/> does; the services below read and change its state.</summary>
    public IPersonalizer Personalizer { get; }

    /// <summary>The catalog the personalizer ranks from: replace or load it while the personalizer runs.</summary>
    public ICatalog Catalog { get; }

    /// <summary>The holdouts, and who is in each one's control arm.</summary>
    public IHoldoutAssigner Holdouts { get; }

    /// <summary>Each holdout's lift: the personalized arm's outcomes against its control arm's.</summary>
    public ILiftReporter Lift { get; }

    /// <summary>Whether each placement's data is ready, and which are paused.</summary>
    public IReadinessReporter Readiness { get; }

    /// <summary>What each learning placement has learned, and counterfactual evaluations of weight sets.</summary>
    public ILearningReporter Learning { get; }

    /// <summary>Every signal and guardrail with its owner, purpose and review date.</summary>
    public IRuleRegistry Rules { get; }

    /// <summary>Disposes the personalizer (see <see cref="PersonalizerBuilder.Build"/>): its timers stop and its meter is released. Calling it again does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ((IDisposable)Personalizer).Dispose();
        }
    }
}
