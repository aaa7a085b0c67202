namespace Personalize.Sdk.Learning;

/// <summary>
/// Exploration draws from a seed: the n-th draw is SplitMix64(seed, n), with n taken by an
/// interlocked counter. Thread-safe and lock-free, allocation-free, and the same draws for the
/// same sequence of decisions, so a seeded simulation or test is reproducible.
/// </summary>
internal sealed class SeededDraws(int seed) : Random
{
    private long _draws;

    public override double NextDouble() => Sample();

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(Sample() * maxValue);
    }

    protected override double Sample()
    {
        // SplitMix64 (Steele, Lea and Flood 2014): a well-mixed 64-bit value per counter step.
        var z = unchecked(((ulong)(uint)seed << 32) + ((ulong)Interlocked.Increment(ref _draws) * 0x9E37_79B9_7F4A_7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
