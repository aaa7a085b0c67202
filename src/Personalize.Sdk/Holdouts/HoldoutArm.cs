namespace Personalize.Sdk;

/// <summary>Which side of a holdout a unit is on.</summary>
public enum HoldoutArm
{
    /// <summary>Personalized as usual.</summary>
    Treatment = 0,

    /// <summary>Held out: gets the default experience, so lift can be measured against it.</summary>
    Control = 1,
}
