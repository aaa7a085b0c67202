using System.Numerics.Tensors;

namespace Personalize.Evaluation.LinearAlgebra;

/// <summary>
/// Inverts a dense symmetric positive-definite matrix in place, through its Cholesky factor:
/// A = L·Lᵀ, M = L⁻¹, A⁻¹ = Mᵀ·M. Row-major, one array, O(n) extra memory.
/// </summary>
/// <remarks>
/// Each of the three steps costs about n³/6 multiply-adds, and each inner loop is a dot product of
/// two contiguous row segments (<see cref="TensorPrimitives.Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>,
/// vectorised). Where a step needs a column, it is first copied into the unused triangle as a row.
/// Rows are processed in blocks, so a row read from memory serves the whole block: without that,
/// the steps are bound by memory bandwidth, not arithmetic.
/// </remarks>
internal static class CholeskyInverse
{
    /// <summary>Rows per block: enough to reuse each streamed row many times, few enough to stay in cache.</summary>
    private const int BlockRows = 16;

    /// <summary>Replaces <paramref name="matrix"/> (<paramref name="size"/> × <paramref name="size"/>, row-major, symmetric positive definite) by its inverse.</summary>
    /// <exception cref="ArgumentException">The matrix is not positive definite (or not square).</exception>
    public static void InvertInPlace(Span<double> matrix, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (matrix.Length != size * size)
        {
            throw new ArgumentException($"Expected {size} × {size} values, got {matrix.Length}.", nameof(matrix));
        }

        var diagonal = new double[size];
        Factor(matrix, size, diagonal);
        MirrorLowerToUpper(matrix, size);
        InvertFactor(matrix, size, diagonal);
        MirrorLowerToUpper(matrix, size);
        MultiplyTransposeByItself(matrix, size, diagonal);
        MirrorLowerToUpper(matrix, size);
    }

    /// <summary>
    /// Writes L into the lower triangle (Cholesky–Banachiewicz, row by row) and its diagonal into
    /// <paramref name="diagonal"/>. L[i][j] = (A[i][j] − L[i][..j]·L[j][..j]) / L[j][j].
    /// </summary>
    private static void Factor(Span<double> a, int n, Span<double> diagonal)
    {
        for (var i0 = 0; i0 < n; i0 += BlockRows)
        {
            var i1 = Math.Min(i0 + BlockRows, n);

            // Columns left of the block: every row of the block against one finished row j at a time.
            for (var j = 0; j < i0; j++)
            {
                ReadOnlySpan<double> rowJ = a.Slice(j * n, j);
                var pivot = diagonal[j];
                for (var i = i0; i < i1; i++)
                {
                    ref var cell = ref a[(i * n) + j];
                    cell = (cell - TensorPrimitives.Dot<double>(a.Slice(i * n, j), rowJ)) / pivot;
                }
            }

            // The block's own triangle, in order.
            for (var i = i0; i < i1; i++)
            {
                for (var j = i0; j <= i; j++)
                {
                    var rest = a[(i * n) + j] - TensorPrimitives.Dot<double>(a.Slice(i * n, j), a.Slice(j * n, j));
                    if (i == j)
                    {
                        if (!(rest > 0))
                        {
                            throw new ArgumentException($"The matrix is not positive definite (pivot {i} is {rest}).", nameof(a));
                        }

                        diagonal[i] = a[(i * n) + i] = Math.Sqrt(rest);
                    }
                    else
                    {
                        a[(i * n) + j] = rest / diagonal[j];
                    }
                }
            }
        }
    }

    /// <summary>
    /// M = L⁻¹ into the lower triangle, with L's columns read from the upper triangle (row j holds
    /// L[j+1..][j]). From M·L = I: M[i][i] = 1 / L[i][i] and, for j &lt; i,
    /// M[i][j] = −(M[i][j+1..i] · L[j+1..i][j]) / L[j][j], filled from the diagonal leftwards.
    /// </summary>
    private static void InvertFactor(Span<double> a, int n, ReadOnlySpan<double> diagonal)
    {
        for (var i0 = 0; i0 < n; i0 += BlockRows)
        {
            var i1 = Math.Min(i0 + BlockRows, n);
            for (var i = i0; i < i1; i++)
            {
                a[(i * n) + i] = 1 / diagonal[i];
            }

            for (var j = i1 - 2; j >= 0; j--)
            {
                var pivot = diagonal[j];
                for (var i = Math.Max(i0, j + 1); i < i1; i++)
                {
                    var length = i - j;
                    a[(i * n) + j] = -TensorPrimitives.Dot<double>(a.Slice((i * n) + j + 1, length), a.Slice((j * n) + j + 1, length)) / pivot;
                }
            }
        }
    }

    /// <summary>
    /// A⁻¹ = Mᵀ·M into the lower triangle, with M's columns read from the upper triangle (row r
    /// holds M[r..][r]): (Mᵀ·M)[r][c] = Σ over k ≥ r of M[k][r]·M[k][c], for c ≤ r. The diagonal is
    /// written last, because each row's own diagonal cell is still an input while that row is computed.
    /// </summary>
    private static void MultiplyTransposeByItself(Span<double> a, int n, Span<double> scratch)
    {
        for (var r0 = 0; r0 < n; r0 += BlockRows)
        {
            var r1 = Math.Min(r0 + BlockRows, n);
            for (var c = 0; c < r1; c++)
            {
                for (var r = Math.Max(r0, c); r < r1; r++)
                {
                    var length = n - r;
                    var value = TensorPrimitives.Dot<double>(a.Slice((r * n) + r, length), a.Slice((c * n) + r, length));
                    if (r == c)
                    {
                        scratch[r] = value;
                    }
                    else
                    {
                        a[(r * n) + c] = value;
                    }
                }
            }
        }

        for (var r = 0; r < n; r++)
        {
            a[(r * n) + r] = scratch[r];
        }
    }

    /// <summary>Copies the strict lower triangle onto the strict upper one (a[j][k] = a[k][j] for k &gt; j), in tiles for the cache.</summary>
    private static void MirrorLowerToUpper(Span<double> a, int n)
    {
        const int Tile = 64;
        for (var k0 = 0; k0 < n; k0 += Tile)
        {
            for (var j0 = 0; j0 <= k0; j0 += Tile)
            {
                var k1 = Math.Min(k0 + Tile, n);
                var j1 = Math.Min(j0 + Tile, n);
                for (var k = k0; k < k1; k++)
                {
                    for (var j = j0; j < Math.Min(j1, k); j++)
                    {
                        a[(j * n) + k] = a[(k * n) + j];
                    }
                }
            }
        }
    }
}
