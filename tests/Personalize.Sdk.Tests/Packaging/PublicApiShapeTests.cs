using System.Reflection;
using System.Runtime.CompilerServices;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>Pins the shape of the public API promised for 1.0, read from the compiled assembly.</summary>
public sealed class PublicApiShapeTests
{
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Type[] Exported = typeof(IPersonalizer).Assembly.GetExportedTypes();

    [Fact]
    public void The_public_types_live_in_four_namespaces()
    {
        var namespaces = Exported.Select(type => type.Namespace ?? "").Distinct().Order().ToArray();

        Assert.Equal(
            new[] { "Microsoft.Extensions.DependencyInjection", "Personalize.Sdk", "Personalize.Sdk.Extensibility", "Personalize.Sdk.Reporting" },
            namespaces);
    }

    [Fact]
    public void The_root_namespace_holds_what_a_newcomer_needs_and_fits_on_one_screen()
    {
        var root = Exported.Where(type => type.Namespace == "Personalize.Sdk").Select(type => type.Name).ToArray();

        Assert.Contains(nameof(IPersonalizer), root);
        Assert.Contains(nameof(PersonalizationRequest), root);
        Assert.Contains(nameof(PersonalizationEvent), root);
        Assert.Contains(nameof(Decision), root);
        Assert.Contains(nameof(CatalogItem), root);
        Assert.InRange(root.Length, 1, 40);

        // The README's "API on one screen" counts them: change both together.
        Assert.Equal(29, root.Length);
    }

    [Fact]
    public void A_default_public_struct_honours_its_non_null_annotations()
    {
        // default(T) runs no constructor: a reference property annotated non-null must still not
        // return null from it, or a caller trusting the annotation throws a NullReferenceException.
        var context = new NullabilityInfoContext();
        var failures = new List<string>();
        foreach (var type in Exported.Where(type => type.IsValueType && !type.IsEnum && !type.IsByRefLike))
        {
            var value = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.GetIndexParameters().Length == 0 && !property.PropertyType.IsValueType && !property.PropertyType.IsByRefLike))
            {
                if (context.Create(property).ReadState == NullabilityState.NotNull && property.GetValue(value) is null)
                {
                    failures.Add($"default({type.Name}).{property.Name}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Null on a default instance: " + string.Join(", ", failures));

        // A ref struct cannot be boxed for reflection: its non-null strings are read by hand.
        Assert.Equal(string.Empty, default(Exposure).UnitKey);
        Assert.Equal(string.Empty, default(Exposure).Holdout);
    }

    [Fact]
    public void A_default_ranked_item_or_holdout_assignment_is_still_refused_where_a_real_one_is_needed()
    {
        var info = new DecisionInfo(Guid.CreateVersion7(), DecisionVariant.Personalized, DateTimeOffset.UnixEpoch, null, DecisionReason.Profile, PersonalizationRequest.DefaultPlacement);

        // (A default RankedItem or DecisionInfo given to Decision: TestFakeTests.)
        Assert.Throws<ArgumentException>("assignment", () => { _ = new Exposure(Guid.Empty, "unit", default(HoldoutAssignment), DecisionVariant.Personalized, [], DateTimeOffset.UnixEpoch); });

        // A constructed value keeps what it was given, an empty key included.
        Assert.Equal(string.Empty, new Exposure(Guid.Empty, "unit", new HoldoutAssignment(string.Empty, HoldoutArm.Control, 0, false), DecisionVariant.Personalized, [], DateTimeOffset.UnixEpoch).Holdout);
        Assert.Equal("a", new Decision(info, [new RankedItem("a", 1)]).Items[0].ItemKey);
    }

    [Fact]
    public void No_exported_type_is_a_positional_record()
    {
        // A positional record exposes a compiler-generated Deconstruct, and a record class an
        // EqualityContract and a <Clone>$ method: each binds callers to today's list of fields.
        var records = Exported
            .Where(type => type.GetMembers(Members).Any(IsRecordMachinery))
            .Select(type => type.FullName)
            .ToArray();

        Assert.Empty(records);
    }

    [Fact]
    public void The_record_check_recognises_a_positional_record()
    {
        Assert.Contains(typeof(PositionalRecord).GetMembers(Members), IsRecordMachinery);
        Assert.Contains(typeof(PositionalRecordStruct).GetMembers(Members), IsRecordMachinery);
        Assert.DoesNotContain(typeof(RankedItem).GetMembers(Members), IsRecordMachinery);
    }

    [Theory]
    [InlineData(typeof(RankedItem))]
    [InlineData(typeof(HoldoutAssignment))]
    [InlineData(typeof(DecisionInfo))]
    [InlineData(typeof(Outcome))]
    [InlineData(typeof(SignalContribution))]
    public void The_small_results_on_hot_paths_are_readonly_structs_with_value_equality(Type type)
    {
        Assert.True(type.IsValueType);
        Assert.NotNull(type.GetCustomAttribute<IsReadOnlyAttribute>());
        Assert.Contains(typeof(IEquatable<>).MakeGenericType(type), type.GetInterfaces());
        Assert.NotNull(type.GetMethod("op_Equality", [type, type]));
        Assert.NotNull(type.GetMethod("op_Inequality", [type, type]));
        Assert.DoesNotContain(type.GetProperties(), property => property.SetMethod is not null);
    }

    [Theory]
    [InlineData(typeof(CandidateRemoval))]
    [InlineData(typeof(RuleInfo))]
    [InlineData(typeof(RuleDescriptor))]
    [InlineData(typeof(ArmResult))]
    [InlineData(typeof(LiftEstimate))]
    [InlineData(typeof(SampleRatioCheck))]
    [InlineData(typeof(ReadinessFigure))]
    [InlineData(typeof(SignalHealth))]
    [InlineData(typeof(ReadinessCoverage))]
    [InlineData(typeof(PlacementReadiness))]
    [InlineData(typeof(Decision))]
    [InlineData(typeof(DecisionExplanation))]
    [InlineData(typeof(ItemExplanation))]
    [InlineData(typeof(LiftReport))]
    [InlineData(typeof(ReadinessReport))]
    public void The_reports_are_sealed_classes_with_get_only_properties_and_a_public_constructor(Type type)
    {
        Assert.True(type.IsClass && type.IsSealed);
        Assert.DoesNotContain(type.GetProperties(), property => property.SetMethod is not null);
        Assert.Single(type.GetConstructors());
    }

    [Fact]
    public void An_event_has_no_settable_property_but_its_timestamp()
    {
        var settable = typeof(PersonalizationEvent).GetProperties()
            .Where(property => property.SetMethod is { IsPublic: true })
            .Select(property => property.Name);

        Assert.Equal([nameof(PersonalizationEvent.Timestamp)], settable);
    }

    private static bool IsRecordMachinery(MemberInfo member) =>
        member.Name is "EqualityContract" or "<Clone>$"
        || (member.Name == "Deconstruct" && member.GetCustomAttribute<CompilerGeneratedAttribute>() is not null);

    private sealed record PositionalRecord(int Value);

    private readonly record struct PositionalRecordStruct(int Value);
}
