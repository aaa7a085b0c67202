using AngleSharp.Dom;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>One decision as the debug panel shows it.</summary>
public sealed class DecisionView(IElement section)
{
    public string Variant => section.GetAttribute("data-variant")!;

    public string Reason => section.GetAttribute("data-reason")!;

    public string Arm => section.GetAttribute("data-arm")!;

    public int Bucket => int.Parse(section.GetAttribute("data-bucket")!, System.Globalization.CultureInfo.InvariantCulture);

    public string Text => section.TextContent;

    /// <summary>The signals with a share in each shown item's score, by item.</summary>
    public IReadOnlyDictionary<string, string[]> Signals =>
        section.QuerySelectorAll("ol.explained > li").ToDictionary(
            item => item.GetAttribute("data-product")!,
            item => item.QuerySelectorAll(".chip").Select(chip => chip.GetAttribute("data-signal")!).ToArray());

    /// <summary>What the guardrails removed: (guardrail, product) pairs.</summary>
    public IReadOnlyList<(string Guardrail, string Product)> Removed =>
        [.. section.QuerySelectorAll(".removal").SelectMany(group => group.QuerySelectorAll("[data-product]")
            .Select(item => (group.GetAttribute("data-guardrail")!, item.GetAttribute("data-product")!)))];
}
