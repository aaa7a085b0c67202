using System.Globalization;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Personalize.Storefront.Hosting;

/// <summary>The store's own settings, from the command line (<c>--port 5099</c>), the environment or appsettings.</summary>
internal static partial class StorefrontSettings
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
    /// <exception cref="InvalidSettingException">
    /// It is set, but empty or only white space, names no server, names one as a URL or with a user (<c>redis://user:password@host:port</c>,
    /// which StackExchange.Redis would take for a host name), has a part without <c>=</c> after an option (the rest of a value
    /// holding ',', which StackExchange.Redis would take for a server), or is not a configuration StackExchange.Redis reads.
    /// </exception>
    public static ConfigurationOptions? Redis(IConfiguration configuration)
    {
        const string Key = "redis";
        var text = configuration[Key];
        if (text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidSettingException($"The setting '{Key}' is empty: give a Redis server as HOST:PORT (for example 127.0.0.1:6379), or leave the setting out to keep everything in this server's memory.");
        }

        // Only what is surely an address is ever repeated: an option (NAME=VALUE) may hold a password,
        // and so may the user part of an address written as a URL or USER@HOST, whose password may
        // hold ',' and '=' too (redis://user:se,cret@host, user:pass=word@host). So a URL or a user
        // is found in the whole text before it is split, and then only what follows the last '@'
        // (or the scheme) is looked at, and only its parts that are a bare HOST:PORT are repeated.
        if (IsUrlOrHasUser(text))
        {
            var given = AfterCredentials(text).Split(',').Select(part => part.Split('/')[0].Trim()).Where(IsHostAndPort).ToList();
            throw new InvalidSettingException(given.Count > 0
                ? $"The setting '{Key}' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not a URL or USER@HOST: give '{string.Join(',', given)}', with a user and password as options (user=...,password=...)."
                : $"The setting '{Key}' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not a URL or USER@HOST: give the server's HOST:PORT, with a user and password as options (user=...,password=...).");
        }

        // The addresses are the parts before the first option: a part after one may be the rest of
        // its value (password=se,cret), so none of those is shown.
        var parts = text.Split(',');
        var addresses = parts.TakeWhile(part => !part.Contains('=', StringComparison.Ordinal)).ToList();

        string? reason = null;
        if (parts.Skip(addresses.Count).Any(part => !part.Contains('=', StringComparison.Ordinal)))
        {
            // StackExchange.Redis would take such a part for a server, and a message naming the
            // servers (Redis did not answer) would repeat it: the rest of a password holding ','.
            reason = "a part after an option is no option (give every HOST:PORT before the options; a value cannot hold ',')";
        }
        else
        {
            try
            {
                var options = ConfigurationOptions.Parse(text);
                if (options.EndPoints.Count > 0)
                {
                    return options;
                }
            }
            catch (ArgumentException)
            {
                // Not StackExchange.Redis's own words: they repeat the option ("Keyword 'x' is not
                // supported"), and x may be part of a password.
                reason = "it has an option StackExchange.Redis does not read (not shown: it may hold a password)";
            }
        }

        // The options are shown as "..." when there are addresses to show, else not at all.
        var shown = string.Join(',', addresses) + (addresses.Count < parts.Length ? ",..." : string.Empty);
        throw new InvalidSettingException(addresses.Count > 0
            ? $"The setting '{Key}' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not '{shown}'{(reason is null ? "." : $": {reason}.")}"
            : $"The setting '{Key}' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379): it gives options but no HOST:PORT (not shown: they may hold a password){(reason is null ? "." : $"; {reason}.")}");
    }

    /// <summary>Whether an address is written as a URL (<c>redis://...</c>) or with a user (<c>user:password@host</c>).</summary>
    private static bool IsUrlOrHasUser(string address) =>
        address.Contains("://", StringComparison.Ordinal) || address.Contains('@', StringComparison.Ordinal);

    /// <summary>What follows the last '@' (a host has none, a password may), or else the scheme: never a user or password.</summary>
    private static string AfterCredentials(string text)
    {
        var user = text.LastIndexOf('@');
        if (user >= 0)
        {
            return text[(user + 1)..];
        }

        var scheme = text.LastIndexOf("://", StringComparison.Ordinal);
        return scheme >= 0 ? text[(scheme + 3)..] : text;
    }

    /// <summary>Whether a text is a bare HOST:PORT (a host name, an IPv4 address or a bracketed IPv6 one, and a port), and nothing else.</summary>
    private static bool IsHostAndPort(string text) => HostAndPortPattern().IsMatch(text);

    [GeneratedRegex(@"\A(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\]):[0-9]{1,5}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HostAndPortPattern();

    /// <summary>
    /// An address without its scheme, user, password and path: <c>redis://user:password@host:6379/0</c>
    /// is <c>host:6379</c>. What any message may repeat of an address.
    /// </summary>
    public static string HostAndPort(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var rest = address.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        var user = rest.LastIndexOf('@');
        if (user >= 0)
        {
            rest = rest[(user + 1)..];
        }

        var path = rest.IndexOf('/', StringComparison.Ordinal);
        return path >= 0 ? rest[..path] : rest;
    }
}
