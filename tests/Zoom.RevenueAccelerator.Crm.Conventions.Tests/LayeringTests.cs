using System.Reflection;

namespace Zoom.RevenueAccelerator.Crm.Conventions.Tests;

public sealed class LayeringTests
{
    private static readonly string[] s_allowedPublicApiAssemblies =
    [
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Options",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Hosting.Abstractions",
    ];

    [Fact]
    public void Every_src_project_is_loaded_and_checked_by_these_rules()
    {
        var testProject = File.ReadAllText(Path.Combine(ShippingAssemblies.RepositoryRoot, "tests", "Zoom.RevenueAccelerator.Crm.Conventions.Tests", "Zoom.RevenueAccelerator.Crm.Conventions.Tests.csproj"));

        foreach (var name in ShippingAssemblies.ProjectNames)
        {
            Assert.Contains($"src/{name}/{name}.csproj", testProject, StringComparison.Ordinal);
        }

        Assert.Contains(ShippingAssemblies.All, a => a.GetName().Name == "Zoom.RevenueAccelerator.Crm.Abstractions");
    }

    [Fact]
    public void Abstractions_has_no_package_references_and_references_only_the_base_class_library()
    {
        var project = ShippingAssemblies.Project("Zoom.RevenueAccelerator.Crm.Abstractions");
        var assembly = typeof(ICrmConnector).Assembly;

        Assert.DoesNotContain(project.Descendants(), e => e.Name.LocalName is "PackageReference" or "ProjectReference");
        Assert.All(assembly.GetReferencedAssemblies(), r => Assert.True(IsBaseClassLibrary(r), $"Abstractions references {r.Name}"));
    }

