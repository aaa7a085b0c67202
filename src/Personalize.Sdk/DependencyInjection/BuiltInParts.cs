using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// The built-in signals with their default weights and the built-in guardrails, listed once: the
/// container registers them from here, and <see cref="PersonalizerBuilder"/> creates them from here.
/// </summary>
internal static class BuiltInParts
{
    // Default weights: a stated like outweighs anything inferred (4.5 against 4.25 for every other
    // signal together); cold start leans on popularity and trending. Popularity's 0.55, trending's
    // 0.6 (cold start 1) and similar-items' 0.5 were chosen on validation windows of the evaluation
    // harness's training periods (README, "Quality"; QUALITY.md, "Issue 17").
    public static IReadOnlyList<IBuiltInSignal> Signals { get; } =
    [
        new BuiltInSignal<PopularitySignal>(weight: 0.55f, coldStartWeight: 1f),
        new BuiltInSignal<TrendingSignal>(weight: 0.6f, coldStartWeight: 1f),
        new BuiltInSignal<CategoryPopularitySignal>(weight: 0.1f, coldStartWeight: 0.1f),
        new BuiltInSignal<CategoryAffinitySignal>(weight: 1f, coldStartWeight: 0f),
        new BuiltInSignal<AttributeAffinitySignal>(weight: 0.4f, coldStartWeight: 0f),
        new BuiltInSignal<CoOccurrenceSignal>(weight: 0.8f, coldStartWeight: 0f),
        new BuiltInSignal<SimilarItemsSignal>(weight: 0.5f, coldStartWeight: 0f),
        new BuiltInSignal<StatedPreferenceSignal>(weight: 4.5f, coldStartWeight: 0f),
        new BuiltInSignal<FreshnessSignal>(weight: 0.1f, coldStartWeight: 0.2f),
        new BuiltInSignal<ContextSignal>(weight: 0.2f, coldStartWeight: 0.3f),
    ];

    /// <summary>The built-in guardrails, in the order they run; the ones with settings read them from the options at start.</summary>
    public static IReadOnlyList<IBuiltInGuardrail> Guardrails { get; } =
    [
        new BuiltInGuardrail<AvailabilityGuardrail>(static _ => new AvailabilityGuardrail()),
        new BuiltInGuardrail<RecentlyPurchasedGuardrail>(static options => new RecentlyPurchasedGuardrail(options)),
        new BuiltInGuardrail<ComplaintSuppressionGuardrail>(static options => new ComplaintSuppressionGuardrail(options)),
        new BuiltInGuardrail<DismissedGuardrail>(static _ => new DismissedGuardrail()),
        new BuiltInGuardrail<StatedDislikeGuardrail>(static _ => new StatedDislikeGuardrail()),
        new BuiltInGuardrail<FrequencyCapGuardrail>(static options => new FrequencyCapGuardrail(options)),
    ];

    /// <summary>A built-in signal: how to create it, how to register it, and its default weights.</summary>
    internal interface IBuiltInSignal
    {
        ISignalProvider Create();

        /// <summary>Its registration: the provider type is the key, so a user's own registration of that type is kept.</summary>
        ServiceDescriptor Describe();

        SignalRegistration Registration { get; }
    }

    /// <summary>A built-in guardrail: how to create it from the guardrail options, and how to register it.</summary>
    internal interface IBuiltInGuardrail
    {
        IGuardrail Create(GuardrailOptions options);

        ServiceDescriptor Describe();

        GuardrailRegistration Registration { get; }
    }

    private sealed class BuiltInSignal<TProvider>(float weight, float coldStartWeight) : IBuiltInSignal
        where TProvider : class, ISignalProvider, new()
    {
        public SignalRegistration Registration { get; } = new(typeof(TProvider), null, weight, coldStartWeight, BuiltInRules.For(new TProvider().Name));

        public ISignalProvider Create() => new TProvider();

        public ServiceDescriptor Describe() => ServiceDescriptor.Singleton<ISignalProvider, TProvider>(static _ => new TProvider());
    }

    private sealed class BuiltInGuardrail<TGuardrail>(Func<GuardrailOptions, TGuardrail> create) : IBuiltInGuardrail
        where TGuardrail : class, IGuardrail
    {
        public GuardrailRegistration Registration { get; } = new(typeof(TGuardrail), null, null);

        public IGuardrail Create(GuardrailOptions options) => create(options);

        public ServiceDescriptor Describe() => ServiceDescriptor.Singleton<IGuardrail, TGuardrail>(sp => create(sp.GetRequiredService<StartOptions>().Value.Guardrails));
    }
}
