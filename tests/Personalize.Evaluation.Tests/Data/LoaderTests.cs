using Personalize.Evaluation.Data;
using Personalize.Sdk;

namespace Personalize.Evaluation.Tests.Data;

public sealed class LoaderTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Fact]
    public void Uci_keeps_clean_purchases_of_products_one_event_per_customer_product_invoice()
    {
        var csv = Header +
            "1,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01T08:26:00,2.55,17850,United Kingdom\n" +
            "1,85123a,WHITE HANGING HEART T-LIGHT HOLDER,2,2010-12-01T08:26:00,2.55,17850,United Kingdom\n" + // same product, lower case: merged
            "2,85123A,\"HEART HOLDER, WHITE\",1,2010-12-02T09:00:00,2.55,17850,United Kingdom\n" + // a second invoice: a second event
            "C3,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-1,2010-12-03T09:00:00,2.55,17850,United Kingdom\n" + // cancellation
            "4,85123A,WHITE HANGING HEART T-LIGHT HOLDER,1,2010-12-03T09:00:00,2.55,,United Kingdom\n" + // no customer
            "5,POST,POSTAGE,1,2010-12-03T09:00:00,18,12583,France\n" + // not a product
            "6,22752,SET 7 BABUSHKA NESTING BOXES,0,2010-12-03T09:00:00,7.65,12583,France\n" + // quantity 0
            "7,22752,SET 7 BABUSHKA NESTING BOXES,2,2010-12-03T09:00:00,0,12583,France\n" + // price 0
            "8,22752,SET 7 BABUSHKA NESTING BOXES,2,2010-11-30T23:59:00,7.65,12583,France\n";

        var dataset = UciOnlineRetailLoader.Read(new StringReader(csv));

        Assert.Equal(EventKind.Purchase, dataset.EventKind);
        Assert.Equal(
            [
                new Interaction("12583", "22752", new DateTimeOffset(2010, 11, 30, 23, 59, 0, TimeSpan.Zero), 2, 15.30m),
                new Interaction("17850", "85123A", new DateTimeOffset(2010, 12, 1, 8, 26, 0, TimeSpan.Zero), 8, 20.40m),
                new Interaction("17850", "85123A", new DateTimeOffset(2010, 12, 2, 9, 0, 0, TimeSpan.Zero), 1, 2.55m),
            ],
            dataset.Interactions);
        var holder = dataset.Catalog.Single(i => i.Key == "85123A");
        Assert.Equal("WHITE HANGING HEART T-LIGHT HOLDER", holder.Title);
        Assert.Equal("HOLDER", holder.Category);
        Assert.Equal("BOXES", dataset.Catalog.Single(i => i.Key == "22752").Category);
    }

    [Fact]
    public void Uci_needs_its_columns()
    {
        Assert.Throws<FormatException>(() => UciOnlineRetailLoader.Read(new StringReader("InvoiceNo,StockCode\n1,2\n")));
    }

    [Fact]
    public void Movietweetings_keeps_ratings_of_7_or_more_as_ratings_scaled_to_0_1_with_genres_as_category_and_attributes()
    {
        var ratings = "1::0114508::8::1365029107\n1::0499549::6::1365029000\n2::0114508::7::1365000000\n3::1853728::10::1366576639\n";
        var movies = "0114508::Heat (1995)::Crime|Drama|Thriller\n0499549::Avatar (2009)::Action\n1853728::Django Unchained (2012)::\n";

        var dataset = MovieTweetingsLoader.Read(new StringReader(ratings), new StringReader(movies));

        Assert.Equal(
            [
                new Interaction("2", "0114508", DateTimeOffset.FromUnixTimeSeconds(1365000000), Rating: 0.7f),
                new Interaction("1", "0114508", DateTimeOffset.FromUnixTimeSeconds(1365029107), Rating: 0.8f),
                new Interaction("3", "1853728", DateTimeOffset.FromUnixTimeSeconds(1366576639), Rating: 1f),
            ],
            dataset.Interactions);
        Assert.Equal(EventKind.Rating, dataset.EventKind);
        var heat = dataset.Catalog.Single(i => i.Key == "0114508");
        Assert.Equal("Heat (1995)", heat.Title);
        Assert.Equal("Crime", heat.Category);
        Assert.Equal(["genre=Crime", "genre=Drama", "genre=Thriller"], heat.Attributes.Keys.Order());
        Assert.Null(dataset.Catalog.Single(i => i.Key == "1853728").Category);
        Assert.DoesNotContain(dataset.Catalog, i => i.Key == "0499549");
    }

    [Fact]
    public void Movietweetings_can_read_only_the_first_lines()
    {
        var ratings = "1::0114508::8::1365029107\n2::0114508::9::1365000000\n";
        var movies = "0114508::Heat (1995)::Crime\n";

        var dataset = MovieTweetingsLoader.Read(new StringReader(ratings), new StringReader(movies), maxRatingLines: 1);

        Assert.Single(dataset.Interactions);
    }

    [Fact]
    public void The_repository_root_is_the_first_folder_up_holding_the_solution()
    {
        var root = Directory.CreateTempSubdirectory("eval-root-");
        try
        {
            var repository = Directory.CreateDirectory(Path.Combine(root.FullName, "main"));
            File.WriteAllText(Path.Combine(repository.FullName, DatasetLoader.SolutionFileName), string.Empty);
            var deep = Directory.CreateDirectory(Path.Combine(repository.FullName, "samples", "x", "bin"));
            var outside = Directory.CreateDirectory(Path.Combine(root.FullName, "elsewhere"));

            // The search stops at the folder this test made: what lies above it (the system temp
            // folder's parents, perhaps inside a repository) never counts.
            Assert.Equal(repository.FullName, DatasetLoader.FindRepositoryRoot([deep.FullName], stopAt: root.FullName));
            Assert.Null(DatasetLoader.FindRepositoryRoot([outside.FullName], stopAt: root.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_repository_root_search_looks_in_its_stop_folder_and_never_above_it()
    {
        var root = Directory.CreateTempSubdirectory("eval-root-");
        try
        {
            // The solution sits above the stop folder: not found. In the stop folder: found.
            File.WriteAllText(Path.Combine(root.FullName, DatasetLoader.SolutionFileName), string.Empty);
            var stop = Directory.CreateDirectory(Path.Combine(root.FullName, "stop"));
            var deep = Directory.CreateDirectory(Path.Combine(stop.FullName, "a", "b"));

            Assert.Equal(root.FullName, DatasetLoader.FindRepositoryRoot([deep.FullName]));
            Assert.Null(DatasetLoader.FindRepositoryRoot([deep.FullName], stopAt: stop.FullName));

            File.WriteAllText(Path.Combine(stop.FullName, DatasetLoader.SolutionFileName), string.Empty);
            Assert.Equal(stop.FullName, DatasetLoader.FindRepositoryRoot([deep.FullName], stopAt: stop.FullName));

            // A start outside the stop folder is not looked in at all.
            Assert.Null(DatasetLoader.FindRepositoryRoot([root.FullName], stopAt: stop.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_default_data_folder_is_shared_data_beside_the_repository_root()
    {
        // The real layout: the repository at <root>/main (holding the solution), the data at <root>/shared/data.
        var root = Directory.CreateTempSubdirectory("eval-layout-");
        try
        {
            var repository = Directory.CreateDirectory(Path.Combine(root.FullName, "main"));
            File.WriteAllText(Path.Combine(repository.FullName, DatasetLoader.SolutionFileName), string.Empty);
            var bin = Directory.CreateDirectory(Path.Combine(repository.FullName, "samples", "Personalize.Evaluation", "bin", "Release", "net10.0"));
            var data = Directory.CreateDirectory(Path.Combine(root.FullName, "shared", "data"));

            var elsewhere = Directory.CreateDirectory(Path.Combine(root.FullName, "elsewhere"));

            // From the repository root (dotnet run), and from the app's folder when run from anywhere
            // else; never looking above the folder this test made.
            Assert.Equal(data.FullName, DatasetLoader.ResolveDataDirectory(null, null, [repository.FullName], stopAt: root.FullName));
            Assert.Equal(data.FullName, DatasetLoader.ResolveDataDirectory(null, null, [elsewhere.FullName, bin.FullName], stopAt: root.FullName));

            // --data wins over the environment variable, which wins over the default.
            var other = Directory.CreateDirectory(Path.Combine(root.FullName, "other"));
            Assert.Equal(other.FullName, DatasetLoader.ResolveDataDirectory(null, other.FullName, [repository.FullName], stopAt: root.FullName));
            Assert.Equal(data.FullName, DatasetLoader.ResolveDataDirectory(data.FullName, other.FullName, [repository.FullName], stopAt: root.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_data_folder_is_named_in_the_error()
    {
        // The default folder is <root>/shared/data beside the repository <root>/main: inside a
        // folder this test creates, and never creates itself, so it certainly does not exist.
        var root = Directory.CreateTempSubdirectory("eval-layout-");
        try
        {
            var repository = Directory.CreateDirectory(Path.Combine(root.FullName, "main"));
            File.WriteAllText(Path.Combine(repository.FullName, DatasetLoader.SolutionFileName), string.Empty);
            var expected = Path.Combine(root.FullName, "shared", "data");

            var missing = Assert.Throws<DirectoryNotFoundException>(() => DatasetLoader.ResolveDataDirectory(null, null, [repository.FullName], stopAt: root.FullName));

            Assert.False(Directory.Exists(expected));
            Assert.Contains($"'{expected}'", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_a_repository_root_the_error_names_the_solution_file()
    {
        var root = Directory.CreateTempSubdirectory("eval-layout-");
        try
        {
            var outside = Directory.CreateDirectory(Path.Combine(root.FullName, "not-a-repository"));

            var noRoot = Assert.Throws<DirectoryNotFoundException>(() => DatasetLoader.ResolveDataDirectory(null, null, [outside.FullName], stopAt: root.FullName));

            Assert.Contains(DatasetLoader.SolutionFileName, noRoot.Message, StringComparison.Ordinal);
            Assert.Contains($"'{outside.FullName}'", noRoot.Message, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
