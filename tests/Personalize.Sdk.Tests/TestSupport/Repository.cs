namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>The checkout the tests run from, for tests that read its sources or pack its projects.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>Personalize.Sdk.sln</c>, found upward from the test assembly.</summary>
    public static string Root { get; } = Find();

    /// <summary>The build configuration the tests run in, for commands that use the built projects.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Personalize.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The test runs outside the repository.");
    }
}
