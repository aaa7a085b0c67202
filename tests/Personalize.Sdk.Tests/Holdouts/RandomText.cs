namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// Arbitrary UTF-16 text from a seed: any code unit, so lone surrogates, valid pairs, pairs split across
/// salt and key, and non-BMP text all occur. Seeds come from AutoFixture and appear in failure messages.
/// </summary>
public static class RandomText
{
    /// <summary>A string of <paramref name="length"/> code units biased towards the interesting ranges.</summary>
    public static string Next(Random random, int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = random.Next(6) switch
            {
                0 => (char)random.Next(0x20, 0x7F),      // ASCII
                1 => (char)random.Next(0x80, 0x800),     // 2-byte UTF-8
                2 => (char)random.Next(0x800, 0xD800),   // 3-byte UTF-8
                3 => (char)random.Next(0xD800, 0xDC00),  // high surrogate
                4 => (char)random.Next(0xDC00, 0xE000),  // low surrogate
                _ => (char)random.Next(0, 0x10000),      // anything
            };
        }

        return new string(chars);
    }
}
