using System.Globalization;

namespace Personalize.Storefront.Hosting;

/// <summary>The store's own settings, from the command line (<c>--port 5099</c>), the environment or appsettings.</summary>
internal static class StorefrontSettings
{
    /// <summary>The setting <paramref name="key"/> as a whole number from 0 to <paramref name="max"/>, or <paramref name="defaultValue"/> when it is not set.</summary>
    /// <exception cref="InvalidSettingException">It is set to anything else.</exception>
    public static int Number(IConfiguration configuration, string key, int defaultValue, int max)
    {
        var text = configuration[key];
        if (text is null)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new InvalidSettingException($"The setting '{key}' must be a whole number from 0 to {max}, not '{text}'.");
    }
}
