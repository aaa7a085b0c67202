namespace Personalize.Sdk;

/// <summary>What a user agreed the SDK may use.</summary>
[Flags]
public enum ConsentFlags
{
    /// <summary>Nothing: the user gets the default experience and no profile signal is used.</summary>
    None = 0,

    /// <summary>Their behaviour may personalize what they see.</summary>
    Personalization = 1,

    /// <summary>Their interest in categories marked sensitive may be used to rank.</summary>
    SensitiveCategories = 2,
}
