using Microsoft.Playwright;

namespace Personalize.Storefront.Tests.Browser;

/// <summary>
/// Screenshots of the browser tests: every one under the test output; the README's also in docs/
/// when <c>UPDATE_README_SCREENSHOTS=true</c> (a test run leaves the repository as it found it).
/// </summary>
public static class Screenshots
{
    private static readonly string Output = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Saves the page's first screen (or all of it) under the test output.</summary>
    public static async Task SaveAsync(IPage page, string name, bool fullPage = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(Output);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Output, name), FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>
    /// Saves the page's first screen under the test output and, with <c>UPDATE_README_SCREENSHOTS=true</c>,
    /// as docs/<paramref name="name"/> for the README, and as each of <paramref name="alsoAs"/> in
    /// docs/ too (the same image, under a name an earlier issue or link used).
    /// </summary>
    public static async Task SaveForReadmeAsync(IPage page, string name, params string[] alsoAs)
    {
        ArgumentNullException.ThrowIfNull(alsoAs);
        await SaveAsync(page, name);
        if (string.Equals(Environment.GetEnvironmentVariable("UPDATE_README_SCREENSHOTS"), "true", StringComparison.OrdinalIgnoreCase) && RepositoryRoot() is { } root)
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            foreach (var docName in alsoAs.Prepend(name))
            {
                File.Copy(Path.Combine(Output, name), Path.Combine(root, "docs", docName), overwrite: true);
            }
        }
    }

    /// <summary>The file docs/<paramref name="name"/> in the repository, or null when the tests run outside one.</summary>
    public static string? InDocs(string name) => RepositoryRoot() is { } root ? Path.Combine(root, "docs", name) : null;

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Personalize.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
