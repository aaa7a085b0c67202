using System.Globalization;
using Personalize.Sdk;
using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Learning;

/// <summary>The learning report in a person's words: modes, who serves, and numbers ("n/a" where there are none yet).</summary>
internal static class LearningLabels
{
    public static string Mode(LearningMode mode) => mode switch
    {
        LearningMode.Apprentice => "Apprentice",
        LearningMode.Online => "Online",
        _ => "Off",
    };

    public static string ModeExplained(LearningMode mode, int minimumDecisions) => mode switch
    {
        LearningMode.Apprentice => "serves the configured weights and learns beside them; the learned weights take over only when offline evaluation finds them better with confidence, and hand back if it later finds them worse.",
        LearningMode.Online => string.Create(CultureInfo.InvariantCulture, $"the learned weights serve once {minimumDecisions:N0} decisions have settled; the configured ones until then."),
        _ => "does not learn.",
    };

    /// <summary>Who serves, and since when: the apprentice's status.</summary>
    public static string Status(PlacementLearning learning, Takeover? takeover, int minimumDecisions)
    {
        var learned = string.Equals(learning.Serving, "learned", StringComparison.Ordinal);
        if (learned)
        {
            var version = takeover is { Direction: "learned" } ? VersionAt(learning, takeover.At) : null;
            var verb = learning.Mode == LearningMode.Apprentice ? "took over" : "serve";
            return version is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"Learned weights {verb} at version {v} (now version {learning.PolicyVersion})")
                : string.Create(CultureInfo.InvariantCulture, $"Learned weights serve (version {learning.PolicyVersion})");
        }

        if (takeover is { Direction: "default" } && VersionAt(learning, takeover.At) is { } handedBack)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Serving default again since version {handedBack}, learning");
        }

        return learning.SettledDecisions < minimumDecisions
            ? string.Create(CultureInfo.InvariantCulture, $"Serving default, learning ({learning.SettledDecisions:N0} of {minimumDecisions:N0} settled decisions)")
            : "Serving default, learning";
    }

    public static string Number(double value, string format = "0.0000") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public static string Signed(double value) =>
        double.IsFinite(value) ? value.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "n/a";

    public static string Interval(double lower, double upper) =>
        double.IsFinite(lower) && double.IsFinite(upper) ? $"{Number(lower)} to {Number(upper)}" : "n/a";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Policy(string policy) => policy switch
    {
        "default" => "Default (configured weights)",
        "learned" => "Learned weights",
        "random" => "Random",
        "control" => "Control (holdout)",
        "candidate" => "Candidate",
        _ => policy,
    };

    /// <summary>The version solved last at or before a moment: the one a takeover at that moment read.</summary>
    private static int? VersionAt(PlacementLearning learning, DateTimeOffset at) =>
        learning.History.LastOrDefault(version => version.At <= at)?.Version;
}
