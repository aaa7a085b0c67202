using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.BaselineTuning;

/// <summary>One validation window of one data set's training period.</summary>
/// <param name="Window">1 is the last 10% of the training period, 2 the 10% before, and so on.</param>
/// <param name="Statistics">Its counts (its "test" rows are the validation rows).</param>
/// <param name="From">Where the window starts (the fit rows end there).</param>
/// <param name="To">The window's last validation row.</param>
/// <param name="DenseModelItems">How many items EASE and RP3beta covered (every fit item unless the catalogue is cut).</param>
internal sealed record ValidationWindow(int Window, ProtocolStatistics Statistics, DateTimeOffset From, DateTimeOffset To, int DenseModelItems);
