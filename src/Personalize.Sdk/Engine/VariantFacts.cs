namespace Personalize.Sdk.Engine;

/// <summary>Everything <see cref="VariantPolicy.Intend"/> decides on, gathered before the pipeline runs.</summary>
internal readonly record struct VariantFacts(
    bool KillSwitch,
    bool InControl,
    ConsentFlags Consent,
    bool LowIntent,
    bool HasHistory,
    double Confidence,
    double MinConfidence);
