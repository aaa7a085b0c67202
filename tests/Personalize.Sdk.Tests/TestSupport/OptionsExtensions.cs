namespace Personalize.Sdk.Tests.TestSupport;

internal static class OptionsExtensions
{
    /// <summary>Composes two configurations: this one, then <paramref name="next"/>.</summary>
    public static Action<PersonalizationOptions> Then(this Action<PersonalizationOptions> first, Action<PersonalizationOptions> next) => options =>
    {
        first(options);
        next(options);
    };
}
