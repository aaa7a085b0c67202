using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Guardrails;

/// <summary>No promotional item for <see cref="GuardrailOptions.ComplaintSuppression"/> after the user complained.</summary>
internal sealed class ComplaintSuppressionGuardrail(GuardrailOptions options) : IGuardrail
{
    private readonly long _suppressionTicks = options.ComplaintSuppression.Ticks;

    public string Name => BuiltInGuardrails.ComplaintSuppression;

    public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
    {
        var complained = context.ProfileData.LastComplaintTicks;
        if (complained == 0 || context.Now.UtcTicks - complained >= _suppressionTicks)
        {
            return;
        }

        var catalog = context.Catalog;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (catalog.GetItem(candidates[i]) is { IsPromotional: true })
            {
                eligible[i] = false;
            }
        }
    }

    public string Explain(in DecisionContext context, int itemIndex) =>
        "The user complained recently: promotions are suppressed for them for now.";
}
