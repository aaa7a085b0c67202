namespace Personalize.Sdk.Learning;

/// <summary>
/// Where a slate is while it is filled slot by slot: which pool positions are shown, and for each
/// position how many shown items share its category. Each step is O(pool), so filling a slate is
/// O(pool × slots), whoever asks: the request path choosing, or the learner scoring a logged slate.
/// </summary>
internal ref struct SlateState
{
    private readonly ReadOnlySpan<int> _categories;
    private readonly int _maxPerCategory;
    private readonly Span<bool> _shown;
    private readonly Span<int> _sameShown;

    /// <param name="categories">Each pool position's category id; negative for none, never capped.</param>
    /// <param name="maxPerCategory">The diversity cap; 0 for none.</param>
    /// <param name="shown">Scratch of the pool's length; cleared here.</param>
    /// <param name="sameShown">Scratch of the pool's length; cleared here.</param>
    public SlateState(ReadOnlySpan<int> categories, int maxPerCategory, Span<bool> shown, Span<int> sameShown)
    {
        _categories = categories;
        _maxPerCategory = maxPerCategory;
        _shown = shown[..categories.Length];
        _sameShown = sameShown[..categories.Length];
        _shown.Clear();
        _sameShown.Clear();
        Left = categories.Length;
    }

    /// <summary>How many pool positions are not shown yet.</summary>
    public int Left { get; private set; }

    /// <summary>The best-scored position not shown whose category is under the cap, else the best not shown; ties to the lower position.</summary>
    public readonly int Greedy(ReadOnlySpan<float> scores)
    {
        int best = -1, bestCapped = -1;
        for (var position = 0; position < _shown.Length; position++)
        {
            if (_shown[position])
            {
                continue;
            }

            if (_maxPerCategory > 0 && _categories[position] >= 0 && _sameShown[position] >= _maxPerCategory)
            {
                if (bestCapped < 0 || scores[position] > scores[bestCapped])
                {
                    bestCapped = position;
                }
            }
            else if (best < 0 || scores[position] > scores[best])
            {
                best = position;
            }
        }

        return best >= 0 ? best : bestCapped;
    }

    /// <summary>The probability that a policy whose greedy choice is <paramref name="greedy"/>, exploring with <paramref name="epsilon"/>, chooses <paramref name="choice"/> now.</summary>
    public readonly double Probability(int choice, int greedy, double epsilon) =>
        (choice == greedy ? 1 - epsilon : 0) + (epsilon / Left);

    /// <summary>(1 - epsilon) times the greedy choice's value plus epsilon times the mean value of the positions left.</summary>
    public readonly double ExpectedValue(ReadOnlySpan<float> scores, ReadOnlySpan<double> values, double epsilon)
    {
        double sum = 0;
        for (var position = 0; position < values.Length; position++)
        {
            sum += _shown[position] ? 0 : values[position];
        }

        return ((1 - epsilon) * values[Greedy(scores)]) + (epsilon * sum / Left);
    }

    /// <summary>The <paramref name="n"/>-th position not shown yet, counting from 0.</summary>
    public readonly int NthNotShown(int n)
    {
        for (var position = 0; ; position++)
        {
            if (!_shown[position] && n-- == 0)
            {
                return position;
            }
        }
    }

    public void Show(int position)
    {
        _shown[position] = true;
        Left--;
        var category = _categories[position];
        if (category < 0)
        {
            return;
        }

        for (var other = 0; other < _sameShown.Length; other++)
        {
            _sameShown[other] += _categories[other] == category ? 1 : 0;
        }
    }
}