    [Fact]
    public void Our_packages_reference_only_the_packages_their_layer_allows()
    {
        foreach (var assembly in ShippingAssemblies.All)
        {
            var name = assembly.GetName().Name!;
            var own = assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith(ShippingAssemblies.Prefix, StringComparison.Ordinal)).ToArray();
            // Providers reference core and the abstractions only; what they need of sync and
            // matching reaches them through core's public surface.
            var allowed = ShippingAssemblies.IsProvider(name)
                ? [ShippingAssemblies.Prefix, ShippingAssemblies.Prefix + ".Abstractions"]
                : ShippingAssemblies.AllowedOwnReferences[name];
            foreach (var reference in own)
            {
                Assert.True(allowed.Contains(reference), $"{name} references {reference}, which its layer does not allow.");
            }
        }
    }

    [Fact]
    public void Matching_adds_no_package_reference_and_references_only_the_abstractions()
    {
        var project = ShippingAssemblies.Project(ShippingAssemblies.Prefix + ".Matching");
        var assembly = ShippingAssemblies.All.Single(a => a.GetName().Name == ShippingAssemblies.Prefix + ".Matching");

        Assert.DoesNotContain(project.Descendants(), e => e.Name.LocalName == "PackageReference");
        Assert.All(assembly.GetReferencedAssemblies(), r => Assert.True(IsBaseClassLibrary(r) || r.Name == ShippingAssemblies.Prefix + ".Abstractions", $"Matching references {r.Name}"));
    }

    [Fact]
    public void The_package_references_every_src_project_shares_are_development_only()
    {
        // src/Directory.Build.props adds the API and banned-symbol analyzers to every package,
        // the abstractions included: they must not become dependencies of any package.
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(ShippingAssemblies.RepositoryRoot, "src", "Directory.Build.props"));
        var shared = props.Descendants().Where(e => e.Name.LocalName == "PackageReference").ToArray();

        Assert.NotEmpty(shared);
        Assert.All(shared, r => Assert.Equal("all", (string?)r.Attribute("PrivateAssets")));
    }

    [Theory]
    [InlineData("Microsoft.Extensions.Http.Resilience")]
    [InlineData("Microsoft.IdentityModel.JsonWebTokens")]
    public void Only_providers_and_the_emulators_reference_HTTP_resilience_and_JWT_libraries(string library)
    {
        // The Testing package's emulators verify JWT bearer assertions as the CRM's token endpoint does.
        var users = ShippingAssemblies.All
            .Where(a => a.GetReferencedAssemblies().Any(r => r.Name == library))
            .Select(a => a.GetName().Name!)
            .ToArray();

        Assert.Contains(ShippingAssemblies.Prefix + ".Salesforce", users);
        Assert.DoesNotContain(users, n => !ShippingAssemblies.IsProvider(n) && n != ShippingAssemblies.Prefix + ".Testing");
    }

    [Fact]
    public void Providers_never_reference_each_other()
    {
        var providers = ShippingAssemblies.All.Where(a => ShippingAssemblies.IsProvider(a.GetName().Name!)).ToArray();

        foreach (var provider in providers)
        {
            var references = provider.GetReferencedAssemblies().Select(r => r.Name!).ToHashSet(StringComparer.Ordinal);
            foreach (var other in providers.Where(p => p != provider))
            {
                Assert.DoesNotContain(other.GetName().Name!, references);
            }
        }
    }

    [Fact]
    public void No_public_member_exposes_a_type_of_a_dependency_outside_the_allowed_abstractions()
    {
        var problems = new List<string>();
        foreach (var assembly in ShippingAssemblies.All)
        {
            foreach (var type in assembly.GetExportedTypes())
            {
                foreach (var (member, exposed) in ExposedTypes(type))
                {
                    var owner = exposed.Assembly.GetName();
                    if (!IsBaseClassLibrary(owner) && !owner.Name!.StartsWith(ShippingAssemblies.Prefix, StringComparison.Ordinal) && !s_allowedPublicApiAssemblies.Contains(owner.Name))
                    {
                        problems.Add($"{type.FullName}.{member} exposes {exposed.FullName} from {owner.Name}");
                    }
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_abstractions_expose_no_HTTP_or_JSON_type()
    {
        // Connectors speak HTTP, JSON or GraphQL behind the contract; none of it leaks into it.
        var problems = typeof(ICrmConnector).Assembly.GetExportedTypes()
            .SelectMany(t => ExposedTypes(t).Select(e => (Where: $"{t.FullName}.{e.Member}", e.Exposed)))
            .Where(e => e.Exposed.Namespace is { } ns && (ns.StartsWith("System.Net", StringComparison.Ordinal) || ns.StartsWith("System.Text.Json", StringComparison.Ordinal)))
            .Select(e => $"{e.Where} exposes {e.Exposed.FullName}")
            .ToArray();

        Assert.Empty(problems);
    }

    [Fact]
    public void Implementation_types_are_internal_and_sealed()
    {
        var unsealed = ShippingAssemblies.All
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsPublic && !t.IsNestedPublic && !t.IsAbstract && !t.IsSealed)
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal) && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false))
            .Select(t => t.FullName)
            .ToArray();

        Assert.Empty(unsealed);
    }

    private static bool IsBaseClassLibrary(AssemblyName name) =>
        name.Name is "netstandard" or "mscorlib" || name.Name!.StartsWith("System", StringComparison.Ordinal) || name.Name == "Microsoft.Win32.Primitives";

    private static IEnumerable<(string Member, Type Exposed)> ExposedTypes(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            foreach (var t in Flatten(baseType))
            {
                yield return ("(base)", t);
            }
        }

        foreach (var member in type.GetMembers(flags).Concat(type.GetMembers(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m is MethodBase { IsFamily: true } or PropertyInfo { GetMethod.IsFamily: true })))
        {
            IEnumerable<Type> types = member switch
            {
                MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
                ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
                PropertyInfo p => [p.PropertyType],
                FieldInfo f => [f.FieldType],
                EventInfo e => [e.EventHandlerType!],
                _ => [],
            };
            foreach (var t in types.SelectMany(Flatten))
            {
                yield return (member.Name, t);
            }
        }
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Flatten(type.GetElementType()!))
            {
                yield return t;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var t in Flatten(argument))
            {
                yield return t;
            }
        }
    }
}
