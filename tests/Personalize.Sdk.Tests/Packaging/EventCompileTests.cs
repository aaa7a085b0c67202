using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// What user code cannot write against the SDK: an event's kind-specific data cannot be set on
/// another kind, because the compiler refuses it (compiled here with Roslyn against the built SDK).
/// </summary>
public sealed class EventCompileTests
{
    private static readonly MetadataReference[] References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(PersonalizationEvent).Assembly.Location),
    ];

    [Theory]
    [InlineData("Consent = ConsentFlags.None")]
    [InlineData("Quantity = 3")]
    [InlineData("Revenue = 9.99m")]
    [InlineData("RatingValue = 1f")]
    [InlineData("PreferenceTarget = PreferenceTarget.Category")]
    [InlineData("PreferenceName = \"books\"")]
    [InlineData("PreferenceValue = \"Acme\"")]
    [InlineData("Likes = true")]
    [InlineData("Kind = EventKind.Purchase")]
    [InlineData("ItemKey = \"other\"")]
    [InlineData("UserKey = \"other\"")]
    public void Kind_specific_data_cannot_be_set_with_with(string assignment)
    {
        var errors = Compile($"var e = PersonalizationEvent.View(\"user\", \"boots\") with {{ {assignment} }};");

        Assert.Contains(errors, error => error.Id == "CS0200"); // property or indexer cannot be assigned to: it is read only
    }

    [Fact]
    public void Kind_specific_data_cannot_be_set_in_an_object_initializer_either()
    {
        var errors = Compile("var e = new PersonalizationEvent { Consent = ConsentFlags.None };");

        Assert.Contains(errors, error => error.Id == "CS0200");
    }

    [Fact]
    public void The_timestamp_can_be_set_with_with_on_any_kind()
    {
        var errors = Compile(
            "var at = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);\n" +
            "var e = PersonalizationEvent.ConsentWithdrawn(\"user\") with { Timestamp = at };\n" +
            "var p = PersonalizationEvent.Purchase(\"user\", \"boots\", quantity: 2, revenue: 9.99m) with { Timestamp = at };");

        Assert.Empty(errors);
    }

    private static Diagnostic[] Compile(string statements)
    {
        var source = "using System;\nusing Personalize.Sdk;\n" + statements;
        var compilation = CSharpCompilation.Create(
            "UserCode",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)];
    }
}
