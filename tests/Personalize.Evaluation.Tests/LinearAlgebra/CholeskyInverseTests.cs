using Personalize.Evaluation.LinearAlgebra;

namespace Personalize.Evaluation.Tests.LinearAlgebra;

public sealed class CholeskyInverseTests
{
    [Fact]
    public void Inverts_a_3_by_3_matrix_to_its_hand_computed_inverse()
    {
        // det [[3,2,1],[2,4,2],[1,2,3]] = 3(12-4) - 2(6-2) + 1(4-4) = 16; the cofactors give
        // [[8,-4,0],[-4,8,-4],[0,-4,8]] / 16.
        double[] matrix = [3, 2, 1, 2, 4, 2, 1, 2, 3];

        CholeskyInverse.InvertInPlace(matrix, 3);

        double[] expected = [0.5, -0.25, 0, -0.25, 0.5, -0.25, 0, -0.25, 0.5];
        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal(expected[i], matrix[i], 12));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(70)]
    public void Times_the_original_gives_the_identity_across_block_boundaries(int size)
    {
        // A = G·Gᵀ + I with a random G is symmetric positive definite.
        var random = new Random(size);
        var g = new double[size * size];
        for (var i = 0; i < g.Length; i++)
        {
            g[i] = random.NextDouble() - 0.5;
        }

        var a = new double[size * size];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                var sum = i == j ? 1d : 0d;
                for (var k = 0; k < size; k++)
                {
                    sum += g[(i * size) + k] * g[(j * size) + k];
                }

                a[(i * size) + j] = sum;
            }
        }

        var inverse = (double[])a.Clone();
        CholeskyInverse.InvertInPlace(inverse, size);

        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                var product = 0d;
                for (var k = 0; k < size; k++)
                {
                    product += a[(i * size) + k] * inverse[(k * size) + j];
                }

                Assert.Equal(i == j ? 1 : 0, product, 9);
                Assert.Equal(inverse[(i * size) + j], inverse[(j * size) + i], 12);
            }
        }
    }

    [Fact]
    public void Refuses_a_matrix_that_is_not_positive_definite()
    {
        // Eigenvalues 3 and -1.
        double[] matrix = [1, 2, 2, 1];

        Assert.Throws<ArgumentException>(() => CholeskyInverse.InvertInPlace(matrix, 2));
    }
}
