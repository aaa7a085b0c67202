using System.Text.Json;
using Personalize.Sdk.Privacy;

namespace Personalize.Sdk.Reporting;

/// <summary>
/// Everything the SDK holds about one person, for a data-access request (the right of access).
/// Returned by <see cref="IPersonalizer.GetPersonalData"/>; <see cref="ToJson"/> gives the
/// documented JSON shape (README, "Privacy").
/// </summary>
/// <remarks>
/// Aggregates that hold nothing about a person (item popularity, co-occurrence, arm totals,
/// readiness counts) are not part of it. Exposures sent to an <c>IExposureSink</c> live in the
/// host's own store and are the host's to report.
/// </remarks>
public sealed class PersonalData
{
    /// <summary>The key the request named.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public required string UserKey { get; init => field = value ?? throw new ArgumentNullException(nameof(UserKey)); }

    /// <summary>When this was read, by the SDK's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Every key linked to the person: their profile's key first, then the aliases stitched to it. Empty when no key is linked.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<string> LinkedKeys { get; init => field = value ?? throw new ArgumentNullException(nameof(LinkedKeys)); } = [];

    /// <summary>The consent the person stated, or null when they stated none (the configured default applies).</summary>
    public ConsentFlags? StatedConsent { get; init; }

    /// <summary>The consent the SDK acts on: the stated one, else <see cref="PersonalizationOptions.DefaultConsent"/>.</summary>
    public ConsentFlags Consent { get; init; }

    /// <summary>The person's profile, or null when the SDK holds none.</summary>
    public PersonalProfile? Profile { get; init; }

    /// <summary>The holdouts the person was measured in: their unit, arm and outcome.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<HoldoutMembership> Holdouts { get; init => field = value ?? throw new ArgumentNullException(nameof(Holdouts)); } = [];

    /// <summary>
    /// The person's decisions a learning placement holds while it waits for rewards, oldest first:
    /// made under any of their keys, each with what it showed. Empty when no placement learns.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<PersonalDecision> WaitingDecisions { get; init => field = value ?? throw new ArgumentNullException(nameof(WaitingDecisions)); } = [];

    /// <summary>
    /// Whether the SDK holds nothing about the person (what <see cref="IPersonalizer.Forget"/> leaves):
    /// no linked key, profile, stated consent (one kept past the profile's eviction counts), holdout
    /// membership or waiting decision.
    /// </summary>
    public bool IsEmpty => LinkedKeys.Count == 0 && Profile is null && StatedConsent is null && Holdouts.Count == 0 && WaitingDecisions.Count == 0;

    /// <summary>The data as indented JSON with camel-case names and enums as strings.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, PersonalDataJsonContext.Default.PersonalData);
}
