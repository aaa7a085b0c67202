namespace Personalize.Evaluation.Data;

/// <summary>Finds the data folder and loads a data set by name.</summary>
internal static class DatasetLoader
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "Personalize.Sdk.sln";

    /// <summary>The default data folder, relative to the repository root.</summary>
    public const string DefaultRelativeDataPath = "../shared/data";

    /// <summary>An environment variable that, when set, overrides the default data folder (not <c>--data</c>).</summary>
    public const string DataEnvironmentVariable = "PERSONALIZE_EVAL_DATA";

    /// <summary>The data sets this harness can load, primary first.</summary>
    public static IReadOnlyList<string> Names { get; } = [UciOnlineRetailLoader.Name, MovieTweetingsLoader.Name];

    /// <summary>Loads the data set <paramref name="name"/> from <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static Dataset Load(string name, string dataDirectory, int? maxLines = null) => name switch
    {
        UciOnlineRetailLoader.Name => UciOnlineRetailLoader.Load(dataDirectory),
        MovieTweetingsLoader.Name => MovieTweetingsLoader.Load(dataDirectory, maxLines),
        _ => throw new ArgumentException($"Unknown data set '{name}' (known: {string.Join(", ", Names)}).", nameof(name)),
    };

    /// <summary>
    /// The repository root: the first folder holding <see cref="SolutionFileName"/>, walking up
    /// from each start folder in turn; null when none has it.
    /// </summary>
    /// <param name="startFolders">Where to start walking up, in order.</param>
    /// <param name="stopAt">
    /// When set, only this folder and the folders inside it are looked in: a test that made the
    /// folder never sees what lies above it (the system temp folder's parents). Null, as the app
    /// runs, walks up to the file system's root.
    /// </param>
    public static string? FindRepositoryRoot(IEnumerable<string> startFolders, string? stopAt = null)
    {
        ArgumentNullException.ThrowIfNull(startFolders);
        foreach (var start in startFolders)
        {
            for (var folder = new DirectoryInfo(start); folder is not null && (stopAt is null || IsWithin(folder.FullName, stopAt)); folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The data folder: <paramref name="explicitPath"/> when given (relative to the current folder);
    /// else the <see cref="DataEnvironmentVariable"/>; else <see cref="DefaultRelativeDataPath"/>
    /// resolved against the repository root found from the current folder, then from the app's folder.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist, or no repository root was found.</exception>
    public static string ResolveDataDirectory(string? explicitPath) =>
        ResolveDataDirectory(explicitPath, Environment.GetEnvironmentVariable(DataEnvironmentVariable), [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    /// <summary>
    /// The data folder: <paramref name="explicitPath"/>, else <paramref name="environmentPath"/>, else
    /// <see cref="DefaultRelativeDataPath"/> resolved against the repository root found from the
    /// first of <paramref name="startFolders"/> that is inside one. With the repository at
    /// <c>/work/main</c> the default is <c>/work/shared/data</c>.
    /// </summary>
    /// <param name="explicitPath">The <c>--data</c> option, relative to the current folder.</param>
    /// <param name="environmentPath">The <see cref="DataEnvironmentVariable"/>.</param>
    /// <param name="startFolders">Where to look for the repository root, in order.</param>
    /// <param name="stopAt">When set, the repository root is looked for only in this folder and the folders inside it (see <see cref="FindRepositoryRoot"/>).</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist, or no repository root was found; the message names the folder looked for.</exception>
    public static string ResolveDataDirectory(string? explicitPath, string? environmentPath, IEnumerable<string> startFolders, string? stopAt = null)
    {
        ArgumentNullException.ThrowIfNull(startFolders);
        var path = string.IsNullOrEmpty(explicitPath) ? environmentPath : explicitPath;
        var from = string.IsNullOrEmpty(explicitPath) ? string.IsNullOrEmpty(environmentPath) ? null : $"${DataEnvironmentVariable}" : "--data";
        if (string.IsNullOrEmpty(path))
        {
            string[] starts = [.. startFolders];
            var root = FindRepositoryRoot(starts, stopAt)
                ?? throw new DirectoryNotFoundException($"No folder above {string.Join(" or ", starts.Select(s => $"'{s}'"))} holds {SolutionFileName}, so the default data folder ({DefaultRelativeDataPath} from the repository root) is unknown: pass --data or set ${DataEnvironmentVariable}.");
            path = Path.Combine(root, DefaultRelativeDataPath);
            from = $"the default, {DefaultRelativeDataPath} from the repository root {root}";
        }

        var full = Path.GetFullPath(path);
        return Directory.Exists(full)
            ? full
            : throw new DirectoryNotFoundException($"The data folder '{full}' ({from}) does not exist: pass --data with the folder that holds {string.Join(" and ", Names)}, or set ${DataEnvironmentVariable}.");
    }

    /// <summary>Whether <paramref name="folder"/> is <paramref name="outer"/> or inside it (by path, with the platform's case rules).</summary>
    private static bool IsWithin(string folder, string outer)
    {
        var relative = Path.GetRelativePath(outer, folder);
        return relative == "."
            || (!Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }
}
