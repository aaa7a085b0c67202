namespace Personalize.Evaluation.Protocol;

/// <summary>One time bucket of a prequential walk.</summary>
/// <param name="From">The first event's time.</param>
/// <param name="To">The last event's time.</param>
/// <param name="Events">Test events in the bucket.</param>
/// <param name="Hits">Events whose item was in the top 10 ranked just before it.</param>
internal sealed record PrequentialBucket(DateTimeOffset From, DateTimeOffset To, int Events, int Hits)
{
    /// <summary>HR@10 over the bucket's events.</summary>
    public double HitRate => Events == 0 ? 0 : (double)Hits / Events;
}
