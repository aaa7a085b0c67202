namespace Personalize.Sdk.Readiness;

/// <summary>
/// Rolling-window counters kept per thread, so the decision path only does plain adds on memory
/// no other thread writes: no interlocked operation, no shared cache line. The window is
/// <see cref="Steps"/> steps; a thread resets a step when it first writes to it in a new epoch.
/// Reading sums every thread's steps that fall in the window, seqlock-style: a step whose epoch
/// changed while it was read is skipped.
/// </summary>
internal sealed class ReadinessWindow
{
    public const int Steps = 12;

    [ThreadStatic]
    private static ReadinessCells? t_cells;

    // The thread's cells of the window it used before: two personalizers deciding in turn on one
    // thread (two tenants, the live one and a snapshot's shadow) swap these, not take the gate.
    [ThreadStatic]
    private static ReadinessCells? t_previous;

    private readonly Lock _gate = new();
    private readonly long _stepTicks;
    private readonly int _rowLength;
    private readonly int _stepLength;
    private ReadinessCells[] _cells = [];

    public ReadinessWindow(TimeSpan window, int rows, int rowLength)
    {
        _stepTicks = Math.Max(1, window.Ticks / Steps);
        _rowLength = rowLength;
        _stepLength = rows * rowLength;
    }

    /// <summary>This thread's counters of <paramref name="row"/> for the step holding <paramref name="nowTicks"/>.</summary>
    public Span<long> Row(int row, long nowTicks)
    {
        var cells = t_cells;
        if (cells is null || cells.Window != this)
        {
            var previous = t_previous;
            t_previous = cells;
            cells = previous is not null && previous.Window == this ? previous : Claim();
            t_cells = cells;
        }

        var epoch = nowTicks / _stepTicks;
        var step = (int)(epoch % Steps);
        var values = cells.Values.AsSpan(step * _stepLength, _stepLength);
        if (cells.Epochs[step] != epoch)
        {
            // A full fence, so no reader can see the cleared values under the old epoch.
            Interlocked.Exchange(ref cells.Epochs[step], ReadinessCells.Empty);
            values.Clear();
            Volatile.Write(ref cells.Epochs[step], epoch);
        }

        return values.Slice(row * _rowLength, _rowLength);
    }

    /// <summary>One counter of <paramref name="row"/> summed over the window ending at <paramref name="nowTicks"/>; allocates nothing.</summary>
    public long Sum(int row, int counter, long nowTicks)
    {
        Span<long> total = stackalloc long[1];
        SumInto(row * _rowLength + counter, nowTicks, total, stackalloc long[1]);
        return total[0];
    }

    /// <summary>Every counter of <paramref name="row"/> summed over the window ending at <paramref name="nowTicks"/>.</summary>
    public long[] Sum(int row, long nowTicks)
    {
        var totals = new long[_rowLength];
        SumInto(row * _rowLength, nowTicks, totals, new long[_rowLength]);
        return totals;
    }

    /// <summary>Adds the counters at <paramref name="offset"/> of every thread's steps in the window into <paramref name="totals"/>.</summary>
    private void SumInto(int offset, long nowTicks, Span<long> totals, Span<long> read)
    {
        var current = nowTicks / _stepTicks;
        foreach (var cells in Volatile.Read(ref _cells))
        {
            for (var step = 0; step < Steps; step++)
            {
                var epoch = Volatile.Read(ref cells.Epochs[step]);
                if (!InWindow(epoch, current))
                {
                    continue;
                }

                cells.Values.AsSpan(step * _stepLength + offset, read.Length).CopyTo(read);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref cells.Epochs[step]) == epoch)
                {
                    for (var i = 0; i < read.Length; i++)
                    {
                        totals[i] += read[i];
                    }
                }
            }
        }
    }

    private static bool InWindow(long epoch, long current) => epoch != ReadinessCells.Empty && epoch <= current && epoch > current - Steps;

    /// <summary>Finds this thread's cells (or a dead thread's with the same id), else adds new ones.</summary>
    private ReadinessCells Claim()
    {
        var id = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            foreach (var existing in _cells)
            {
                if (existing.OwnerThreadId == id)
                {
                    return existing;
                }
            }

            var cells = new ReadinessCells(this, id, Steps, _stepLength);
            Volatile.Write(ref _cells, [.. _cells, cells]);
            return cells;
        }
    }
}
