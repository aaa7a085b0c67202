namespace Personalize.Sdk.Learning;

/// <summary>
/// Where a slate is while it is filled slot by slot: which pool positions are shown, and for each
/// position how many shown items share its category. A position not shown is open while its
/// category is under the cap; greedy and exploration alike choose among the open ones, or among
/// every one not shown when none is open. Each step is O(pool), so filling a slate is
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
        Open = categories.Length;
    }

    /// <summary>How many pool positions are not shown yet.</summary>
    public int Left { get; private set; }

    /// <summary>How many pool positions not shown yet are under the cap.</summary>
    public int Open { get; private set; }

    /// <summary>How many positions an exploring draw chooses among: the open ones, or, when none is, every one not shown (as greedy falls back).</summary>
    public readonly int Drawable => Open > 0 ? Open : Left;

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

            if (Capped(position))
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
        (choice == greedy ? 1 - epsilon : 0) + (IsDrawable(choice) ? epsilon / Drawable : 0);

    /// <summary>The probability that an exploring draw chooses <paramref name="choice"/> now: 1 over <see cref="Drawable"/> if it is among them, else 0.</summary>
    public readonly double DrawProbability(int choice) => IsDrawable(choice) ? 1.0 / Drawable : 0;

    /// <summary>(1 - epsilon) times the greedy choice's value plus epsilon times the mean value of the drawable positions.</summary>
    public readonly double ExpectedValue(ReadOnlySpan<float> scores, ReadOnlySpan<double> values, double epsilon)
    {
        double sum = 0;
        for (var position = 0; position < values.Length; position++)
        {
            sum += IsDrawable(position) ? values[position] : 0;
        }

        return ((1 - epsilon) * values[Greedy(scores)]) + (epsilon * sum / Drawable);
    }

    /// <summary>The <paramref name="n"/>-th drawable position, counting from 0; <paramref name="n"/> is below <see cref="Drawable"/>.</summary>
    public readonly int NthDrawable(int n)
    {
        for (var position = 0; ; position++)
        {
            if (IsDrawable(position) && n-- == 0)
            {
                return position;
            }
        }
    }

    public void Show(int position)
    {
        Open -= Capped(position) ? 0 : 1;
        _shown[position] = true;
        Left--;
        var category = _categories[position];
        if (category < 0)
        {
            return;
        }

        for (var other = 0; other < _sameShown.Length; other++)
        {
            if (_categories[other] == category && ++_sameShown[other] == _maxPerCategory && !_shown[other])
            {
                // Its category just reached the cap: no longer open.
                Open--;
            }
        }
    }

    private readonly bool Capped(int position) =>
        _maxPerCategory > 0 && _categories[position] >= 0 && _sameShown[position] >= _maxPerCategory;

    private readonly bool IsDrawable(int position) => !_shown[position] && (Open == 0 || !Capped(position));
}
