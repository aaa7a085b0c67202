namespace Personalize.Storefront.Tests.Browser;

/// <summary>A test that drives Debian's Chromium; skipped, saying how to install it, only where that binary is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public const string SkipReason = $"No Chromium at {ExecutablePath}: install it (apt-get update && apt-get install -y chromium) to run the browser tests.";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = SkipReason;
        }
    }
}
