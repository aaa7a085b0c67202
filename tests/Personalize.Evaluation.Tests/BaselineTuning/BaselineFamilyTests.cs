using Personalize.Evaluation.BaselineTuning;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Tests.BaselineTuning;

public sealed class BaselineFamilyTests
{
    [Fact]
    public void A_family_reads_and_writes_its_own_values_of_the_settings()
    {
        var settings = BaselineDefaults.Untuned;

        Assert.All(BaselineFamily.All, family => Assert.All(family.Points, values =>
        {
            var moved = family.With(settings, values);
            Assert.Equal(values, family.ValuesOf(moved));
            Assert.Equal(family.Create(values, null).Name, family.Name);
        }));
    }

    [Fact]
    public void Every_recorded_default_is_a_point_the_tuning_tries()
    {
        Assert.Equal(DatasetLoader.Names.Order(), BaselineDefaults.ByDataset.Keys.Order());
        Assert.All(BaselineDefaults.ByDataset.Values.Append(BaselineDefaults.Untuned), settings => Assert.All(BaselineFamily.All, family =>
        {
            var values = family.ValuesOf(settings);
            var stageOne = family.Points.Any(p => p.SequenceEqual(values));
            var stageTwo = family.Refine?.Invoke(values).Any(p => p.SequenceEqual(values)) ?? false;
            Assert.True(stageOne || stageTwo, $"{family.Name}: {family.Describe(values)} is not on the grid.");
        }));
    }

    [Fact]
    public void A_choice_at_the_end_of_its_grid_is_flagged_unless_the_end_is_a_natural_bound()
    {
        IReadOnlyList<double>[] tried = [[0, 10], [0.5, 20], [1, double.PositiveInfinity]];

        // 0 and ∞ (every neighbour) are natural bounds; 10 is the smallest k tried and 1 the largest α.
        Assert.False(BaselineFamily.IsAtGridEdge([0.5, double.PositiveInfinity], tried));
        Assert.False(BaselineFamily.IsAtGridEdge([0, 20], tried));
        Assert.True(BaselineFamily.IsAtGridEdge([0.5, 10], tried));
        Assert.True(BaselineFamily.IsAtGridEdge([1, 20], tried));
        Assert.Equal("α 0.5, β 0.3, k all", BaselineFamily.Rp3Beta.Describe([0.5, 0.3, double.PositiveInfinity]));
    }
}
