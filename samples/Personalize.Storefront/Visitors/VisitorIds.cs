using System.Security.Cryptography;

namespace Personalize.Storefront.Visitors;

/// <summary>Anonymous visitor ids: random, short, and checked before they reach the SDK.</summary>
internal static class VisitorIds
{
    public static string New() => $"guest-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    /// <summary>Whether a cookie's value can be a visitor id: 4 to 64 lower-case letters, digits or dashes.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: >= 4 and <= 64 } && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
