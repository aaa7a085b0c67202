namespace Personalize.Storefront.Tests.Browser;

/// <summary>A test that drives Debian's Chromium; skipped, saying why, only where that binary is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"No Chromium at {ExecutablePath}: install it (apt-get install -y chromium) to run the browser test.";
        }
    }
}
