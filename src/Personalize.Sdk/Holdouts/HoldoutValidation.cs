using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>Start-up checks of the holdouts; every failure names its holdout.</summary>
internal static class HoldoutValidation
{
    public static void Validate(IList<HoldoutOptions> holdouts, List<string> failures)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < holdouts.Count; i++)
        {
            var holdout = holdouts[i];
            var label = string.IsNullOrEmpty(holdout?.Name) ? $"Holdouts[{i}]" : $"Holdout '{holdout.Name}'";
            if (holdout is null)
            {
                failures.Add($"{label} is null.");
                continue;
            }

            if (string.IsNullOrEmpty(holdout.Name))
            {
                failures.Add($"{label} has no name.");
            }
            else if (WellFormedText.HasLoneSurrogate(holdout.Name))
            {
                // Written in UTF-8 with its measurement, it would come back from a snapshot as another name.
                failures.Add($"Holdouts[{i}]'s name {WellFormedText.LoneSurrogate}");
            }
            else if (!names.Add(holdout.Name))
            {
                failures.Add($"{label} is defined twice; holdout names must be unique.");
            }

            if (string.IsNullOrEmpty(holdout.Salt))
            {
                failures.Add($"{label} has an empty salt.");
            }

            if (holdout.BasisPoints is < 0 or > BucketHashers.BucketCount)
            {
                failures.Add($"{label} has BasisPoints {holdout.BasisPoints}; it must be between 0 and 10000.");
            }

            // In long: BucketStart + BasisPoints can overflow an int.
            if (holdout.BucketStart < 0 || (long)holdout.BucketStart + Math.Max(0, holdout.BasisPoints) > BucketHashers.BucketCount)
            {
                failures.Add($"{label} has BucketStart {holdout.BucketStart}; its range must lie within [0, 10000).");
            }

            if (holdout.Hasher is null)
            {
                failures.Add($"{label} has no hasher.");
            }
            else if (string.IsNullOrWhiteSpace(holdout.Hasher.Name))
            {
                // The name is what tells two hashers' schemes apart (layers, nesting, the sample-ratio check).
                failures.Add($"{label} has a hasher with no name ({holdout.Hasher.GetType().Name}); IBucketHasher.Name identifies its scheme.");
            }
            else if (HasherScheme.ImpersonatesBuiltIn(holdout.Hasher, holdout.Salt ?? string.Empty))
            {
                // Schemes are told apart by name: one taking a built-in's would pass for it in layers and the sample-ratio check.
                failures.Add($"{label} has a hasher ({holdout.Hasher.GetType().Name}) named '{holdout.Hasher.Name}', a built-in scheme's name, that draws other buckets than that scheme; give a different scheme its own name.");
            }
        }

        ValidateLayers(holdouts, failures);
        ValidateGrowthBookV1Salts(holdouts, failures);
    }

    /// <summary>
    /// growthbook-v1 hashes fnv1a32(unitKey + salt) % 1000: the salt comes last and FNV-1a mixes
    /// little after it, so two salts give correlated buckets (chi-square in the hundreds over
    /// 100,000 keys), and the sample-ratio check, which takes holdouts with other salts as
    /// independent, would report a mismatch that is not there. The hash must stay GrowthBook's, so
    /// such holdouts are refused; one salt (their ranges then nest, overlap or share a layer, all
    /// expected exactly) or growthbook-v2 is the way out.
    /// </summary>
    private static void ValidateGrowthBookV1Salts(IList<HoldoutOptions> holdouts, List<string> failures)
    {
        var v1 = holdouts.Where(h => h is not null && HasherScheme.IsGrowthBookV1(h.Hasher?.Name) && !string.IsNullOrEmpty(h.Salt)).ToArray();
        if (v1.Select(h => h.Salt).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            failures.Add(
                $"Holdouts {string.Join(", ", v1.Select(h => $"'{h.Name}' (salt '{h.Salt}')"))} use growthbook-v1 with different salts: " +
                "its buckets for different salts are correlated, not independent, so their sample-ratio checks would be wrong. " +
                "Give them one salt (in a layer, or with nested ranges), or use growthbook-v2.");
        }
    }

    private static void ValidateLayers(IList<HoldoutOptions> holdouts, List<string> failures)
    {
        foreach (var layer in holdouts.Where(h => h?.Layer is not null).GroupBy(h => h.Layer!, StringComparer.Ordinal))
        {
            var members = layer.OrderBy(h => h.BucketStart).ToArray();

            // Compared with the member reaching furthest so far, not just the one before: a wide
            // range can cover several later ones that do not overlap each other.
            var reach = members[0];
            for (var i = 0; i < members.Length; i++)
            {
                if (!string.Equals(members[i].Salt, members[0].Salt, StringComparison.Ordinal) || !HasherScheme.Same(members[i].Hasher, members[0].Hasher))
                {
                    failures.Add($"Holdout '{members[i].Name}' is in layer '{layer.Key}' but its salt or hasher differs from '{members[0].Name}'; holdouts in one layer share both.");
                }

                // A holdout at 0% (one not started yet) holds no bucket: it overlaps nothing, wherever it starts.
                if (i > 0 && members[i].BasisPoints > 0 && members[i].BucketStart < End(reach))
                {
                    failures.Add($"Holdout '{members[i].Name}' overlaps holdout '{reach.Name}' in layer '{layer.Key}'.");
                }

                if (End(members[i]) > End(reach))
                {
                    reach = members[i];
                }
            }
        }
    }

    private static long End(HoldoutOptions holdout) => (long)holdout.BucketStart + holdout.BasisPoints;
}
