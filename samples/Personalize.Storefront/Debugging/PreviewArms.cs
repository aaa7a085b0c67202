using Personalize.Sdk;

namespace Personalize.Storefront.Debugging;

/// <summary>The holdout arms the debug panel can force, by name.</summary>
internal static class PreviewArms
{
    /// <summary>The arm named exactly "Treatment" or "Control", else null.</summary>
    public static HoldoutArm? Parse(string? name) => name switch
    {
        nameof(HoldoutArm.Treatment) => HoldoutArm.Treatment,
        nameof(HoldoutArm.Control) => HoldoutArm.Control,
        _ => null,
    };
}
