using System.Globalization;
using StackExchange.Redis;

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

    /// <summary>
    /// The setting <c>redis</c>: the Redis the servers of one store share (<c>--redis 127.0.0.1:6379</c>,
    /// or any StackExchange.Redis configuration string), or null when it is not set and the store
    /// keeps everything in its own memory.
    /// </summary>
    /// <exception cref="InvalidSettingException">It is set, but names no server or is not a configuration StackExchange.Redis reads.</exception>
    public static ConfigurationOptions? Redis(IConfiguration configuration)
    {
        const string Key = "redis";
        var text = configuration[Key];
        if (text is null)
        {
            return null;
        }

        string? reason = null;
        try
        {
            var options = ConfigurationOptions.Parse(text);
            if (options.EndPoints.Count > 0)
            {
                return options;
            }
        }
        catch (ArgumentException exception)
        {
            // StackExchange.Redis's own words, first line only ("Keyword 'x' is not supported").
            reason = exception.Message.Split('\n')[0].Replace($" (Parameter '{exception.ParamName}')", string.Empty, StringComparison.Ordinal).Trim().TrimEnd('.');
        }

        // Only the addresses are repeated: an option (NAME=VALUE, wherever it stands) may hold a
        // password, and is shown as "..." when there are addresses to show, else not at all.
        var parts = text.Split(',');
        var addresses = parts.Where(part => !part.Contains('=', StringComparison.Ordinal)).ToList();
        var shown = string.Join(',', addresses) + (addresses.Count < parts.Length ? ",..." : string.Empty);
        throw new InvalidSettingException(addresses.Count > 0
            ? $"The setting '{Key}' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not '{shown}'{(reason is null ? "." : $": {reason}.")}"
            : $"The setting '{Key}' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379): it gives options but no HOST:PORT (not shown: they may hold a password){(reason is null ? "." : $"; {reason}.")}");
    }
}
