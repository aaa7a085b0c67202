namespace Personalize.Storefront.Tests.Browser;

/// <summary>A theory that drives Debian's Chromium; skipped like <see cref="ChromiumFactAttribute"/> where it is missing.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (!File.Exists(ChromiumFactAttribute.ExecutablePath))
        {
            Skip = ChromiumFactAttribute.SkipReason;
        }
    }
}
