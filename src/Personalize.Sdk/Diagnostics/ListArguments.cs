using System.Runtime.CompilerServices;

namespace Personalize.Sdk.Diagnostics;

/// <summary>Checks of the lists the public report types take: a null element would fail far later, where it is read.</summary>
internal static class ListArguments
{
    /// <summary>Throws when <paramref name="list"/> is null or holds a null element, naming the parameter.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="list"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="list"/> holds a null element.</exception>
    public static void ThrowIfNullOrHoldsNull<T>(IReadOnlyList<T?>? list, [CallerArgumentExpression(nameof(list))] string? paramName = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(list, paramName);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Element {i} is null.", paramName);
            }
        }
    }
}
