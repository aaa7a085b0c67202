namespace Personalize.Sdk.Learning;

/// <summary>The learning options' rules that data annotations cannot state: time spans and the outcome rewards.</summary>
internal static class LearningValidation
{
    private const string Prefix = "PersonalizationOptions.Learning.";

    public static void Validate(LearningOptions options, List<string> failures)
    {
        if (options.RewardWaitTime < TimeSpan.FromSeconds(1) || options.RewardWaitTime > TimeSpan.FromDays(7))
        {
            failures.Add($"{Prefix}{nameof(options.RewardWaitTime)} must be from 1 second to 7 days (was {options.RewardWaitTime}).");
        }

        if (options.UpdateInterval < TimeSpan.FromMilliseconds(100) || options.UpdateInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}{nameof(options.UpdateInterval)} must be from 100 milliseconds to 1 day (was {options.UpdateInterval}).");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{Prefix}{nameof(options.Mode)} is not a LearningMode (was {(int)options.Mode}).");
        }

        foreach (var (kind, reward) in options.OutcomeRewards)
        {
            if (kind is not (EventKind.Click or EventKind.AddToCart or EventKind.Purchase))
            {
                failures.Add($"{Prefix}{nameof(options.OutcomeRewards)}[{kind}]: only Click, AddToCart and Purchase are rewarded automatically.");
            }

            if (!(reward is >= 0 and <= 1))
            {
                failures.Add($"{Prefix}{nameof(options.OutcomeRewards)}[{kind}] must be from 0 to 1 (was {reward}).");
            }
        }
    }
}
