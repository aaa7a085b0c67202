namespace Personalize.Sdk.Profiles;

/// <summary>An update applied to a profile's state under its lock.</summary>
internal delegate void ProfileWriter<TState>(ProfileData profile, in TState state)
    where TState : allows ref struct;
