using System.Globalization;
using Personalize.Evaluation.Data;

namespace Personalize.Evaluation.Tests.Cli;

/// <summary>The exit codes the harness's README promises: 1 for a run that fails, whatever failed.</summary>
public sealed class ProgramTests
{
    [Fact]
    public void A_log_too_small_for_the_protocol_fails_the_run_with_exit_code_1()
    {
        var data = WriteMovieTweetings(users: 2, movies: 2);
        try
        {
            // Nothing survives the 5-interaction filters, so there is no time to split at.
            Assert.Equal(1, Program.Main(["--data", data.FullName, "--dataset", MovieTweetingsLoader.Name, "--quiet"]));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_validation_window_without_test_users_fails_the_run_with_exit_code_1()
    {
        var data = WriteMovieTweetings(users: 8, movies: 8);
        try
        {
            Assert.Equal(1, Program.Main(["--data", data.FullName, "--dataset", MovieTweetingsLoader.Name, "--quiet", "--no-ablation", "--no-prequential", "--validation", "40"]));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--sdk-weights", "popularity=2000000")]
    [InlineData("--sdk-max-per-category", "10001")]
    [InlineData("--sdk-popularity-half-life", "1e-13")]
    [InlineData("--learn-weights-test", "pool", "--validation", "2")]
    [InlineData("--learn-weights", "--ratings-as-views")]
    [InlineData("--tune", "--validation", "1")]
    public void A_command_line_the_run_would_fail_on_or_ignore_exits_with_code_2_before_reading_data(params string[] options)
    {
        var data = WriteMovieTweetings(users: 8, movies: 8);
        try
        {
            Assert.Equal(2, Program.Main(["--data", data.FullName, "--dataset", MovieTweetingsLoader.Name, "--quiet", "--no-ablation", "--no-prequential", .. options]));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_json_out_path_in_a_missing_folder_exits_with_code_2_before_the_run()
    {
        var data = WriteMovieTweetings(users: 8, movies: 8);
        try
        {
            var path = Path.Combine(data.FullName, "no-such-folder", "report.json");

            Assert.Equal(2, Program.Main(["--data", data.FullName, "--dataset", MovieTweetingsLoader.Name, "--quiet", "--no-ablation", "--no-prequential", "--validation", "1", "--json-out", path]));
            Assert.Equal(2, Program.Main(["--data", data.FullName, "--dataset", MovieTweetingsLoader.Name, "--quiet", "--json-out", data.FullName]));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_writable_json_out_path_is_only_checked_and_not_left_behind_by_a_failed_run()
    {
        var data = WriteMovieTweetings(users: 2, movies: 2);
        try
        {
            var path = Path.Combine(data.FullName, "report.json");

            Assert.Equal(1, Program.Main(["--data", data.FullName, "--dataset", MovieTweetingsLoader.Name, "--quiet", "--json-out", path]));
            Assert.False(File.Exists(path));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>A MovieTweetings-shaped folder where every user rates every movie 8, one a minute.</summary>
    private static DirectoryInfo WriteMovieTweetings(int users, int movies)
    {
        var root = Directory.CreateTempSubdirectory("eval-program-");
        var folder = Directory.CreateDirectory(Path.Combine(root.FullName, MovieTweetingsLoader.Name));
        var seconds = 1_360_000_000L;
        var ratings = new List<string>();
        for (var u = 0; u < users; u++)
        {
            for (var m = 0; m < movies; m++)
            {
                ratings.Add(string.Create(CultureInfo.InvariantCulture, $"{u}::{m}::8::{seconds += 60}"));
            }
        }

        File.WriteAllLines(Path.Combine(folder.FullName, "ratings.dat"), ratings);
        File.WriteAllLines(Path.Combine(folder.FullName, "movies.dat"), Enumerable.Range(0, movies).Select(m => $"{m}::Movie {m} (2013)::Drama"));
        return root;
    }
}
