namespace Personalize.Sdk.Profiles;

/// <summary>A profile table created at its first entry (purchases, dismissals, stated preferences, showings).</summary>
/// <typeparam name="TSelf">The table's own type, so a copy goes to a table of the same kind.</typeparam>
internal interface IOptionalTable<in TSelf>
    where TSelf : IOptionalTable<TSelf>
{
    int Count { get; }

    /// <summary>Copies every entry into <paramref name="target"/>, growing it only when it is smaller.</summary>
    void CopyTo(TSelf target);

    /// <summary>Forgets every entry, keeping the capacity.</summary>
    void Clear();
}
