using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>The SDK's XML documentation file, as the build wrote it beside the assembly, for tests that hold the docs to what the code does.</summary>
internal static partial class XmlDocs
{
    private static readonly Lazy<XDocument> File = new(() =>
        XDocument.Load(Path.ChangeExtension(typeof(IPersonalizer).Assembly.Location, ".xml")));

    /// <summary>A member's documentation, by its documentation id (<c>P:Personalize.Sdk.Reporting.ItemExplanation.Reason</c>).</summary>
    public static XElement Member(string id) =>
        File.Value.Descendants("member").SingleOrDefault(member => (string?)member.Attribute("name") == id)
        ?? throw new InvalidOperationException($"The SDK's XML documentation has no member {id}.");

    /// <summary>The text of an element with its white space, line breaks included, collapsed to single spaces.</summary>
    public static string Text(XElement element) => WhiteSpace().Replace(element.Value, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
