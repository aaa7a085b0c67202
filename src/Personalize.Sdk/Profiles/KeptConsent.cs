namespace Personalize.Sdk.Profiles;

/// <summary>
/// A consent and when it was stated (UTC ticks; 0 when not known, as in a state written before
/// version 3): kept apart at an eviction with its date, so that a recalled consent overrules it
/// only when stated later.
/// </summary>
internal readonly record struct KeptConsent(ConsentFlags Consent, long StatedTicks);
