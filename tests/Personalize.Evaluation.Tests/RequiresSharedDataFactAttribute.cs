using Personalize.Evaluation.Data;

namespace Personalize.Evaluation.Tests;

/// <summary>
/// A fact that needs the shared data folder: <c>$PERSONALIZE_EVAL_DATA</c>, else <c>../shared/data</c>
/// from the repository root (the folder holding <c>Personalize.Sdk.sln</c>). It is skipped, saying
/// which folder it looked for, only when that folder is absent; a folder that is there but broken fails.
/// </summary>
public sealed class RequiresSharedDataFactAttribute : FactAttribute
{
    public RequiresSharedDataFactAttribute()
    {
        if (Find() is { Problem: { } problem })
        {
            Skip = $"The shared data folder is absent. {problem}";
        }
    }

    /// <summary>The data folder, or null when there is none.</summary>
    public static string? DataDirectory => Find().Folder;

    private static (string? Folder, string? Problem) Find()
    {
        try
        {
            return (DatasetLoader.ResolveDataDirectory(null), null);
        }
        catch (DirectoryNotFoundException exception)
        {
            return (null, exception.Message);
        }
    }
}
