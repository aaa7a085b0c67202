using System.Collections.Frozen;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.Placements;

/// <summary>Every configured placement's plan, found by name without allocating; unknown names get the default.</summary>
internal sealed class PlacementPlans
{
    private readonly FrozenDictionary<string, PlacementPlan> _byName;

    private PlacementPlans(FrozenDictionary<string, PlacementPlan> byName, PlacementPlan fallback)
    {
        _byName = byName;
        Default = fallback;
        All = [fallback, .. byName.Values.Where(plan => plan != fallback).OrderBy(plan => plan.Name, StringComparer.Ordinal)];
        for (var i = 0; i < All.Length; i++)
        {
            All[i].Index = i;
        }
    }

    public PlacementPlan Default { get; }

    /// <summary>Every plan, the default first, each at its <see cref="PlacementPlan.Index"/>.</summary>
    public PlacementPlan[] All { get; }

    /// <summary>
    /// The plan of <paramref name="name"/>; false (with the default plan) when no placement has that
    /// name. No name and <see cref="PersonalizationRequest.DefaultPlacement"/> are the default plan,
    /// configured or not.
    /// </summary>
    public bool TryGet(string? name, out PlacementPlan plan)
    {
        if (name is null || string.Equals(name, PersonalizationRequest.DefaultPlacement, StringComparison.Ordinal))
        {
            plan = Default;
            return true;
        }

        if (_byName.TryGetValue(name, out plan!))
        {
            return true;
        }

        plan = Default;
        return false;
    }

    /// <summary>
    /// Every placement's plan from <paramref name="options"/>. <paramref name="autoPause"/> is the
    /// engine-wide auto-pause a placement that sets none gets, resolved by the composition.
    /// </summary>
    public static PlacementPlans Create(PersonalizationOptions options, bool autoPause, SignalSlot[] signals, GuardrailSlot[] guardrails, List<string> problems)
    {
        var holdouts = options.Holdouts.Select(h => h?.Name ?? string.Empty).ToArray();
        var plans = new Dictionary<string, PlacementPlan>(StringComparer.Ordinal);
        foreach (var (name, placement) in options.Placements)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add("PersonalizationOptions.Placements has a placement with an empty name.");
                continue;
            }

            // Written in UTF-8 (metric tags, reports, learning keys), it would merge with another name.
            if (WellFormedText.HasLoneSurrogate(name))
            {
                problems.Add($"PersonalizationOptions.Placements has a placement whose name {WellFormedText.LoneSurrogate}");
                continue;
            }

            plans[name] = PlacementPlan.Create(name, placement, options, autoPause, signals, guardrails, holdouts, problems);
        }

        if (!plans.TryGetValue(PersonalizationRequest.DefaultPlacement, out var fallback))
        {
            fallback = PlacementPlan.Create(PersonalizationRequest.DefaultPlacement, null, options, autoPause, signals, guardrails, holdouts, problems);
        }

        return new PlacementPlans(plans.ToFrozenDictionary(StringComparer.Ordinal), fallback);
    }
}
