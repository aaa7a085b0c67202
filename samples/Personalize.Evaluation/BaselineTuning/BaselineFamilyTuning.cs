namespace Personalize.Evaluation.BaselineTuning;

/// <summary>One baseline's grid on one data set's validation windows, and the value chosen.</summary>
/// <param name="Family">The baseline's row name.</param>
/// <param name="Parameters">Its hyperparameters' names.</param>
/// <param name="Grid">Every grid point, in grid order.</param>
/// <param name="Chosen">The point with the best mean nDCG@10 over the windows (ties: the earlier point).</param>
/// <param name="Recorded">The point of the value recorded in code (<see cref="Recommenders.BaselineDefaults"/>), when it is on the grid.</param>
/// <param name="ChosenAtGridEdge">Whether the chosen point sits at an edge of its grid, so the optimum may lie beyond it.</param>
internal sealed record BaselineFamilyTuning(
    string Family,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<BaselineGridPoint> Grid,
    BaselineGridPoint Chosen,
    BaselineGridPoint? Recorded,
    bool ChosenAtGridEdge);
