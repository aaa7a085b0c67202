namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Beside a person's last <see cref="PersonRecords.Limit"/> changes, the kinds of change kept longer
/// (<c>{prefix}:p:{key}:kept:{name}</c>, a list each), because a profile keeps them longer: what the
/// guardrails and consent read. A heavy user recalled from Redis gets them back however many views
/// came after (<see cref="KeptLists"/>).
/// </summary>
internal enum KeptList : byte
{
    /// <summary>In the records alone.</summary>
    None,

    /// <summary>Purchases: the <c>recently-purchased</c> guardrail's.</summary>
    Purchases,

    /// <summary>Stated likes and dislikes: the <c>stated-dislike</c> guardrail's and the <c>stated-preference</c> signal's.</summary>
    Statements,

    /// <summary>Dismissals: the <c>dismissed</c> guardrail's.</summary>
    Dismissals,

    /// <summary>Complaints: the <c>complaint-suppression</c> guardrail reads the last.</summary>
    Complaints,

    /// <summary>Consent given or withdrawn: a recall judges the rest by the last.</summary>
    Consents,
}
