namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// The published vectors (VECTORS.md). Expected values were produced outside .NET:
/// <list type="bullet">
///   <item><description>personalize-v1: Python 3.11's UTF-8 encoder (lone surrogates mapped to U+FFFD first) + the C xxHash
///   library libxxhash 0.8.1 (Debian libxxhash0 0.8.1-1, XXH3_64bits_withSeed(seed 0)) via ctypes; bucket = (h * 10000) &gt;&gt; 64 in Python integers.</description></item>
///   <item><description>growthbook-v1/v2: @growthbook/growthbook 1.8.0 on Node 20.20.2, <c>hash(seed, value, version)</c> from its util module,
///   bucket = n * 10000 with n === bucket / 10000 checked; also equal to <c>new GrowthBook({attributes:{id}}).run({seed, ...}).bucket</c>
///   for every vector whose salt and key are non-empty.</description></item>
///   <item><description>optimizely: @optimizely/optimizely-sdk 6.6.1 on Node 20.20.2, its own <c>generateBucketValue(userId + experimentId)</c>
///   (with the murmurhash copy bundled in the SDK), equal to murmurhash 2.0.1 <c>v3(key, 1)</c> and to the bucket the SDK client reports in
///   its decision reasons ("Assigned bucket N to user ...") for every vector.</description></item>
/// </list>
/// Strings live here, not in attributes: attribute strings are stored as UTF-8 and would turn lone surrogates into U+FFFD.
/// </summary>
public static class PublishedVectors
{
    /// <summary>"0123456789" x 150: a 1500-char (1500-byte) key, well past the stackalloc threshold.</summary>
    public static readonly string LongKey = string.Concat(Enumerable.Repeat("0123456789", 150));

    /// <summary>All vectors by id.</summary>
    public static readonly IReadOnlyDictionary<string, PublishedVector> All = new PublishedVector[]
    {
        // Id, salt, unit key, personalize-v1 bucket, its XXH3-64, its input bytes, growthbook-v1, growthbook-v2, optimizely.
        new("V01", "exp-1", "user-123", 348, 0x08e9d7a1c74da780, "050000006578702d31757365722d313233", 7160, 1914, 777),
        new("V02", "", "user-123", 8422, 0xd79cfcac3c017514, "00000000757365722d313233", 4030, 7951, 6318),
        new("V03", "exp-1", "", 7355, 0xbc4f2068222ae217, "050000006578702d31", 9540, 5713, 6539),
        new("V04", "", "", 2839, 0x48b2c92616fc193d, "00000000", 2610, 2305, 3175),
        new("V05", "holdout-2024", "Zo\u00EB", 6601, 0xa8fd52e4715cad12, "0c000000686f6c646f75742d323032345a6fc3ab", 1370, 8153, 2047),
        new("V06", "holdout-2024", "\u6771\u4EAC", 1963, 0x324160648aeef42f, "0c000000686f6c646f75742d32303234e69db1e4baac", 7940, 9491, 5757),
        new("V07", "holdout-2024", "\uD83D\uDC69\u200D\uD83D\uDCBB", 6526, 0xa7174a8f54b3af85, "0c000000686f6c646f75742d32303234f09f91a9e2808df09f92bb", 4680, 5876, 5733),
        new("V08", "holdout-2024", "\uD800", 4942, 0x7e87474872d65c26, "0c000000686f6c646f75742d32303234efbfbd", 9930, 2370, 3379),
        new("V09", "exp-1", LongKey, 7090, 0xb585578495cdcd1b, null, 9060, 7660, 4313),
        new("V10", "Zo\u00EB-salt", "user-42", 4098, 0x68e9126b450e161d, "090000005a6fc3ab2d73616c74757365722d3432", 7200, 7586, 1930),
        new("V11", "12345678", "user-1", 1746, 0x2cb46da609ee77db, "080000003132333435363738757365722d31", 4520, 4701, 9675),
        new("V12", "a", "b", 6946, 0xb1d4c961d36f6e6d, "010000006162", 7080, 6912, 8490),
        new("V13", "exp-1", "user-124", 5530, 0x8d932973179d4ccb, "050000006578702d31757365722d313234", 9790, 8029, 9209),
        new("V14", "\uDC00", "x", 5179, 0x84978ef8c3116a60, "03000000efbfbd78", 5170, 3641, 5053),
        new("V15", "\uDE00x", "ab\uD83D", 1344, 0x226e42fd38627412, "04000000efbfbd786162efbfbd", 5810, 2027, 8326),
        new("V16", "\uD83C\uDF89", "user-7", 2027, 0x33e9ede22c72858f, "04000000f09f8e89757365722d37", 2770, 2144, 1345),
    }.ToDictionary(v => v.Id);

    /// <summary>Vector ids as theory data (ids, not strings, so lone surrogates survive test discovery).</summary>
    public static TheoryData<string> Ids
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string id in All.Keys)
            {
                data.Add(id);
            }

            return data;
        }
    }
}
