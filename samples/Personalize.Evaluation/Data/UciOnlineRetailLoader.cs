using System.Globalization;
using System.IO.Compression;
using System.Text;
using Personalize.Sdk;

namespace Personalize.Evaluation.Data;

/// <summary>
/// Loads <c>uci-online-retail/online_retail.csv.gz</c> (UCI Online Retail, Chen 2015, CC BY 4.0).
/// </summary>
/// <remarks>
/// Rows kept: a CustomerID, an InvoiceNo not starting with 'C' (cancellations), Quantity &gt; 0,
/// UnitPrice &gt; 0, and a StockCode that starts with 5 digits (drops POST, DOT, M, BANK CHARGES,
/// gift vouchers and other non-products). StockCodes are upper-cased: 112 of the 117 lower-case
/// codes are the same product as their upper-case twin. One purchase event per (customer, product,
/// invoice): its quantity and revenue are the sums over the invoice's lines, its time the invoice's.
/// InvoiceDate is a naive local clock time; it is read as UTC, consistently, which keeps order and gaps.
/// An item's title is its most frequent description (ties: first seen); its category comes from
/// <see cref="ProductKeyword"/>.
/// </remarks>
internal static class UciOnlineRetailLoader
{
    /// <summary>The data set's folder name.</summary>
    public const string Name = "uci-online-retail";

    /// <summary>The file inside the folder.</summary>
    public const string FileName = "online_retail.csv.gz";

    private static readonly string[] Columns = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"];

    /// <summary>Loads the data set from <paramref name="dataDirectory"/> (the shared data folder).</summary>
    public static Dataset Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, Name, FileName);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        return Read(text);
    }

    /// <summary>Reads the CSV (with its header) from <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">A column is missing or a value cannot be parsed.</exception>
    public static Dataset Read(TextReader text)
    {
        var csv = new CsvReader(text);
        var fields = new List<string>(8);
        if (!csv.TryReadRecord(fields))
        {
            throw new FormatException("The file is empty: a header was expected.");
        }

        var index = Columns.Select(column => fields.IndexOf(column)).ToArray();
        if (Array.IndexOf(index, -1) is var missing and >= 0)
        {
            throw new FormatException($"The header has no column '{Columns[missing]}'.");
        }

        var (invoiceNo, stockCode, description, quantity, invoiceDate, unitPrice, customerId) =
            (index[0], index[1], index[2], index[3], index[4], index[5], index[6]);

        // (customer, product, invoice) -> event index, to merge an invoice's lines of one product.
        var eventIndex = new Dictionary<(string Customer, string Product, string Invoice), int>();
        var events = new List<Interaction>();
        var descriptions = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var productOrder = new List<string>();
        while (csv.TryReadRecord(fields))
        {
            if (fields.Count < Columns.Length)
            {
                throw new FormatException($"Record {csv.RecordNumber} has {fields.Count} fields.");
            }

            var customer = fields[customerId];
            var invoice = fields[invoiceNo];
            var product = fields[stockCode].ToUpperInvariant();
            if (customer.Length == 0 || invoice.StartsWith('C') || !IsProductCode(product))
            {
                continue;
            }

            var units = int.Parse(fields[quantity], NumberStyles.Integer, CultureInfo.InvariantCulture);
            var price = decimal.Parse(fields[unitPrice], NumberStyles.Number, CultureInfo.InvariantCulture);
            if (units <= 0 || price <= 0)
            {
                continue;
            }

            var time = DateTimeOffset.ParseExact(fields[invoiceDate], "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var key = (customer, product, invoice);
            if (eventIndex.TryGetValue(key, out var at))
            {
                var merged = events[at];
                events[at] = merged with
                {
                    Quantity = merged.Quantity + units,
                    Revenue = merged.Revenue + (units * price),
                    Timestamp = time < merged.Timestamp ? time : merged.Timestamp,
                };
            }
            else
            {
                eventIndex.Add(key, events.Count);
                events.Add(new Interaction(customer, product, time, units, units * price));
            }

            if (!descriptions.TryGetValue(product, out var counts))
            {
                counts = new Dictionary<string, int>(StringComparer.Ordinal);
                descriptions.Add(product, counts);
                productOrder.Add(product);
            }

            var title = fields[description];
            if (title.Length > 0)
            {
                counts[title] = counts.GetValueOrDefault(title) + 1;
            }
        }

        var titles = productOrder.ToDictionary(p => p, p => MostFrequent(descriptions[p]), StringComparer.Ordinal);
        var keyword = new ProductKeyword(titles.Values.OfType<string>());
        var catalog = productOrder
            .Select(product => new CatalogItem
            {
                Key = product,
                Title = titles[product],
                Category = titles[product] is { } title ? keyword.CategoryOf(title) : null,
            })
            .ToArray();

        // Stable sort: lines of one time keep the file's order.
        Interaction[] ordered = [.. events.OrderBy(e => e.Timestamp)];
        return new Dataset(Name, catalog, ordered, EventKind.Purchase);
    }

    /// <summary>Whether a (upper-cased) StockCode names a product: it starts with 5 digits.</summary>
    public static bool IsProductCode(string stockCode) =>
        stockCode.Length >= 5 && stockCode.AsSpan(0, 5).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>The most frequent key, the first inserted winning ties; null when there is none.</summary>
    private static string? MostFrequent(Dictionary<string, int> counts)
    {
        string? best = null;
        var bestCount = 0;
        foreach (var (text, count) in counts)
        {
            if (count > bestCount)
            {
                best = text;
                bestCount = count;
            }
        }

        return best;
    }
}
